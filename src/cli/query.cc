// kroniek query: the researcher's questions to the corpus store; kroniek export: whole tables.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/errors.h"
#include "cli/commands.h"
#include "store/format.h"
#include "store/store_reader.h"

namespace kroniek::cli {
namespace {

struct QueryArgs {
  std::string db = "kroniek.db";
  std::string format;  // table, json, csv (default: table on a terminal, json otherwise)
  std::vector<std::string> words;  // search words / entity / doc id
  store::QueryParams p;
  bool all = false;
};

int Fail(const std::string& cmd, const Status& s) {
  PrintError(cmd, s.ToString());
  return s.error_id() == static_cast<int>(ErrorId::kBadParameter) ? kExitUsage : kExitFailed;
}

std::string Join(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& s : w) {
    if (!out.empty()) out.push_back(' ');
    out += s;
  }
  return out;
}

Result<std::unique_ptr<store::StoreReader>> OpenStore(const std::string& db) {
  if (access(db.c_str(), F_OK) != 0) {
    return MakeError(StatusCode::kNotFound, ErrorId::kStoreOpen,
                     db + ": no such store (make one with 'kroniek ingest --db " + db + " ...')");
  }
  return store::StoreReader::Open(db);
}

int RunQuery(const std::string& name, store::QueryKind kind, QueryArgs a) {
  const std::string cmd = "query " + name;
  std::string format = a.format.empty() ? (isatty(STDOUT_FILENO) ? "table" : "json") : a.format;
  if (format != "table" && format != "json" && format != "csv") {
    PrintError(cmd, "unknown --format '" + format + "' (choose table, json or csv) [E501]");
    return kExitUsage;
  }
  if (kind == store::QueryKind::kSearch) a.p.q = Join(a.words);
  if (kind == store::QueryKind::kTimeline || kind == store::QueryKind::kCooccur) {
    a.p.entity = Join(a.words);
  }
  if (a.all) a.p.limit = -1;
  Status v = store::ValidateParams(kind, a.p, 100000, true);
  if (!v.ok()) return Fail(cmd, v);
  auto reader = OpenStore(a.db);
  if (!reader.ok()) return Fail(cmd, reader.status());
  auto t = (*reader)->Run(kind, a.p);
  if (!t.ok()) return Fail(cmd, t.status());
  std::string out;
  if (format == "table") {
    out = store::FormatTextTable(*t);
  } else if (format == "csv") {
    out = store::FormatCsv(*t);
  } else {
    out = store::FormatJsonPage(*t, name, a.p.offset, a.p.limit) + "\n";
  }
  if (!WriteStdout(out)) {
    PrintError(cmd, "cannot write the output [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

int RunDoc(const QueryArgs& a) {
  const std::string cmd = "query doc";
  std::string format = a.format.empty() ? (isatty(STDOUT_FILENO) ? "table" : "json") : a.format;
  if (format != "table" && format != "json") {
    PrintError(cmd, "unknown --format '" + format + "' (choose table or json) [E501]");
    return kExitUsage;
  }
  auto reader = OpenStore(a.db);
  if (!reader.ok()) return Fail(cmd, reader.status());
  std::string id = Join(a.words);
  auto d = (*reader)->GetDoc(id);
  if (!d.ok()) return Fail(cmd, d.status());
  if (!*d) {
    PrintError(cmd, "no article with id '" + id + "' in " + a.db + " [E304]");
    return kExitFailed;
  }
  std::string out =
      format == "json" ? store::FormatStoredDocJson(**d) + "\n" : store::FormatStoredDocText(**d);
  if (!WriteStdout(out)) {
    PrintError(cmd, "cannot write the output [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

int RunStats(const QueryArgs& a) {
  const std::string cmd = "query stats";
  auto reader = OpenStore(a.db);
  if (!reader.ok()) return Fail(cmd, reader.status());
  auto s = (*reader)->Stats();
  if (!s.ok()) return Fail(cmd, s.status());
  if (!WriteStdout(store::FormatStatsJson(*s) + "\n")) return kExitFailed;
  return kExitOk;
}

CLI::App* AddQuery(CLI::App* parent, const std::string& name, const std::string& help,
                   std::shared_ptr<QueryArgs> args) {
  CLI::App* c = parent->add_subcommand(name, help);
  c->add_option("--db", args->db, "The store")->capture_default_str();
  c->add_option("--format", args->format,
                "Output: table, json or csv (default: table on a terminal, json otherwise)");
  return c;
}

void AddPaging(CLI::App* c, std::shared_ptr<QueryArgs> args) {
  c->add_option("--limit", args->p.limit, "Rows per page")->capture_default_str();
  c->add_option("--offset", args->p.offset, "Rows to skip")->capture_default_str();
  c->add_flag("--all", args->all, "Every row (no paging)");
}

void AddDates(CLI::App* c, std::shared_ptr<QueryArgs> args) {
  c->add_option("--from", args->p.from, "From this date (YYYY[-MM[-DD]], inclusive)");
  c->add_option("--to", args->p.to, "Up to this date (YYYY[-MM[-DD]], inclusive)");
}

struct ExportArgs {
  std::string db = "kroniek.db";
  std::string what;
  std::string out;
  store::QueryParams p;
};

int RunExport(const ExportArgs& a) {
  const std::string cmd = "export";
  store::QueryKind kind;
  if (a.what == "quotes")
    kind = store::QueryKind::kQuotes;
  else if (a.what == "entities")
    kind = store::QueryKind::kEntities;
  else if (a.what == "events")
    kind = store::QueryKind::kEvents;
  else {
    PrintError(cmd, "unknown table '" + a.what + "' (choose quotes, entities or events) [E501]");
    return kExitUsage;
  }
  store::QueryParams p = a.p;
  p.limit = -1;
  Status v = store::ValidateParams(kind, p, 1, true);
  if (!v.ok()) return Fail(cmd, v);
  auto reader = OpenStore(a.db);
  if (!reader.ok()) return Fail(cmd, reader.status());
  FILE* f = stdout;
  if (!a.out.empty() && a.out != "-") {
    f = std::fopen(a.out.c_str(), "wb");
    if (!f) {
      PrintError(cmd, a.out + ": cannot write [E502]");
      return kExitFailed;
    }
  }
  bool write_ok = true;
  auto put = [&](const std::string& s) {
    write_ok = write_ok && std::fwrite(s.data(), 1, s.size(), f) == s.size();
    return write_ok;
  };
  Status s;
  if (kind == store::QueryKind::kEvents) {
    s = (*reader)->ExportEventsJsonl(p, [&](const std::string& line) { return put(line + "\n"); });
  } else {
    std::vector<std::string> columns;
    bool header = false;
    s = (*reader)->Stream(kind, p, &columns, [&](std::vector<store::Value>&& row) {
      if (!header) {
        header = true;
        if (!put(store::CsvLine(columns))) return false;
      }
      return put(store::CsvRow(row));
    });
    if (s.ok() && !header) put(store::CsvLine(columns));
  }
  if (f != stdout) write_ok = std::fclose(f) == 0 && write_ok;
  if (!s.ok()) return Fail(cmd, s);
  if (!write_ok) {
    PrintError(cmd, "cannot write the output [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterQuery(CLI::App& app, int* exit_code) {
  CLI::App* q = app.add_subcommand("query", "Ask the corpus store (see docs/store.md)");
  q->require_subcommand(1);
  using K = store::QueryKind;
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "search",
                       "Full-text search of the articles (words, \"phrases\", OR, prefix*)", a);
    c->add_option("query", a->words, "What to search for")->required();
    AddDates(c, a);
    c->add_option("--entity", a->p.entity, "Only articles mentioning this entity (name or kb id)");
    c->add_flag("--unique", a->p.unique, "Leave out articles flagged as near-duplicates");
    AddPaging(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("search", K::kSearch, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "entities", "The entities of the corpus, most written about first", a);
    c->add_option("--type", a->p.type, "PER, ORG, LOC or MISC");
    c->add_option("--top", a->p.limit, "How many")->capture_default_str();
    c->add_option("--offset", a->p.offset, "Rows to skip");
    c->add_flag("--all", a->all, "Every entity");
    AddDates(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("entities", K::kEntities, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "timeline", "Articles mentioning an entity per day, week or month", a);
    c->add_option("entity", a->words, "Entity name or kb id")->required();
    c->add_option("--by", a->p.by, "day, week (ISO) or month")->capture_default_str();
    AddDates(c, a);
    a->p.limit = 1000;
    AddPaging(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("timeline", K::kTimeline, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "quotes", "Quotes, newest first", a);
    c->add_option("--speaker", a->p.speaker, "Said by this entity (name or kb id)");
    c->add_option("--about", a->p.about,
                  "Mentioning this entity inside the quote, else these words");
    AddDates(c, a);
    AddPaging(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("quotes", K::kQuotes, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "cooccur", "Entities named in the same articles as an entity", a);
    c->add_option("entity", a->words, "Entity name or kb id")->required();
    c->add_option("--type", a->p.type, "Only partners of this type (PER, ORG, LOC, MISC)");
    AddDates(c, a);
    AddPaging(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("cooccur", K::kCooccur, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "events", "PLOVER events, newest first", a);
    c->add_option("--type", a->p.type, "A PLOVER type (CONSULT, PROTEST, ...)");
    c->add_option("--actor", a->p.actor, "With this entity among the actors");
    AddDates(c, a);
    AddPaging(c, a);
    c->callback([a, exit_code] { *exit_code = RunQuery("events", K::kEvents, *a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = AddQuery(q, "doc", "One article with everything stored about it", a);
    c->add_option("id", a->words, "The article id")->required();
    c->callback([a, exit_code] { *exit_code = RunDoc(*a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    auto* c = q->add_subcommand("stats", "Counts of what the store holds (JSON)");
    c->add_option("--db", a->db, "The store")->capture_default_str();
    c->callback([a, exit_code] { *exit_code = RunStats(*a); });
  }
}

void RegisterExport(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* c =
      app.add_subcommand("export",
                         "Export a whole table of the store: quotes or entities as CSV, events as "
                         "PLOVER-style JSON Lines");
  c->add_option("what", a->what, "quotes, entities or events")->required();
  c->add_option("--db", a->db, "The store")->capture_default_str();
  c->add_option("-o,--out", a->out, "Output file (default standard output)");
  c->add_option("--from", a->p.from, "From this date (YYYY[-MM[-DD]])");
  c->add_option("--to", a->p.to, "Up to this date (YYYY[-MM[-DD]])");
  c->add_option("--type", a->p.type, "entities: PER/ORG/LOC/MISC; events: a PLOVER type");
  c->add_option("--speaker", a->p.speaker, "quotes: said by this entity");
  c->add_option("--actor", a->p.actor, "events: with this actor");
  c->callback([a, exit_code] { *exit_code = RunExport(*a); });
}

}  // namespace kroniek::cli
