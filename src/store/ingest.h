// Ingesting articles into the corpus store: analyse with a Pipeline (optionally on worker
// threads), write with one StoreWriter in transactional batches.
//
// Articles are written strictly in the order they were added, whatever the number of threads,
// so a store's contents (row ids included) do not depend on --threads. An article already stored
// with the same content hash is recognised before analysis and costs only a hash.
#ifndef KRONIEK_STORE_INGEST_H_
#define KRONIEK_STORE_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "store/store_writer.h"

namespace kroniek::store {

struct IngestOptions {
  int threads = 1;       // analysis worker threads; 0 analyses on the caller's thread
  int batch = 200;       // articles per transaction
  bool optimize = true;  // merge the full-text index when finishing
  bool analyse = true;   // false: store the Docs as given (they are already analysed)
  WriterOptions writer;
  // Called on the analysing thread after each successful analysis, before the article is
  // hashed for near-duplicates and written (benchmarks use it to add layers no stage makes yet).
  std::function<void(Doc& doc)> after_analysis;
};

struct IngestStats {
  int64_t added = 0, updated = 0, unchanged = 0, duplicates = 0, near_duplicates = 0, skipped = 0,
          batches = 0;
  // CPU seconds of the threads that did the work: the analysis (pipeline and after_analysis)
  // and everything the store does (content and MinHash hashing, look-ups, writes, commits, the
  // final index merge), measured per call with the thread CPU clock.
  double analysis_cpu = 0, store_cpu = 0;
  int64_t stored() const { return added + updated; }
};

class Ingester {
 public:
  // `pipeline` must outlive the Ingester (may be null when options.analyse is false).
  static Result<std::unique_ptr<Ingester>> Create(const std::string& db_path,
                                                  const Pipeline* pipeline,
                                                  const IngestOptions& options);
  ~Ingester();

  // Called with a message for each article skipped because its analysis failed (exit 3).
  std::function<void(const std::string& message)> on_skip;
  // Called with a note for each article that is a duplicate or near-duplicate.
  std::function<void(const std::string& message)> on_note;
  // Called after each article written (for progress, and the crash test's stall).
  std::function<void(const IngestStats& stats)> on_written;

  // Adds one article. May block while the analysis queue is full. A failing write (E303) ends
  // the ingest: the open batch is rolled back and every later call returns the error.
  Status Add(Doc&& doc);
  // Waits for the remaining articles, commits and finishes the store.
  Status Finish();

  const IngestStats& stats() const { return stats_; }

 private:
  Ingester() = default;
  struct Work;
  Status WriteReady(bool wait_all);
  Status Write(Work& w);
  Status WriteOne(Work& w);
  static void Analyse(Work& w, const Pipeline* pipeline, const IngestOptions& options);

  std::unique_ptr<StoreWriter> writer_;
  const Pipeline* pipeline_ = nullptr;
  IngestOptions options_;
  IngestStats stats_;
  int in_batch_ = 0;
  Status failed_;
  struct Pool;
  std::unique_ptr<Pool> pool_;
};

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_INGEST_H_
