#include "evtx_command.h"

#include <algorithm>
#include <cstdio>
#include <thread>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "file_byte_source.h"
#include "trinity/artifact/codepage.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"

namespace trinity::cli {
namespace {

struct DumpOptions {
    std::string path;
    bool xml = false;
    bool json = false;
    bool jsonl = false;
    bool no_recovered = false;
    bool fields = false;
    unsigned threads = 0;  // 0: all cores
    std::string codepage = "1252";
};

void print_warnings(const evtx::EvtxReader& reader, const std::string& path) {
    for (const auto& w : reader.warnings()) {
        std::fprintf(stderr, "trinity: %s@%llu: warning: %s\n", path.c_str(),
                     static_cast<unsigned long long>(w.offset), w.message.c_str());
    }
}

// An EVTX file opened for reading, or a message on stderr.
struct OpenEvtx {
    std::unique_ptr<FileByteSource> source;
    evtx::EvtxReader reader;
    evtx::FileHeader header;

    static std::unique_ptr<OpenEvtx> open(const std::string& path) {
        auto source = FileByteSource::open(path);
        if (!source) {
            std::fprintf(stderr, "trinity: %s\n", source.error().describe().c_str());
            return nullptr;
        }
        auto file = std::unique_ptr<OpenEvtx>(new OpenEvtx(std::move(*source)));
        auto header = file->reader.open();
        if (!header) {
            std::fprintf(stderr, "trinity: %s\n", header.error().describe().c_str());
            return nullptr;
        }
        file->header = *header;
        return file;
    }

private:
    explicit OpenEvtx(std::unique_ptr<FileByteSource> s) : source(std::move(s)), reader(*source) {}
};

int run_dump(const DumpOptions& o) {
    const auto codepage = artifact::parse_codepage(o.codepage);
    if (!codepage) {
        std::fprintf(stderr, "trinity: unknown code page '%s' (try 1252, 1251, 932, ...)\n", o.codepage.c_str());
        return 2;
    }
    auto file = OpenEvtx::open(o.path);
    if (!file) return 1;
    evtx::EvtxReader& reader = file->reader;
    reader.set_ansi_codepage(*codepage);
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    // Rendering runs on the parsing threads; printing stays in file order.
    auto render = [&o](const evtx::Record& r, std::string& out) {
        if (r.recovered && o.no_recovered) return;
        if (o.fields) {
            // One flat object per record, with Sigma's field names.
            nlohmann::ordered_json j = {{"record_id", r.record_id}, {"recovered", r.recovered}};
            for (const auto& [name, value] : evtx::extract_fields(r).items) {
                if (!j.contains(name)) j[name] = value;
            }
            out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += '\n';
        } else if (o.json || o.jsonl) {
            // One object per record: where it came from, then the event.
            out += "{\"record_id\":" + std::to_string(r.record_id) + ",\"timestamp\":\"" +
                   evtx::filetime_iso(r.written_filetime) + "\",\"offset\":" + std::to_string(r.offset) +
                   ",\"recovered\":" + (r.recovered ? "true" : "false") + ",\"event\":" +
                   evtx::render_json(r, false) + "}\n";
        } else {
            out += "<!-- record " + std::to_string(r.record_id) + (r.recovered ? " (recovered)" : "") + " -->\n";
            out += evtx::render_xml(r);
        }
    };
    auto stats = reader.read_parallel(render, [](const evtx::Record&, std::string_view text) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return true;
    }, threads);
    print_warnings(reader, o.path);
    if (!stats) {
        std::fprintf(stderr, "trinity: %s\n", stats.error().describe().c_str());
        return 1;
    }
    return 0;
}

int run_info(const std::string& path, bool as_json) {
    auto file = OpenEvtx::open(path);
    if (!file) return 1;
    evtx::EvtxReader& reader = file->reader;
    const evtx::FileHeader& h = file->header;
    auto stats = reader.read([](const evtx::Record&) { return true; });
    if (!stats) {
        std::fprintf(stderr, "trinity: %s\n", stats.error().describe().c_str());
        return 1;
    }
    nlohmann::ordered_json j = {
        {"file", path},
        {"version", std::to_string(h.major_version) + "." + std::to_string(h.minor_version)},
        {"dirty", h.dirty()},
        {"full", h.full()},
        {"header_checksum_ok", h.checksum_ok},
        {"header_chunk_count", h.chunk_count},
        {"next_record_id", h.next_record_id},
        {"chunks", stats->chunks},
        {"skipped_chunks", stats->skipped_chunks},
        {"records", stats->records},
        {"recovered_records", stats->recovered},
        {"bad_records", stats->bad_records},
    };
    nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
    for (const auto& w : reader.warnings()) warnings.push_back({{"offset", w.offset}, {"message", w.message}});
    j["warnings"] = warnings;
    if (as_json) {
        std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return 0;
    }
    std::printf("file             %s\n", path.c_str());
    std::printf("format version   %u.%u%s%s\n", h.major_version, h.minor_version, h.dirty() ? ", dirty" : "",
                h.full() ? ", full" : "");
    std::printf("header checksum  %s\n", h.checksum_ok ? "ok" : "MISMATCH");
    std::printf("chunks           %llu in the file (%u in the header), %llu skipped\n",
                static_cast<unsigned long long>(stats->chunks), h.chunk_count,
                static_cast<unsigned long long>(stats->skipped_chunks));
    std::printf("records          %llu live, %llu recovered from slack, %llu unreadable\n",
                static_cast<unsigned long long>(stats->records), static_cast<unsigned long long>(stats->recovered),
                static_cast<unsigned long long>(stats->bad_records));
    std::printf("warnings         %zu\n", reader.warnings().size());
    for (const auto& w : reader.warnings()) {
        std::printf("  @%-10llu %s\n", static_cast<unsigned long long>(w.offset), w.message.c_str());
    }
    return 0;
}

}  // namespace

void add_evtx_command(CLI::App& app, int& exit_code) {
    CLI::App* evtx = app.add_subcommand("evtx", "Windows event logs (EVTX)");
    evtx->require_subcommand(1);

    auto dump = std::make_shared<DumpOptions>();
    CLI::App* d = evtx->add_subcommand("dump", "Print every record as XML (default) or JSON lines");
    d->add_option("file", dump->path, "EVTX file")->required();
    auto* x = d->add_flag("--xml", dump->xml, "XML, as the event viewer exports it");
    auto* j = d->add_flag("--json", dump->json, "One JSON object per record (evtx_dump's event shape)");
    auto* l = d->add_flag("--jsonl", dump->jsonl, "Same as --json");
    auto* fl = d->add_flag("--fields", dump->fields, "One flat JSON object per record, with Sigma's field names");
    x->excludes(j)->excludes(l)->excludes(fl);
    j->excludes(fl);
    l->excludes(fl);
    d->add_flag("--no-recovered", dump->no_recovered, "Leave out records recovered from chunk slack");
    d->add_option("--threads", dump->threads, "Parse chunks on this many threads (default: all cores)");
    d->add_option("--codepage", dump->codepage,
                  "Code page of ANSI strings in the log: 1252 (default), 1250-1258, 437, 850, 866, 932, 936, 949, 950");
    d->callback([dump, &exit_code] { exit_code = run_dump(*dump); });

    auto info_path = std::make_shared<std::string>();
    auto info_json = std::make_shared<bool>(false);
    CLI::App* i = evtx->add_subcommand("info", "Header, chunks, record counts and warnings");
    i->add_option("file", *info_path, "EVTX file")->required();
    i->add_flag("--json", *info_json, "As JSON");
    i->callback([info_path, info_json, &exit_code] { exit_code = run_info(*info_path, *info_json); });
}

}  // namespace trinity::cli
