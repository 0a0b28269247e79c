// Reading the corpus store: the researcher's queries, shared by `kroniek query`, `kroniek export`
// and the HTTP API (`kroniek serve`).
//
// A StoreReader opens the database read-only (SQLITE_OPEN_READONLY plus PRAGMA query_only), so
// nothing done through it can change the store. Every query is a fixed SQL text assembled from
// constant fragments, with all user values bound as parameters. An optional time limit stops a
// query that runs too long (E404), through sqlite3_progress_handler.
//
// One StoreReader is one connection: use it from one thread at a time (the server keeps a pool).
#ifndef KRONIEK_STORE_STORE_READER_H_
#define KRONIEK_STORE_STORE_READER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/status.h"
#include "store/sqlite_util.h"

namespace kroniek::store {

// One cell of a result: NULL, an integer, a number or text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// A page of results.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool more = false;  // there are rows after this page
};

// The queries.
enum class QueryKind { kSearch, kEntities, kTimeline, kQuotes, kCooccur, kEvents };
const char* QueryKindName(QueryKind kind);  // "search", "entities", ...

// Parameters of all queries; each query uses the ones docs/api.md lists for it and ignores the
// rest. Strings are empty when not given.
struct QueryParams {
  std::string q;             // search: full-text query (words, "phrases", OR, prefix*)
  std::string entity;        // search filter; timeline and cooccur subject (name or kb id)
  std::string from;          // YYYY, YYYY-MM or YYYY-MM-DD (inclusive)
  std::string to;            // YYYY, YYYY-MM or YYYY-MM-DD (inclusive)
  std::string type;          // entities: PER/ORG/LOC/MISC; events: a PLOVER type
  std::string speaker;       // quotes
  std::string about;         // quotes: an entity mentioned inside the quote, else words in it
  std::string actor;         // events
  std::string by = "month";  // timeline: day, week or month
  bool unique = false;       // search: leave out articles flagged as near-duplicates
  int64_t limit = 20;        // page size; < 0: every row (exports)
  int64_t offset = 0;
};

// Checks the parameters of `kind`: dates, `by`, limit and offset (limit at most `max_limit`
// unless it is < 0 and `allow_all`). Errors are E401 (kBadParameter) naming the parameter.
Status ValidateParams(QueryKind kind, const QueryParams& p, int64_t max_limit, bool allow_all);

// A stored article and what the store knows about it.
struct StoredDoc {
  Doc doc;  // text, metadata, entities, mentions, quotes, times, events (no token layers)
  std::optional<std::string> near_duplicate_of;
  double near_duplicate_score = 0.0;
};

struct StoreStats {
  int64_t docs = 0, near_duplicates = 0, entities = 0, mentions = 0, quotes = 0, times = 0,
          events = 0;
  std::string first_day, last_day;
};

// Receives the column names once, then each row; return false to stop.
using RowSink = std::function<bool(std::vector<Value>&& row)>;

class StoreReader {
 public:
  // Opens the store at `path` read-only. E301 when it cannot be opened, E302 when it is not a
  // kroniek store or has a newer schema.
  static Result<std::unique_ptr<StoreReader>> Open(const std::string& path);
  ~StoreReader();

  // Stops any later query that runs longer than `limit` (zero: no limit) with E404.
  void SetTimeLimit(std::chrono::microseconds limit) { time_limit_ = limit; }

  // Runs a query and returns one page (params.limit rows from params.offset; limit < 0: all).
  // Parameters are assumed valid (ValidateParams).
  Result<Table> Run(QueryKind kind, const QueryParams& params);
  // Streams every row of a query (exports): `columns` receives the column names first.
  Status Stream(QueryKind kind, const QueryParams& params, std::vector<std::string>* columns,
                const RowSink& sink);

  // The article with this id, or nullopt when none.
  Result<std::optional<StoredDoc>> GetDoc(const std::string& ext_id);

  Result<StoreStats> Stats();

  // Every event (filtered like Run(kEvents)) as one PLOVER-style JSON object per line.
  Status ExportEventsJsonl(const QueryParams& params,
                           const std::function<bool(const std::string& line)>& sink);

 private:
  StoreReader() = default;
  Status Execute(QueryKind kind, const QueryParams& params, int64_t limit, int64_t offset,
                 std::vector<std::string>* columns, const RowSink& sink);
  Result<std::vector<int64_t>> ResolveEntities(const std::string& term);
  Status SearchPage(Stmt& ids, const QueryParams& p, std::vector<std::string>* columns,
                    const RowSink& sink);
  void StartClock();
  Status QueryError(std::string_view what);
  static int Progress(void* self);

  Db db_;
  std::string path_;
  std::chrono::microseconds time_limit_{0};
  std::chrono::steady_clock::time_point deadline_{};
  bool timed_ = false;
};

// Day-range helpers (exposed for tests). The store keeps days as numbers YYYYMMDD; a valid date
// "2022-03" gives the lower bound 20220301 and the inclusive upper bound 20220399, above every
// day of March.
int64_t LowerDay(const std::string& date);
int64_t UpperDay(const std::string& date);
std::string DayText(int64_t day);  // 20220324 -> "2022-03-24"
// The timeline bucket of a day YYYYMMDD: "2022-03-24", its ISO week "2022-W12" or "2022-03".
std::string Bucket(int64_t day, const std::string& by);
// Turns a user's search text into a safe FTS5 query: bare words are quoted terms, "..." stays a
// phrase, OR stays an operator, a trailing * a prefix. Empty when there is nothing to search.
std::string ToFtsQuery(const std::string& text);

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_STORE_READER_H_
