// Writing analysed articles into the corpus store (an SQLite database in WAL mode).
//
// One StoreWriter is the single writer of a database. Articles are written inside batches
// (Begin ... Commit): a batch is one transaction, so a writer killed at any moment leaves the
// articles of the committed batches and nothing of the open one, and a re-run completes it.
//
// Idempotency: an article whose id is stored with the same content hash is left alone
// (kUnchanged); one whose id is stored with another hash replaces the stored one (kUpdated,
// keeping its row id); an article with a new id whose content hash is already stored is not
// stored again (kDuplicate). Near-duplicates (MinHash, store/near_dup.h) are stored and
// flagged: doc.dup_of points to the earlier article most like it.
//
// Corpus-level entities merge the per-article entities: by knowledge-base id when there is one,
// else by (canonical name, type).
#ifndef KRONIEK_STORE_STORE_WRITER_H_
#define KRONIEK_STORE_STORE_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "kroniek/doc.h"
#include "kroniek/status.h"
#include "store/near_dup.h"
#include "store/sqlite_util.h"

namespace kroniek::store {

struct WriterOptions {
  // Test seam: when >= 0, Put fails with E303 once this many articles were written by this
  // writer (simulating a failing disk in the middle of a batch).
  int64_t fail_after_writes = -1;
};

enum class PutOutcome { kAdded, kUpdated, kUnchanged, kDuplicate };

struct PutResult {
  PutOutcome outcome = PutOutcome::kAdded;
  std::string same_as;            // kDuplicate: the stored article with the same content
  std::string near_duplicate_of;  // the earlier article this one nearly duplicates, if any
  double near_duplicate_score = 0.0;
};

// The content hash that decides whether an article changed: XXH3-64 of the text and every
// metadata field except the id.
uint64_t ContentHash(const Doc& doc);

// The day an article's date falls on as the number YYYYMMDD (20220324); a month or year date
// counts as its first day. -1 when the date is absent or not a date.
int64_t DayOf(const std::optional<std::string>& date);

class StoreWriter {
 public:
  // Opens (creating when needed) the store at `path`, in WAL mode.
  static Result<std::unique_ptr<StoreWriter>> Open(const std::string& path,
                                                   const WriterOptions& options = {});
  ~StoreWriter();

  // The content hash stored for article `ext_id`, if it is stored.
  Result<std::optional<uint64_t>> StoredHash(const std::string& ext_id);

  Status Begin();
  Status Commit();
  // Abandons the open batch (nothing of it stays).
  void Rollback();
  bool in_batch() const { return in_batch_; }

  // Writes one analysed article inside the open batch. `hash` is ContentHash(doc) and `minhash`
  // ComputeMinHash(doc.text) (both computed by the caller, off the writer thread if it likes).
  Result<PutResult> Put(const Doc& doc, uint64_t hash, const MinHash& minhash);

  // Checkpoints the WAL into the database file and merges the full-text index segments.
  Status Finish(bool optimize = true);

  Db& db() { return db_; }

 private:
  StoreWriter() = default;
  Status Prepare();
  Status RemoveDocRows(int64_t id);
  Result<int64_t> EntityId(const std::optional<std::string>& kb, const std::string& name,
                           const std::string& type);
  Status Fail(std::string_view what);

  Db db_;
  std::string path_;
  WriterOptions options_;
  bool in_batch_ = false;
  int64_t writes_ = 0;
  std::unordered_map<std::string, int64_t> entity_cache_;  // "k\tQ123" / "n\tPER\tname" -> id
  struct Statements;
  std::unique_ptr<Statements> s_;
};

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_STORE_WRITER_H_
