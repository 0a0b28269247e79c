#include "store/store_reader.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "base/errors.h"
#include "base/utf8.h"
#include "store/schema.h"

namespace kroniek::store {
namespace {

// SQL text assembled from constant fragments, with the values bound in order.
struct Sql {
  std::string text;
  std::vector<Value> binds;
  Sql& operator<<(const char* fragment) {
    text += fragment;
    return *this;
  }
  Sql& Param(Value v) {
    binds.push_back(std::move(v));
    return *this;
  }
};

void BindAll(Stmt& st, const std::vector<Value>& binds) {
  for (size_t i = 0; i < binds.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    const Value& v = binds[i];
    if (std::holds_alternative<int64_t>(v)) {
      st.Bind(idx, std::get<int64_t>(v));
    } else if (std::holds_alternative<double>(v)) {
      st.Bind(idx, std::get<double>(v));
    } else if (std::holds_alternative<std::string>(v)) {
      st.Bind(idx, std::get<std::string>(v));
    } else {
      st.BindNull(idx);
    }
  }
}

Value Cell(const Stmt& st, int col) {
  switch (st.ColumnType(col)) {
    case SQLITE_INTEGER:
      return st.Int(col);
    case SQLITE_FLOAT:
      return st.Real(col);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return st.Text(col);
  }
}

std::string IdsJson(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out.push_back(',');
    out += std::to_string(ids[i]);
  }
  out.push_back(']');
  return out;
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and a day the month has.
bool IsDate(const std::string& d) {
  auto num = [&](size_t from, size_t n, int* out) {
    if (d.size() < from + n) return false;
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + (d[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, day = 0;
  if (!num(0, 4, &y)) return false;
  if (d.size() == 4) return true;
  if (d.size() < 7 || d[4] != '-' || !num(5, 2, &m) || m < 1 || m > 12) return false;
  if (d.size() == 7) return true;
  if (d.size() != 10 || d[7] != '-' || !num(8, 2, &day)) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day >= 1 && day <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void DateFilters(Sql& sql, const char* column, const QueryParams& p) {
  if (!p.from.empty()) {
    sql << " AND " << column << " >= ?";
    sql.Param(LowerDay(p.from));
  }
  if (!p.to.empty()) {
    sql << " AND " << column << " <= ?";
    sql.Param(UpperDay(p.to));
  }
}

constexpr const char* kEntityIn = " IN (SELECT value FROM json_each(?))";

}  // namespace

const char* QueryKindName(QueryKind kind) {
  switch (kind) {
    case QueryKind::kSearch:
      return "search";
    case QueryKind::kEntities:
      return "entities";
    case QueryKind::kTimeline:
      return "timeline";
    case QueryKind::kQuotes:
      return "quotes";
    case QueryKind::kCooccur:
      return "cooccur";
    case QueryKind::kEvents:
      return "events";
  }
  return "?";
}

namespace {
int64_t DatePart(const std::string& date, size_t from, size_t n) {
  return date.size() >= from + n ? std::stoll(date.substr(from, n)) : 0;
}
}  // namespace

int64_t LowerDay(const std::string& date) {
  int64_t y = DatePart(date, 0, 4);
  if (date.size() == 4) return y * 10000 + 101;
  int64_t m = DatePart(date, 5, 2);
  if (date.size() == 7) return y * 10000 + m * 100 + 1;
  return y * 10000 + m * 100 + DatePart(date, 8, 2);
}

int64_t UpperDay(const std::string& date) {
  int64_t y = DatePart(date, 0, 4);
  if (date.size() == 4) return y * 10000 + 1299;
  int64_t m = DatePart(date, 5, 2);
  if (date.size() == 7) return y * 10000 + m * 100 + 99;
  return y * 10000 + m * 100 + DatePart(date, 8, 2);
}

std::string DayText(int64_t day) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(day / 10000),
                static_cast<long long>(day / 100 % 100), static_cast<long long>(day % 100));
  return buf;
}

std::string Bucket(int64_t day, const std::string& by) {
  std::string text = DayText(day);
  if (by == "day") return text;
  if (by == "month") return text.substr(0, 7);
  int64_t y = day / 10000;
  auto m = static_cast<unsigned>(day / 100 % 100);
  auto d = static_cast<unsigned>(day % 100);
  if (m < 1 || m > 12 || d < 1 || d > 31) return text;
  int64_t days = DaysFromCivil(y, m, d);
  int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
  int64_t thursday = days - weekday + 3;       // the ISO year is the year of this Thursday
  // Civil year of `thursday`.
  int64_t iso_year = y;
  if (thursday < DaysFromCivil(y, 1, 1)) iso_year = y - 1;
  if (thursday >= DaysFromCivil(y + 1, 1, 1)) iso_year = y + 1;
  int64_t week = (thursday - DaysFromCivil(iso_year, 1, 1)) / 7 + 1;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-W%02lld", static_cast<long long>(iso_year),
                static_cast<long long>(week));
  return buf;
}

std::string ToFtsQuery(const std::string& text) {
  std::vector<std::string> parts;  // quoted terms and "OR"
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"')
        out += "\"\"";
      else
        out.push_back(c);
    }
    return out + "\"";
  };
  auto has_word_char = [](const std::string& s) {
    for (unsigned char c : s) {
      if (std::isalnum(c) || c >= 0x80) return true;
    }
    return false;
  };
  size_t i = 0, n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string::npos) close = n;
      std::string phrase = text.substr(i + 1, close - i - 1);
      if (has_word_char(phrase)) parts.push_back(quote(phrase));
      i = close + 1;
      continue;
    }
    size_t start = i;
    while (i < n && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != '"') ++i;
    std::string word = text.substr(start, i - start);
    if (word == "OR") {
      if (!parts.empty() && parts.back() != "OR") parts.push_back("OR");
      continue;
    }
    bool prefix = word.size() > 1 && word.back() == '*';
    word.erase(std::remove(word.begin(), word.end(), '*'), word.end());
    if (!has_word_char(word)) continue;
    parts.push_back(quote(word) + (prefix ? "*" : ""));
  }
  while (!parts.empty() && parts.back() == "OR") parts.pop_back();
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back(' ');
    out += p;
  }
  return out;
}

Status ValidateParams(QueryKind kind, const QueryParams& p, int64_t max_limit, bool allow_all) {
  auto bad = [](const std::string& msg) { return InvalidInput(ErrorId::kBadParameter, msg); };
  if (!p.from.empty() && !IsDate(p.from)) {
    return bad("parameter 'from' must be a date YYYY, YYYY-MM or YYYY-MM-DD, not '" + p.from + "'");
  }
  if (!p.to.empty() && !IsDate(p.to)) {
    return bad("parameter 'to' must be a date YYYY, YYYY-MM or YYYY-MM-DD, not '" + p.to + "'");
  }
  if (!p.from.empty() && !p.to.empty() && LowerDay(p.from) > UpperDay(p.to)) {
    return bad("parameter 'from' is after 'to'");
  }
  if (p.limit < 0 && !allow_all) return bad("parameter 'limit' must be at least 1");
  if (p.limit == 0 || p.limit > max_limit) {
    return bad("parameter 'limit' must be between 1 and " + std::to_string(max_limit));
  }
  if (p.offset < 0 || p.offset > 1000000) {
    return bad("parameter 'offset' must be between 0 and 1000000");
  }
  for (const std::string* s : {&p.q, &p.entity, &p.type, &p.speaker, &p.about, &p.actor}) {
    if (s->size() > 1000) return bad("a parameter is longer than 1000 bytes");
    if (!utf8::IsValid(*s)) return bad("a parameter is not valid UTF-8");
  }
  switch (kind) {
    case QueryKind::kSearch:
      if (ToFtsQuery(p.q).empty()) return bad("parameter 'q' must contain a word to search for");
      break;
    case QueryKind::kTimeline:
      if (p.by != "day" && p.by != "week" && p.by != "month") {
        return bad("parameter 'by' must be day, week or month, not '" + p.by + "'");
      }
      [[fallthrough]];
    case QueryKind::kCooccur:
      if (p.entity.empty()) return bad("parameter 'entity' is required");
      break;
    case QueryKind::kEntities:
      if (!p.type.empty() && p.type != "PER" && p.type != "ORG" && p.type != "LOC" &&
          p.type != "MISC") {
        return bad("parameter 'type' must be PER, ORG, LOC or MISC, not '" + p.type + "'");
      }
      break;
    case QueryKind::kEvents: {
      static const char* kTypes[] = {"AGREE",     "CONSULT",  "SUPPORT",  "CONCEDE",
                                     "COOPERATE", "AID",      "RETREAT",  "REQUEST",
                                     "ACCUSE",    "REJECT",   "THREATEN", "PROTEST",
                                     "SANCTION",  "MOBILIZE", "COERCE",   "ASSAULT"};
      if (!p.type.empty() && std::none_of(std::begin(kTypes), std::end(kTypes),
                                          [&](const char* t) { return p.type == t; })) {
        return bad("parameter 'type' must be a PLOVER event type (AGREE ... ASSAULT), not '" +
                   p.type + "'");
      }
      break;
    }
    case QueryKind::kQuotes:
      break;
  }
  return Status();
}

StoreReader::~StoreReader() = default;

Result<std::unique_ptr<StoreReader>> StoreReader::Open(const std::string& path) {
  auto db = Db::Open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!db.ok()) return db.status();
  std::unique_ptr<StoreReader> r(new StoreReader());
  r->db_ = std::move(db).value();
  r->path_ = path;
  sqlite3_busy_timeout(r->db_.get(), 5000);
  Status s = r->db_.Exec(
      "PRAGMA query_only = 1; PRAGMA cache_size = -8192; PRAGMA mmap_size = 1073741824;",
      ErrorId::kStoreOpen);
  if (!s.ok()) return s.WithContext(path);
  KRONIEK_RETURN_IF_ERROR(CheckSchema(r->db_, path));
  sqlite3_progress_handler(r->db_.get(), 2000, &StoreReader::Progress, r.get());
  return r;
}

int StoreReader::Progress(void* self) {
  auto* r = static_cast<StoreReader*>(self);
  return r->timed_ && std::chrono::steady_clock::now() > r->deadline_ ? 1 : 0;
}

void StoreReader::StartClock() {
  timed_ = time_limit_.count() > 0;
  if (timed_) deadline_ = std::chrono::steady_clock::now() + time_limit_;
}

Status StoreReader::QueryError(std::string_view what) {
  if (sqlite3_errcode(db_.get()) == SQLITE_INTERRUPT) {
    return MakeError(StatusCode::kResourceExhausted, ErrorId::kQueryTimeout,
                     std::string(what) + ": stopped after the time limit of " +
                         std::to_string(time_limit_.count() / 1000.0) + " ms");
  }
  return db_.Error(ErrorId::kStoreQuery, what);
}

Result<std::vector<int64_t>> StoreReader::ResolveEntities(const std::string& term) {
  std::vector<int64_t> ids;
  bool kb = term.size() > 1 && term[0] == 'Q' &&
            term.find_first_not_of("0123456789", 1) == std::string::npos;
  const char* sql = kb ? "SELECT id FROM entity WHERE kb = ?1"
                       : "SELECT id FROM entity WHERE name = ?1 COLLATE NOCASE LIMIT 200";
  auto st = db_.Prepare(sql, false);
  if (!st.ok()) return st.status();
  st->Bind(1, term);
  int rc;
  while ((rc = st->Step()) == SQLITE_ROW) ids.push_back(st->Int(0));
  if (rc != SQLITE_DONE) return QueryError("resolve entity");
  return ids;
}

Result<Table> StoreReader::Run(QueryKind kind, const QueryParams& params) {
  Table t;
  int64_t limit = params.limit;
  int64_t fetch = limit < 0 ? -1 : limit + 1;
  Status s = Execute(kind, params, fetch, params.offset, &t.columns, [&](std::vector<Value>&& row) {
    t.rows.push_back(std::move(row));
    return true;
  });
  if (!s.ok()) return s;
  if (limit >= 0 && static_cast<int64_t>(t.rows.size()) > limit) {
    t.rows.resize(static_cast<size_t>(limit));
    t.more = true;
  }
  return t;
}

Status StoreReader::Stream(QueryKind kind, const QueryParams& params,
                           std::vector<std::string>* columns, const RowSink& sink) {
  return Execute(kind, params, -1, 0, columns, sink);
}

Status StoreReader::Execute(QueryKind kind, const QueryParams& p, int64_t limit, int64_t offset,
                            std::vector<std::string>* columns, const RowSink& sink) {
  StartClock();
  Sql sql;
  // Entity terms resolve to corpus entity ids first; no match means no rows.
  auto resolve = [&](const std::string& term, std::string* json) -> Status {
    auto ids = ResolveEntities(term);
    if (!ids.ok()) return ids.status();
    *json = IdsJson(*ids);
    return Status();
  };
  std::string entity_ids, about_ids, actor_ids;
  bool paged = false;  // the query placed LIMIT and OFFSET itself
  if (!p.entity.empty() && kind != QueryKind::kEntities && kind != QueryKind::kQuotes &&
      kind != QueryKind::kEvents) {
    KRONIEK_RETURN_IF_ERROR(resolve(p.entity, &entity_ids));
  }
  switch (kind) {
    case QueryKind::kSearch:
      // Ranked ids first, reading only the index (filters as id sets); the article rows and
      // snippets only for the page (see SearchPage). "+rowid" keeps SQLite from running the
      // MATCH once per id of a filter set.
      sql << "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?";
      sql.Param(ToFtsQuery(p.q));
      if (!p.from.empty() || !p.to.empty()) {
        sql << " AND +rowid IN (SELECT id FROM doc WHERE 1";
        DateFilters(sql, "day", p);
        sql << ")";
      }
      if (!p.entity.empty()) {
        sql << " AND +rowid IN (SELECT doc FROM doc_entity WHERE entity" << kEntityIn << ")";
        sql.Param(entity_ids);
      }
      if (p.unique) sql << " AND +rowid NOT IN (SELECT id FROM doc WHERE dup_of IS NOT NULL)";
      sql << " ORDER BY bm25(doc_fts, 2.0, 1.0), rowid";
      break;
    case QueryKind::kEntities:
      if (p.from.empty() && p.to.empty()) {
        sql << "SELECT e.name, e.type, e.kb, e.docs, e.mentions FROM entity e WHERE e.docs > 0";
        if (!p.type.empty()) {
          sql << " AND e.type = ?";
          sql.Param(p.type);
        }
        sql << " ORDER BY e.docs DESC, e.mentions DESC, e.id";
      } else {
        sql << "SELECT e.name, e.type, e.kb, count(*) AS docs, sum(de.mentions) AS mentions"
               " FROM doc_entity de JOIN entity e ON e.id = de.entity WHERE 1";
        DateFilters(sql, "de.day", p);
        if (!p.type.empty()) {
          sql << " AND e.type = ?";
          sql.Param(p.type);
        }
        sql << " GROUP BY e.id ORDER BY docs DESC, mentions DESC, e.id";
      }
      break;
    case QueryKind::kTimeline:
      // One row per (entity, article): count(DISTINCT) only when several entities match.
      sql << (entity_ids.find(',') == std::string::npos
                  ? "SELECT day, count(*) AS docs, sum(mentions) AS mentions"
                  : "SELECT day, count(DISTINCT doc) AS docs, sum(mentions) AS mentions")
          << " FROM doc_entity WHERE entity"
          << kEntityIn << " AND day IS NOT NULL";
      sql.Param(entity_ids);
      DateFilters(sql, "day", p);
      sql << " GROUP BY day ORDER BY day";
      break;
    case QueryKind::kQuotes: {
      // The page's keys first (light rows, in index order where possible), then the text.
      bool about_words = false;
      if (!p.about.empty()) {
        KRONIEK_RETURN_IF_ERROR(resolve(p.about, &about_ids));
        about_words = about_ids == "[]";
      }
      sql << "SELECT d.ext_id AS id, d.date, d.source, e.name AS speaker, e.kb AS speaker_kb,"
             " CASE q.kind WHEN 0 THEN 'direct' ELSE 'indirect' END AS kind,"
             " substr(d.text, q.start + 1, q.end - q.start) AS quote,"
             " substr(d.text, q.cue_start + 1, q.cue_end - q.cue_start) AS cue"
             " FROM (SELECT q.doc, q.seq, q.day FROM quote q";
      if (about_words) sql << " JOIN doc d ON d.id = q.doc";
      sql << " WHERE 1";
      if (!p.speaker.empty()) {
        auto ids = ResolveEntities(p.speaker);
        if (!ids.ok()) return ids.status();
        if (ids->size() == 1) {
          sql << " AND q.speaker = ?";
          sql.Param((*ids)[0]);
        } else {
          sql << " AND q.speaker" << kEntityIn;
          sql.Param(IdsJson(*ids));
        }
      }
      DateFilters(sql, "q.day", p);
      if (!p.about.empty()) {
        if (!about_words) {
          sql << " AND EXISTS (SELECT 1 FROM mention m WHERE m.doc = q.doc AND m.start >= q.start"
                 " AND m.end <= q.end AND m.entity"
              << kEntityIn << ")";
          sql.Param(about_ids);
        } else {
          sql << " AND instr(lower(substr(d.text, q.start + 1, q.end - q.start)), lower(?)) > 0";
          sql.Param(p.about);
        }
      }
      sql << " ORDER BY q.day DESC, q.doc DESC, q.seq DESC LIMIT ? OFFSET ?) k"
             " JOIN quote q ON q.doc = k.doc AND q.seq = k.seq JOIN doc d ON d.id = q.doc"
             " LEFT JOIN entity e ON e.id = q.speaker"
             " ORDER BY k.day DESC, k.doc DESC, k.seq DESC";
      sql.Param(limit).Param(offset);
      paged = true;
      break;
    }
    case QueryKind::kCooccur:
      // Count partners over the subject's articles first; names only for the page.
      sql << "WITH docs AS (SELECT DISTINCT doc FROM doc_entity WHERE entity" << kEntityIn;
      sql.Param(entity_ids);
      DateFilters(sql, "day", p);
      sql << "), partners AS (SELECT b.entity AS id, count(*) AS shared FROM docs"
             " JOIN doc_entity b ON b.doc = docs.doc WHERE b.entity NOT"
          << kEntityIn
          << " GROUP BY b.entity)"
             " SELECT e.name, e.type, e.kb, c.shared AS shared_docs, e.docs FROM partners c"
             " JOIN entity e ON e.id = c.id";
      sql.Param(entity_ids);
      if (!p.type.empty()) {
        sql << " WHERE e.type = ?";
        sql.Param(p.type);
      }
      sql << " ORDER BY c.shared DESC, c.id";
      break;
    case QueryKind::kEvents:
      sql << "SELECT d.ext_id AS id, d.date, v.type,"
             " substr(d.text, v.trigger_start + 1, v.trigger_end - v.trigger_start) AS trigger,"
             " (SELECT group_concat(e.name, '; ') FROM event_arg a JOIN entity e ON e.id = a.entity"
             "  WHERE a.event = v.id AND a.role = 0) AS actors,"
             " (SELECT group_concat(e.name, '; ') FROM event_arg a JOIN entity e ON e.id = a.entity"
             "  WHERE a.event = v.id AND a.role = 1) AS targets,"
             " (SELECT l.name FROM entity l WHERE l.id = v.location) AS location,"
             " (SELECT t.value FROM time t WHERE t.doc = v.doc AND t.seq = v.time_seq) AS time,"
             " v.status FROM (SELECT v.id, v.day FROM event v WHERE 1";
      if (!p.type.empty()) {
        sql << " AND v.type = ?";
        sql.Param(p.type);
      }
      DateFilters(sql, "v.day", p);
      if (!p.actor.empty()) {
        KRONIEK_RETURN_IF_ERROR(resolve(p.actor, &actor_ids));
        sql << " AND v.id IN (SELECT event FROM event_arg WHERE role = 0 AND entity" << kEntityIn
            << ")";
        sql.Param(actor_ids);
      }
      sql << " ORDER BY v.day DESC, v.id DESC LIMIT ? OFFSET ?) k JOIN event v ON v.id = k.id"
             " JOIN doc d ON d.id = v.doc ORDER BY k.day DESC, k.id DESC";
      sql.Param(limit).Param(offset);
      paged = true;
      break;
  }
  const bool timeline = kind == QueryKind::kTimeline;
  if (!timeline && !paged) {
    sql << " LIMIT ? OFFSET ?";
    sql.Param(limit).Param(offset);
  }
  auto st = db_.Prepare(sql.text, false);
  if (!st.ok()) return st.status();
  BindAll(*st, sql.binds);
  columns->clear();
  if (kind == QueryKind::kSearch) {
    *columns = {"id", "date", "title", "source", "score", "duplicate_of", "snippet"};
  } else if (timeline) {
    *columns = {"period", "docs", "mentions"};
  } else {
    for (int c = 0; c < st->ColumnCount(); ++c) columns->push_back(st->ColumnName(c));
  }
  int rc;
  if (timeline) {
    std::vector<std::tuple<std::string, int64_t, int64_t>> buckets;
    while ((rc = st->Step()) == SQLITE_ROW) {
      std::string b = Bucket(st->Int(0), p.by);
      if (buckets.empty() || std::get<0>(buckets.back()) != b) buckets.emplace_back(b, 0, 0);
      std::get<1>(buckets.back()) += st->Int(1);
      std::get<2>(buckets.back()) += st->Int(2);
    }
    if (rc != SQLITE_DONE) return QueryError(QueryKindName(kind));
    // ISO weeks can straddle years out of order at year ends only when days are missing between;
    // the days are sorted, so equal buckets are adjacent.
    for (size_t i = static_cast<size_t>(offset); i < buckets.size(); ++i) {
      if (limit >= 0 && static_cast<int64_t>(i) >= offset + limit) break;
      auto& [b, docs, mentions] = buckets[i];
      if (!sink({std::move(b), docs, mentions})) break;
    }
    return Status();
  }
  if (kind == QueryKind::kSearch) return SearchPage(*st, p, columns, sink);
  const int ncol = st->ColumnCount();
  while ((rc = st->Step()) == SQLITE_ROW) {
    std::vector<Value> row;
    row.reserve(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) row.push_back(Cell(*st, c));
    if (!sink(std::move(row))) return Status();
  }
  if (rc != SQLITE_DONE) return QueryError(QueryKindName(kind));
  return Status();
}

Status StoreReader::SearchPage(Stmt& ids, const QueryParams& p, std::vector<std::string>* columns,
                               const RowSink& sink) {
  (void)columns;
  std::vector<int64_t> rows;
  int rc;
  while ((rc = ids.Step()) == SQLITE_ROW) rows.push_back(ids.Int(0));
  if (rc != SQLITE_DONE) return QueryError("search");
  if (rows.empty()) return Status();
  // One pass over the matches computes the page's rows (a rowid lookup per row would evaluate
  // the MATCH again for each, which is slow for prefix and phrase queries).
  auto st = db_.Prepare(
      "SELECT doc_fts.rowid, d.ext_id, d.date, d.title, d.source,"
      " round(-bm25(doc_fts, 2.0, 1.0), 3), (SELECT o.ext_id FROM doc o WHERE o.id = d.dup_of),"
      " snippet(doc_fts, 1, '[', ']', '…', 12)"
      " FROM doc_fts JOIN doc d ON d.id = doc_fts.rowid"
      " WHERE doc_fts MATCH ?1 AND +doc_fts.rowid IN (SELECT value FROM json_each(?2))",
      false);
  if (!st.ok()) return st.status();
  st->Bind(1, ToFtsQuery(p.q)).Bind(2, IdsJson(rows));
  std::map<int64_t, std::vector<Value>> found;
  while ((rc = st->Step()) == SQLITE_ROW) {
    std::vector<Value> row;
    for (int c = 1; c < 8; ++c) row.push_back(Cell(*st, c));
    found.emplace(st->Int(0), std::move(row));
  }
  if (rc != SQLITE_DONE) return QueryError("search");
  for (int64_t id : rows) {
    auto it = found.find(id);
    if (it == found.end()) continue;
    if (!sink(std::move(it->second))) return Status();
  }
  return Status();
}

Result<std::optional<StoredDoc>> StoreReader::GetDoc(const std::string& ext_id) {
  StartClock();
  auto st = db_.Prepare(
      "SELECT d.id, d.ext_id, d.date, d.title, d.source, d.url, d.lang, d.extra, d.text, d.layers,"
      " (SELECT o.ext_id FROM doc o WHERE o.id = d.dup_of), d.dup_score FROM doc d"
      " WHERE d.ext_id = ?1",
      false);
  if (!st.ok()) return st.status();
  st->Bind(1, ext_id);
  int rc = st->Step();
  if (rc == SQLITE_DONE) return std::optional<StoredDoc>();
  if (rc != SQLITE_ROW) return QueryError("doc");
  StoredDoc sd;
  Doc& doc = sd.doc;
  int64_t id = st->Int(0);
  doc.id = st->Text(1);
  doc.meta.date = st->OptText(2);
  doc.meta.title = st->OptText(3);
  doc.meta.source = st->OptText(4);
  doc.meta.url = st->OptText(5);
  doc.lang = st->Text(6);
  if (auto extra = st->OptText(7)) {
    auto j = nlohmann::ordered_json::parse(*extra, nullptr, false);
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it)
        doc.meta.extra.emplace_back(it.key(), it.value().dump());
    }
  }
  doc.text = st->Text(8);
  LayerSet stored;
  {
    uint32_t bits = static_cast<uint32_t>(st->Int(9));
    for (Layer l :
         {Layer::kMentions, Layer::kEntities, Layer::kQuotes, Layer::kTimes, Layer::kEvents}) {
      if (bits & (1u << static_cast<uint32_t>(l))) stored.Add(l);
    }
  }
  sd.near_duplicate_of = st->OptText(10);
  sd.near_duplicate_score = st->IsNull(11) ? 0.0 : st->Real(11);
  // Code point -> byte offsets.
  std::vector<uint32_t> byte_of;
  byte_of.reserve(doc.text.size() + 1);
  for (size_t i = 0; i < doc.text.size();) {
    byte_of.push_back(static_cast<uint32_t>(i));
    i += std::max<size_t>(1, utf8::SequenceLength(doc.text, i));
  }
  byte_of.push_back(static_cast<uint32_t>(doc.text.size()));
  auto B = [&](int64_t cp) -> uint32_t {
    if (cp < 0) return 0;
    return byte_of[std::min<size_t>(static_cast<size_t>(cp), byte_of.size() - 1)];
  };
  auto span = [&](const Stmt& s, int a, int b) { return Span{B(s.Int(a)), B(s.Int(b))}; };
  // Local entity index -> corpus entity id, from every reference.
  std::map<int64_t, int64_t> local_to_corpus;
  struct M {
    Span span;
    int64_t local;
    MentionKind kind;
  };
  std::vector<M> mentions;
  auto run = [&](const char* sql, const std::function<void(const Stmt&)>& fn) -> Status {
    auto q = db_.Prepare(sql, false);
    if (!q.ok()) return q.status();
    q->Bind(1, id);
    int r;
    while ((r = q->Step()) == SQLITE_ROW) fn(*q);
    if (r != SQLITE_DONE) return QueryError("doc");
    return Status();
  };
  KRONIEK_RETURN_IF_ERROR(
      run("SELECT start, end, local, kind, entity FROM mention WHERE doc = ?1 ORDER BY seq",
          [&](const Stmt& q) {
            mentions.push_back({span(q, 0, 1), q.Int(2), static_cast<MentionKind>(q.Int(3))});
            local_to_corpus[q.Int(2)] = q.Int(4);
          }));
  struct Q {
    Quote q;
    int64_t local;
  };
  std::vector<Q> quotes;
  KRONIEK_RETURN_IF_ERROR(
      run("SELECT start, end, kind, speaker, speaker_local, sm_start, sm_end, cue_start, cue_end"
          " FROM quote WHERE doc = ?1 ORDER BY seq",
          [&](const Stmt& q) {
            Q x;
            x.q.span = span(q, 0, 1);
            x.q.kind = static_cast<QuoteKind>(q.Int(2));
            x.local = q.IsNull(4) ? -1 : q.Int(4);
            if (x.local >= 0 && !q.IsNull(3)) local_to_corpus[x.local] = q.Int(3);
            if (!q.IsNull(5)) x.q.speaker_mention = span(q, 5, 6);
            if (!q.IsNull(7)) x.q.cue = span(q, 7, 8);
            quotes.push_back(std::move(x));
          }));
  KRONIEK_RETURN_IF_ERROR(run(
      "SELECT start, end, type, value FROM time WHERE doc = ?1 ORDER BY seq", [&](const Stmt& q) {
        doc.times.push_back({span(q, 0, 1), q.Text(2), q.Text(3)});
      }));
  struct V {
    Event v;
    int64_t id;
    int64_t location_local;
    std::vector<std::pair<int, int64_t>> args;
  };
  std::vector<V> events;
  KRONIEK_RETURN_IF_ERROR(
      run("SELECT id, type, trigger_start, trigger_end, location, location_local, time_seq, status,"
          " sentence FROM event WHERE doc = ?1 ORDER BY seq",
          [&](const Stmt& q) {
            V x;
            x.id = q.Int(0);
            x.v.type = q.Text(1);
            x.v.trigger = span(q, 2, 3);
            x.location_local = q.IsNull(5) ? -1 : q.Int(5);
            if (x.location_local >= 0 && !q.IsNull(4)) local_to_corpus[x.location_local] = q.Int(4);
            x.v.time = q.IsNull(6) ? -1 : static_cast<int32_t>(q.Int(6));
            x.v.status = q.Text(7);
            x.v.sentence = q.IsNull(8) ? -1 : static_cast<int32_t>(q.Int(8));
            events.push_back(std::move(x));
          }));
  for (V& x : events) {
    auto q = db_.Prepare(
        "SELECT role, entity, local FROM event_arg WHERE event = ?1 ORDER BY role, seq", false);
    if (!q.ok()) return q.status();
    q->Bind(1, x.id);
    int r;
    while ((r = q->Step()) == SQLITE_ROW) {
      x.args.emplace_back(static_cast<int>(q->Int(0)), q->Int(2));
      local_to_corpus[q->Int(2)] = q->Int(1);
    }
    if (r != SQLITE_DONE) return QueryError("doc");
  }
  // Renumber the local entities densely and fill them from the corpus entities.
  std::map<int64_t, int32_t> renum;
  auto ent = db_.Prepare("SELECT name, type, kb FROM entity WHERE id = ?1", false);
  if (!ent.ok()) return ent.status();
  for (const auto& [local, corpus] : local_to_corpus) {
    renum[local] = static_cast<int32_t>(doc.entities.size());
    Entity e;
    ent->Bind(1, corpus);
    if (ent->Step() == SQLITE_ROW) {
      e.name = ent->Text(0);
      e.type = ent->Text(1);
      e.kb = ent->OptText(2);
    }
    ent->Reset();
    doc.entities.push_back(std::move(e));
  }
  auto L = [&](int64_t local) -> int32_t {
    auto it = renum.find(local);
    return it == renum.end() ? -1 : it->second;
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    Mention m;
    m.span = mentions[i].span;
    m.kind = mentions[i].kind;
    m.entity = L(mentions[i].local);
    if (m.entity >= 0) {
      m.type = doc.entities[static_cast<size_t>(m.entity)].type;
      doc.entities[static_cast<size_t>(m.entity)].mentions.push_back(static_cast<uint32_t>(i));
    }
    doc.mentions.push_back(std::move(m));
  }
  for (Q& x : quotes) {
    x.q.speaker = L(x.local);
    doc.quotes.push_back(std::move(x.q));
  }
  for (V& x : events) {
    x.v.location = L(x.location_local);
    for (const auto& [role, local] : x.args) {
      int32_t e = L(local);
      if (e < 0) continue;
      (role == 0 ? x.v.actors : x.v.targets).push_back(e);
    }
    doc.events.push_back(std::move(x.v));
  }
  for (Layer l :
       {Layer::kMentions, Layer::kEntities, Layer::kQuotes, Layer::kTimes, Layer::kEvents}) {
    if (stored.Has(l)) doc.Set(l);
  }
  return std::optional<StoredDoc>(std::move(sd));
}

Result<StoreStats> StoreReader::Stats() {
  StartClock();
  auto st = db_.Prepare(
      "SELECT (SELECT count(*) FROM doc), (SELECT count(*) FROM doc WHERE dup_of IS NOT NULL),"
      " (SELECT count(*) FROM entity WHERE docs > 0), (SELECT count(*) FROM mention),"
      " (SELECT count(*) FROM quote), (SELECT count(*) FROM time), (SELECT count(*) FROM event),"
      " (SELECT min(day) FROM doc), (SELECT max(day) FROM doc)",
      false);
  if (!st.ok()) return st.status();
  if (st->Step() != SQLITE_ROW) return QueryError("stats");
  StoreStats s;
  s.docs = st->Int(0);
  s.near_duplicates = st->Int(1);
  s.entities = st->Int(2);
  s.mentions = st->Int(3);
  s.quotes = st->Int(4);
  s.times = st->Int(5);
  s.events = st->Int(6);
  if (!st->IsNull(7)) s.first_day = DayText(st->Int(7));
  if (!st->IsNull(8)) s.last_day = DayText(st->Int(8));
  return s;
}

Status StoreReader::ExportEventsJsonl(const QueryParams& p,
                                      const std::function<bool(const std::string&)>& sink) {
  StartClock();
  Sql sql;
  sql << "SELECT json_object("
         "'id', d.ext_id || ':v' || (v.seq + 1), 'doc', d.ext_id, 'date', d.date,"
         " 'source', d.source, 'url', d.url, 'event_type', v.type, 'status', v.status,"
         " 'trigger', substr(d.text, v.trigger_start + 1, v.trigger_end - v.trigger_start),"
         " 'sentence', v.sentence,"
         " 'actors', json((SELECT json_group_array(json_object('name', e.name, 'type', e.type, "
         "'kb', e.kb))"
         "   FROM event_arg a JOIN entity e ON e.id = a.entity WHERE a.event = v.id AND a.role = "
         "0)),"
         " 'targets', json((SELECT json_group_array(json_object('name', e.name, 'type', e.type, "
         "'kb', e.kb))"
         "   FROM event_arg a JOIN entity e ON e.id = a.entity WHERE a.event = v.id AND a.role = "
         "1)),"
         " 'location', (SELECT json_object('name', l.name, 'type', l.type, 'kb', l.kb) FROM entity "
         "l"
         "   WHERE l.id = v.location),"
         " 'time', (SELECT json_object('text', substr(d.text, t.start + 1, t.end - t.start),"
         "   'value', t.value, 'type', t.type) FROM time t WHERE t.doc = v.doc AND t.seq = "
         "v.time_seq))"
         " FROM event v JOIN doc d ON d.id = v.doc WHERE 1";
  if (!p.type.empty()) {
    sql << " AND v.type = ?";
    sql.Param(p.type);
  }
  DateFilters(sql, "v.day", p);
  if (!p.actor.empty()) {
    auto ids = ResolveEntities(p.actor);
    if (!ids.ok()) return ids.status();
    sql << " AND v.id IN (SELECT event FROM event_arg WHERE role = 0 AND entity" << kEntityIn
        << ")";
    sql.Param(IdsJson(*ids));
  }
  sql << " ORDER BY v.day, v.id";
  auto st = db_.Prepare(sql.text, false);
  if (!st.ok()) return st.status();
  BindAll(*st, sql.binds);
  int rc;
  while ((rc = st->Step()) == SQLITE_ROW) {
    if (!sink(st->Text(0))) return Status();
  }
  if (rc != SQLITE_DONE) return QueryError("events");
  return Status();
}

}  // namespace kroniek::store
