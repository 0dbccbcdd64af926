// CSV feeds: a header naming a value column (value / indicator / ioc /
// observable, or a column named after a type: "sha256", "url", ...) and
// optional type, verdict, tags, description and source columns; or no
// header and one value per line, its type inferred. '#' lines are comments.
// Rows are read one at a time; a bad row is rejected with its line number
// and the rest of the feed is kept.
#include <optional>
#include <string>
#include <vector>

#include "csv_records.h"
#include "feed_index.h"
#include "text_fold.h"

namespace trinity::intel::detail {
namespace {

std::string lowered_trimmed(std::string_view s) { return lowered(trimmed(s)); }

bool one_of(const std::string& s, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (s == n) return true;
    return false;
}

// Which column holds what; -1 for absent.
struct Columns {
    int value = -1;
    int type = -1;
    int verdict = -1;
    int description = -1;
    int source = -1;
    std::vector<int> tags;
    std::string fixed_type;  // the value column is named after a type ("sha256")

    static std::optional<Columns> from_header(const std::vector<std::string>& fields) {
        Columns c;
        int typed_value = -1;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const int col = static_cast<int>(i);
            const std::string name = lowered_trimmed(fields[i]);
            if (one_of(name, {"value", "indicator", "ioc", "observable", "ioc_value", "indicator_value"})) {
                if (c.value < 0) c.value = col;
            } else if (one_of(name, {"type", "ioc_type", "indicator_type", "kind", "observable_type"})) {
                c.type = col;
            } else if (one_of(name, {"verdict", "disposition", "classification", "reputation"})) {
                c.verdict = col;
            } else if (one_of(name, {"tags", "tag", "labels", "malware", "malware_family", "threat_type", "threat", "signature"})) {
                c.tags.push_back(col);
            } else if (one_of(name, {"description", "comment", "comments", "notes", "detail", "info"})) {
                c.description = col;
            } else if (one_of(name, {"source", "feed", "reporter", "provider"})) {
                c.source = col;
            } else if (typed_value < 0) {
                std::string type = name;
                if (type.size() > 5 && type.ends_with("_hash")) type.resize(type.size() - 5);
                if (ioc::parse_indicator_type(type) || type == "cidr") {
                    typed_value = col;
                    c.fixed_type = type;
                }
            }
        }
        if (c.value < 0) {
            if (typed_value < 0) return std::nullopt;
            c.value = typed_value;
        } else {
            c.fixed_type.clear();
        }
        return c;
    }
};

std::string_view field_at(const std::vector<std::string>& fields, int col) {
    if (col < 0 || static_cast<std::size_t>(col) >= fields.size()) return {};
    return trimmed(fields[static_cast<std::size_t>(col)]);
}

std::string shown(std::string_view value) {
    if (value.size() <= 80) return std::string(value);
    return std::string(value.substr(0, 77)) + "...";
}

bool known_type_name(std::string_view name) {
    const std::string n = lowered_trimmed(name);
    return ioc::parse_indicator_type(n) || one_of(n, {"hash", "cidr", "ip-range", "netblock"});
}

void split_tags(std::string_view text, char delimiter, std::vector<std::string>& out) {
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool sep = i == text.size() || text[i] == ';' || text[i] == '|' || (text[i] == ',' && delimiter != ',');
        if (!sep) continue;
        const std::string_view tag = trimmed(text.substr(start, i - start));
        if (!tag.empty()) out.emplace_back(tag);
        start = i + 1;
    }
}

bool skippable(std::string_view raw) {
    const std::size_t first = raw.find_first_not_of(" \t");
    return first == std::string_view::npos || raw[first] == '#';
}

}  // namespace

Result<void> load_csv(std::string_view text, FeedSink& sink) {
    // The first line that is not blank or a comment settles the delimiter
    // and whether there is a header.
    std::string_view first_line;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        if (!skippable(line)) {
            first_line = line;
            break;
        }
        pos = eol + 1;
    }
    const char delimiter = guess_delimiter(first_line);
    CsvRecords records(text, delimiter);
    std::vector<std::string> fields;
    std::optional<Columns> columns;
    bool first = true;
    bool headerless = false;
    for (;;) {
        const auto status = records.next(fields);
        if (status == CsvRecords::Status::end) break;
        const Location where = Location::at_line(sink.name(), records.line());
        if (status == CsvRecords::Status::unterminated_quote) {
            ++sink.report().entries;
            sink.reject("a quoted field is never closed; the line is skipped", where);
            continue;
        }
        if (skippable(records.raw())) continue;
        if (first) {
            first = false;
            columns = Columns::from_header(fields);
            if (columns) continue;  // the header row itself
            columns = Columns{};
            columns->value = 0;
            headerless = true;
        }
        ++sink.report().entries;
        const std::string_view value = field_at(fields, columns->value);
        if (value.empty()) {
            sink.reject(static_cast<std::size_t>(columns->value) >= fields.size()
                            ? "the row has " + std::to_string(fields.size()) + " fields; the value is in column " +
                                  std::to_string(columns->value + 1)
                            : std::string("empty value"),
                        where);
            continue;
        }
        std::string_view type = field_at(fields, columns->type);
        if (type.empty()) type = columns->fixed_type;
        std::optional<Target> target;
        if (!type.empty()) {
            if (!known_type_name(type)) {
                sink.reject("unknown indicator type '" + shown(type) + "'", where);
                continue;
            }
            target = make_target(type, value);
            if (!target) {
                sink.reject("'" + shown(value) + "' is not a valid " + std::string(type), where);
                continue;
            }
        } else {
            // Without a header, a line that is one indicator as a whole wins
            // over its first field: "http://a.example/x;y" is not cut at ';'.
            if (headerless && fields.size() > 1) target = infer_target(records.raw());
            if (!target) target = infer_target(value);
            if (!target) {
                sink.reject("'" + shown(value) + "' is not an indicator Trinity recognises", where);
                continue;
            }
        }
        Sighting s;
        s.feed = sink.name();
        s.verdict = Verdict::malicious;  // a list of indicators is a blocklist unless it says otherwise
        if (const std::string_view v = field_at(fields, columns->verdict); !v.empty()) {
            const auto verdict = parse_verdict(v);
            if (!verdict) {
                sink.reject("unknown verdict '" + shown(v) + "'", where);
                continue;
            }
            s.verdict = *verdict;
        }
        for (int col : columns->tags) split_tags(field_at(fields, col), delimiter, s.tags);
        s.detail = std::string(field_at(fields, columns->description));
        if (const std::string_view source = field_at(fields, columns->source); !source.empty())
            s.detail = s.detail.empty() ? "source: " + std::string(source) : s.detail + " (source: " + std::string(source) + ")";
        sink.add(s, {std::move(*target)});
    }
    return {};
}

}  // namespace trinity::intel::detail
