#include "store/ingest.h"

#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "store/near_dup.h"

namespace kroniek::store {
namespace {

// CPU seconds used by the calling thread.
double ThreadCpu() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

struct Ingester::Work {
  int64_t seq = 0;
  Doc doc;
  Status status;
  uint64_t hash = 0;
  MinHash minhash;
  double analysis_cpu = 0, store_cpu = 0;  // spent on the analysing thread
};

// Analyses one article and computes its MinHash (on a worker thread or the caller's).
void Ingester::Analyse(Work& w, const Pipeline* pipeline, const IngestOptions& options) {
  double t0 = ThreadCpu();
  if (options.analyse && pipeline) w.status = pipeline->Process(w.doc);
  if (w.status.ok() && options.after_analysis) options.after_analysis(w.doc);
  double t1 = ThreadCpu();
  if (w.status.ok()) w.minhash = ComputeMinHash(w.doc.text);
  w.analysis_cpu = t1 - t0;
  w.store_cpu = ThreadCpu() - t1;
}

// A fixed set of analysis threads: tasks in, finished Work out (by sequence number).
struct Ingester::Pool {
  std::mutex mu;
  std::condition_variable task_cv, done_cv;
  std::deque<std::unique_ptr<Work>> tasks;
  std::map<int64_t, std::unique_ptr<Work>> done;
  std::vector<std::thread> threads;
  bool stop = false;
  int64_t next_seq = 0;    // next sequence number to hand out
  int64_t next_write = 0;  // next sequence number to write
  size_t window = 0;       // at most this many in flight
};

Result<std::unique_ptr<Ingester>> Ingester::Create(const std::string& db_path,
                                                   const Pipeline* pipeline,
                                                   const IngestOptions& options) {
  auto w = StoreWriter::Open(db_path, options.writer);
  if (!w.ok()) return w.status();
  std::unique_ptr<Ingester> in(new Ingester());
  in->writer_ = std::move(w).value();
  in->pipeline_ = pipeline;
  in->options_ = options;
  if (in->options_.batch < 1) in->options_.batch = 1;
  in->pool_ = std::make_unique<Pool>();
  Pool* pool = in->pool_.get();
  int n = std::max(0, options.threads);
  pool->window = static_cast<size_t>(std::max(4, 8 * n));
  const IngestOptions* opts = &in->options_;
  for (int i = 0; i < n; ++i) {
    pool->threads.emplace_back([pool, pipeline, opts] {
      for (;;) {
        std::unique_ptr<Work> w;
        {
          std::unique_lock<std::mutex> lock(pool->mu);
          pool->task_cv.wait(lock, [&] { return pool->stop || !pool->tasks.empty(); });
          if (pool->tasks.empty()) return;
          w = std::move(pool->tasks.front());
          pool->tasks.pop_front();
        }
        Analyse(*w, pipeline, *opts);
        {
          std::lock_guard<std::mutex> lock(pool->mu);
          pool->done.emplace(w->seq, std::move(w));
        }
        pool->done_cv.notify_all();
      }
    });
  }
  return in;
}

Ingester::~Ingester() {
  if (pool_) {
    {
      std::lock_guard<std::mutex> lock(pool_->mu);
      pool_->stop = true;
      pool_->tasks.clear();
    }
    pool_->task_cv.notify_all();
    for (auto& t : pool_->threads) t.join();
  }
}

Status Ingester::Add(Doc&& doc) {
  if (!failed_.ok()) return failed_;
  double t0 = ThreadCpu();
  auto w = std::make_unique<Work>();
  w->hash = ContentHash(doc);
  // Already stored unchanged: nothing to analyse.
  auto stored = writer_->StoredHash(doc.id);
  stats_.store_cpu += ThreadCpu() - t0;
  if (!stored.ok()) return failed_ = stored.status();
  if (*stored && **stored == w->hash) {
    ++stats_.unchanged;
    return Status();
  }
  w->doc = std::move(doc);
  Pool& p = *pool_;
  w->seq = p.next_seq++;
  if (p.threads.empty()) {
    Analyse(*w, pipeline_, options_);
    ++p.next_write;
    Status s = Write(*w);
    if (!s.ok()) failed_ = s;
    return s;
  }
  {
    std::unique_lock<std::mutex> lock(p.mu);
    p.tasks.push_back(std::move(w));
  }
  p.task_cv.notify_one();
  // Write what is ready; wait when too much is in flight.
  return WriteReady(false);
}

Status Ingester::WriteReady(bool wait_all) {
  Pool& p = *pool_;
  for (;;) {
    std::unique_ptr<Work> w;
    {
      std::unique_lock<std::mutex> lock(p.mu);
      auto in_flight = [&] { return static_cast<size_t>(p.next_seq - p.next_write); };
      auto ready = [&] { return !p.done.empty() && p.done.begin()->first == p.next_write; };
      if (wait_all) {
        if (in_flight() == 0) return Status();
        p.done_cv.wait(lock, ready);
      } else if (!ready()) {
        if (in_flight() < p.window) return Status();
        p.done_cv.wait(lock, ready);
      }
      w = std::move(p.done.begin()->second);
      p.done.erase(p.done.begin());
      ++p.next_write;
    }
    Status s = Write(*w);
    if (!s.ok()) return failed_ = s;
  }
}

Status Ingester::Write(Work& w) {
  stats_.analysis_cpu += w.analysis_cpu;
  stats_.store_cpu += w.store_cpu;
  double t0 = ThreadCpu();
  Status s = WriteOne(w);
  stats_.store_cpu += ThreadCpu() - t0;
  if (s.ok() && w.status.ok() && on_written) on_written(stats_);
  return s;
}

Status Ingester::WriteOne(Work& w) {
  if (!w.status.ok()) {
    ++stats_.skipped;
    if (on_skip) on_skip(w.doc.id + ": " + w.status.ToString());
    return Status();
  }
  if (!writer_->in_batch()) {
    Status s = writer_->Begin();
    if (!s.ok()) return s;
    in_batch_ = 0;
  }
  auto r = writer_->Put(w.doc, w.hash, w.minhash);
  if (!r.ok()) {
    writer_->Rollback();
    return r.status();
  }
  switch (r->outcome) {
    case PutOutcome::kAdded:
      ++stats_.added;
      break;
    case PutOutcome::kUpdated:
      ++stats_.updated;
      break;
    case PutOutcome::kUnchanged:
      ++stats_.unchanged;
      break;
    case PutOutcome::kDuplicate:
      ++stats_.duplicates;
      if (on_note)
        on_note(w.doc.id + ": same content as stored article '" + r->same_as +
                "'; not stored again");
      break;
  }
  if (!r->near_duplicate_of.empty()) {
    ++stats_.near_duplicates;
    if (on_note) {
      on_note(w.doc.id + ": near-duplicate of '" + r->near_duplicate_of + "' (similarity " +
              std::to_string(r->near_duplicate_score).substr(0, 4) + ")");
    }
  }
  if (++in_batch_ >= options_.batch) {
    Status s = writer_->Commit();
    if (!s.ok()) return s;
    ++stats_.batches;
    in_batch_ = 0;
  }
  return Status();
}

Status Ingester::Finish() {
  if (!failed_.ok()) return failed_;
  if (!pool_->threads.empty()) {
    Status s = WriteReady(true);
    if (!s.ok()) return s;
  }
  double t0 = ThreadCpu();
  if (writer_->in_batch()) {
    Status s = writer_->Commit();
    if (!s.ok()) return failed_ = s;
    ++stats_.batches;
  }
  Status s = writer_->Finish(options_.optimize && stats_.stored() > 0);
  stats_.store_cpu += ThreadCpu() - t0;
  return s;
}

}  // namespace kroniek::store
