// CsvRecords: RFC 4180 records from text, one at a time: quoted fields
// (with "" for a quote, and line breaks inside quotes), CRLF or LF line
// ends. A quote left open to the end of the text spoils only its own line:
// the reader reports it and resumes on the next line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::intel::detail {

class CsvRecords {
public:
    enum class Status { record, end, unterminated_quote };

    // delimiter '\0': the whole line is one field (quotes still removed).
    CsvRecords(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

    Status next(std::vector<std::string>& fields);
    // The line the last record began on (1-based).
    std::uint64_t line() const { return record_line_; }
    // The raw text of the last record (without its line end).
    std::string_view raw() const { return raw_; }
    void set_delimiter(char delimiter) { delimiter_ = delimiter; }

private:
    std::string_view text_;
    char delimiter_;
    std::size_t pos_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t record_line_ = 0;
    std::string_view raw_;
};

// The delimiter a line uses: the most frequent of , ; TAB | outside quotes,
// or '\0' when it has none.
char guess_delimiter(std::string_view line);

}  // namespace trinity::intel::detail
