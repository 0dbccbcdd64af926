#include "sniff_structure.h"

#include <algorithm>
#include <array>
#include <vector>

#include <nlohmann/json.hpp>

namespace trinity::artifact {
namespace {

using json = nlohmann::json;

// How many lines or rows of the head the structural checks look at.
constexpr std::size_t kMaxLines = 200;

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\f\v");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\f\v");
    return s.substr(first, last - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

// Complete lines of the head: when the head is a prefix, the text after the
// last newline may be cut and is left out.
std::vector<std::string_view> complete_lines(std::string_view text, bool complete,
                                             std::size_t max_lines) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size() && lines.size() < max_lines) {
        const auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (complete) lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

// [SECTION] .reg ---------------------------------------------------------------

bool is_reg_export(std::string_view text) {
    for (auto line : complete_lines(text, true, 8)) {
        const auto t = trim(line);
        if (t.empty()) continue;
        return iequals(t, "Windows Registry Editor Version 5.00") || iequals(t, "REGEDIT4");
    }
    return false;
}

// [SECTION] JSON and JSON lines -------------------------------------------------

// Records where a SAX parse failed; accepts every value.
class ErrorRecorder final : public nlohmann::json_sax<json> {
public:
    bool failed = false;
    std::size_t position = 0;
    std::string message;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
        failed = true;
        position = pos;
        message = ex.what();
        return false;
    }
};

ErrorRecorder parse_json(std::string_view text) {
    ErrorRecorder recorder;
    try {
        json::sax_parse(text.begin(), text.end(), &recorder);
    } catch (const std::exception& e) {  // nlohmann reports through the SAX; belt and braces
        recorder.failed = true;
        recorder.message = e.what();
    }
    return recorder;
}

std::string line_column(std::string_view text, std::size_t position) {
    position = std::min(position, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < position; ++i) {
        if (text[i] == '\n') { ++line; column = 1; }
        else ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool starts_value(std::string_view s) {
    const auto t = trim(s);
    return !t.empty() && (t.front() == '{' || t.front() == '[');
}

StructureGuess sniff_json(std::string_view text, bool complete) {
    // One value per line (NDJSON): the first line is a whole value and so
    // are most of the others (a broken line is the parser's to report).
    const auto lines = complete_lines(text, complete, kMaxLines);
    std::size_t checked = 0, good = 0;
    bool first_good = false;
    for (auto line : lines) {
        const auto t = trim(line);
        if (t.empty()) continue;
        const bool ok = json::accept(t);
        if (checked == 0) {
            first_good = ok && starts_value(t);
            if (!first_good) break;
        }
        ++checked;
        good += ok;
    }
    if (first_good) {
        if (checked >= 2 && good * 5 >= checked * 4) {
            return {Format::jsonl, 0, "one JSON value per line"};
        }
        if (checked == 1) {
            // One line: a document, unless the cut text after it starts another.
            const auto after = text.substr(std::min(text.size(), lines.front().size() + 1));
            if (!complete && starts_value(after)) return {Format::jsonl, 0, "one JSON value per line"};
            if (trim(after).empty() || !complete) return {Format::json, 0, "one JSON document"};
        }
    }

    const ErrorRecorder whole = parse_json(text);
    if (!whole.failed) return {Format::json, 0, "one JSON document"};
    if (!complete && whole.position >= text.size()) {
        return {Format::json, 0, "JSON document (the head is a valid prefix)"};
    }
    // A complete value followed by another: concatenated values. The parser
    // stops just after the unexpected token; its token text is no help, as it
    // runs on from the last scalar ("1\n}\n{").
    const bool next_is_value = whole.position >= 1 && whole.position <= text.size() &&
                               (text[whole.position - 1] == '{' || text[whole.position - 1] == '[');
    if (whole.message.find("expected end of input") != std::string::npos && next_is_value) {
        return {Format::jsonl, 0, "concatenated JSON values"};
    }
    // "[2026-11-20 09:14:03] sshd: ..." is a log, not broken JSON: only say
    // "malformed" when the text got past its first line as JSON.
    const auto first_newline = text.find('\n');
    if (text.front() == '[' && (first_newline == std::string_view::npos || whole.position <= first_newline)) {
        return {Format::text, 0, {}};
    }
    return {Format::text, 0, "starts like JSON but is malformed at " + line_column(text, whole.position)};
}

// [SECTION] CSV ------------------------------------------------------------------

struct CsvScan {
    std::vector<std::size_t> field_counts;  // per record
    std::vector<std::string> header;        // fields of the first record
    bool unterminated_quote = false;
};

// RFC 4180 records: quoted fields may hold delimiters, quotes ("") and line
// breaks. Blank lines are skipped; CR before LF is dropped (wmic writes CRCRLF).
CsvScan scan_csv(std::string_view text, char delim, bool complete) {
    CsvScan scan;
    std::size_t fields = 1;
    std::string field;
    bool in_quotes = false, field_start = true, record_blank = true;
    bool first_record = true;
    auto end_field = [&] {
        if (first_record) scan.header.emplace_back(trim(field));
        field.clear();
    };
    auto end_record = [&] {
        if (!record_blank) {
            end_field();
            scan.field_counts.push_back(fields);
            first_record = false;
        }
        field.clear();
        fields = 1;
        field_start = true;
        record_blank = true;
    };
    std::size_t i = 0;
    for (; i < text.size() && scan.field_counts.size() < kMaxLines; ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
                else in_quotes = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"' && field_start) { in_quotes = true; field_start = false; record_blank = false; continue; }
        if (c == '\n') { end_record(); continue; }
        if (c == '\r') continue;
        if (c == delim) { end_field(); ++fields; field_start = true; record_blank = false; continue; }
        if (c != ' ' && c != '\t') field_start = false;
        if (c != ' ' && c != '\t') record_blank = false;
        field += c;
    }
    if (i >= text.size()) {
        if (in_quotes) {
            scan.unterminated_quote = complete;
        } else if (complete) {
            end_record();  // a last record without a final newline
        }
        // A prefix: the cut last record is left out.
    }
    return scan;
}

bool plausible_header(const std::vector<std::string>& header) {
    if (header.size() < 2) return false;
    std::size_t empty = 0;
    for (const auto& name : header) {
        if (name.empty()) ++empty;
        if (name.size() > 128) return false;
    }
    return empty <= 1;
}

StructureGuess sniff_csv(std::string_view text, bool complete) {
    constexpr std::array<char, 4> kDelimiters = {',', '\t', ';', '|'};
    // PowerShell 5's Export-Csv writes "#TYPE System.Diagnostics.Process"
    // above the header unless told -NoTypeInformation.
    const auto first = text.find_first_not_of("\r\n");
    if (first != std::string_view::npos && text.substr(first).starts_with("#TYPE ")) {
        const auto nl = text.find('\n', first);
        if (nl == std::string_view::npos) return {};
        text.remove_prefix(nl + 1);
    }
    StructureGuess best;
    std::size_t best_fields = 0;
    for (char delim : kDelimiters) {
        const CsvScan scan = scan_csv(text, delim, complete);
        if (scan.unterminated_quote || scan.field_counts.size() < 2) continue;
        if (!plausible_header(scan.header)) continue;
        const std::size_t width = scan.field_counts.front();
        std::size_t rows = 0, same = 0;
        bool narrower = false;
        for (std::size_t r = 1; r < scan.field_counts.size(); ++r) {
            ++rows;
            if (scan.field_counts[r] == width) ++same;
            else if (scan.field_counts[r] < width) narrower = true;
        }
        // Every row as wide as the header, but for a few wider ones (unquoted
        // delimiters inside the last column, as wmic writes command lines).
        if (narrower || same == 0 || same * 5 < rows * 4) continue;
        if (width > best_fields) {
            best_fields = width;
            best = {Format::csv, delim,
                    std::to_string(width) + " columns, " + std::to_string(rows) +
                        (rows == 1 ? " row checked" : " rows checked")};
        }
    }
    return best;
}

}  // namespace

StructureGuess sniff_structure(std::string_view text, bool complete) {
    if (is_reg_export(text)) return {Format::reg, 0, "regedit export header"};
    const auto first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) return {Format::text, 0, "only whitespace"};
    if (text[first] == '{' || text[first] == '[') {
        StructureGuess json_guess = sniff_json(text.substr(first), complete);
        if (json_guess.format != Format::text) return json_guess;
        // Not JSON after all: a CSV or text that starts with a bracket.
        StructureGuess csv = sniff_csv(text, complete);
        return csv.format == Format::csv ? csv : json_guess;
    }
    StructureGuess csv = sniff_csv(text, complete);
    if (csv.format == Format::csv) return csv;
    return {Format::text, 0, {}};
}

}  // namespace trinity::artifact
