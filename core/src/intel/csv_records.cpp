// RFC 4180 record reading for CSV feeds (see csv_records.h).
#include "csv_records.h"

#include <array>

namespace trinity::intel::detail {

CsvRecords::Status CsvRecords::next(std::vector<std::string>& fields) {
    fields.clear();
    if (pos_ >= text_.size()) return Status::end;
    const std::size_t start = pos_;
    const std::uint64_t start_line = line_;
    record_line_ = line_;
    std::string field;
    bool quoted = false;       // inside a quoted section
    bool was_quoted = false;   // the field began with a quote
    std::size_t i = pos_;
    for (; i < text_.size(); ++i) {
        const char c = text_[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text_.size() && text_[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line_;
                field += c;
            }
            continue;
        }
        if (c == '\n' || c == '\r') break;
        if (c == '"' && field.empty() && !was_quoted) {
            quoted = true;
            was_quoted = true;
        } else if (delimiter_ != '\0' && c == delimiter_) {
            fields.push_back(std::move(field));
            field.clear();
            was_quoted = false;
        } else {
            field += c;  // a stray quote inside an unquoted field is kept as text
        }
    }
    if (quoted) {
        // Open to the end: give up on this line only.
        const std::size_t eol = text_.find('\n', start);
        pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
        line_ = start_line + 1;
        raw_ = text_.substr(start, (eol == std::string_view::npos ? text_.size() : eol) - start);
        return Status::unterminated_quote;
    }
    fields.push_back(std::move(field));
    raw_ = text_.substr(start, i - start);
    if (i < text_.size() && text_[i] == '\r') ++i;
    if (i < text_.size() && text_[i] == '\n') ++i;
    ++line_;
    pos_ = i;
    return Status::record;
}

char guess_delimiter(std::string_view line) {
    static constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
    std::array<std::size_t, 4> counts{};
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        for (std::size_t k = 0; k < kCandidates.size(); ++k)
            if (c == kCandidates[k]) ++counts[k];
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < counts.size(); ++k)
        if (counts[k] > counts[best]) best = k;
    return counts[best] ? kCandidates[best] : '\0';
}

}  // namespace trinity::intel::detail
