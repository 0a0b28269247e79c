// kroniek ingest / query / export from the command line, and the crash test: an ingest killed
// with SIGKILL in the middle of a batch, then run again.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "store/near_dup.h"
#include "store/store_writer.h"
#include "store_test_util.h"
#include "test_util.h"

namespace kroniek::testing {
namespace {

using nlohmann::json;

int64_t Scalar(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_type(st, 0) == SQLITE_TEXT
            ? (std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok" ? 1
                                                                                              : 0)
            : sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// Every article file is stored exactly once (by its text), nothing else is, and the database is
// intact.
void ExpectEveryArticleOnce(const std::string& corpus_dir, const std::string& db_path) {
  std::set<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir))
    texts.insert(ReadFile(e.path()));
  EXPECT_EQ(Scalar(db_path, "PRAGMA integrity_check"), 1);
  EXPECT_EQ(Scalar(db_path, "SELECT count(*) FROM doc"), static_cast<int64_t>(texts.size()));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM doc WHERE text = ?1", -1, &st, nullptr),
            SQLITE_OK);
  int wrong = 0;
  for (const std::string& t : texts) {
    sqlite3_bind_text(st, 1, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int64(st, 0) != 1) ++wrong;
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(wrong, 0) << "articles not stored exactly once";
  // The full-text index has one row per article, and the derived tables agree with the docs.
  EXPECT_EQ(Scalar(db_path, "SELECT count(*) FROM doc_fts"), static_cast<int64_t>(texts.size()));
  EXPECT_EQ(Scalar(db_path, "SELECT count(*) FROM time WHERE doc NOT IN (SELECT id FROM doc)"), 0);
  EXPECT_EQ(Scalar(db_path, "SELECT count(DISTINCT doc) FROM doc_band"),
            static_cast<int64_t>(texts.size()));
}

// Starts `kroniek args...` with stderr to `err_path`; returns its pid.
pid_t Spawn(const std::vector<std::string>& args, const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(err_path.c_str(), "w", stderr);
    (void)f;
    std::vector<char*> argv;
    std::string bin = KroniekBinary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

class StoreCliTest : public ::testing::Test {
 protected:
  void MakeCorpus(int docs) {
    corpus_ = dir_.File("corpus");
    CommandResult r = RunKroniek("bench corpus --format txt --docs " + std::to_string(docs) +
                                 " -o '" + corpus_ + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  TempDir dir_;
  std::string corpus_;
};

TEST_F(StoreCliTest, IngestIsIdempotentAndQueriesAnswer) {
  MakeCorpus(120);
  std::string db = dir_.File("k.db");
  CommandResult r = RunKroniek("ingest --db '" + db + "' '" + corpus_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("added"), std::string::npos);
  ExpectEveryArticleOnce(corpus_, db);
  int64_t rows = Scalar(db, "SELECT count(*) FROM doc");
  r = RunKroniek("ingest --threads 2 --db '" + db + "' '" + corpus_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(" 0 added, 0 updated, " + std::to_string(rows) + " unchanged"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Scalar(db, "SELECT count(*) FROM doc"), rows);
  // A changed article is updated in place.
  {
    std::ofstream f(corpus_ + "/synth-0000003.txt", std::ios::app);
    f << "\n\nEen toegevoegde alinea over de begroting.";
  }
  r = RunKroniek("ingest --db '" + db + "' '" + corpus_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(" 0 added, 1 updated"), std::string::npos) << r.err;
  ExpectEveryArticleOnce(corpus_, db);

  r = RunKroniek("query search --db '" + db + "' --format json --limit 5 toegevoegde alinea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["id"], "synth-0000003");
  r = RunKroniek("query doc --db '" + db + "' --format json synth-0000003");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = json::parse(r.out);
  EXPECT_EQ(j["doc"]["id"], "synth-0000003");
  EXPECT_FALSE(j["doc"]["times"].empty());  // the time tagger ran
  r = RunKroniek("query stats --db '" + db + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["docs"], rows);
  r = RunKroniek("query search --db '" + db + "' --format csv begroting --limit 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("\r\n")), "id,date,title,source,score,duplicate_of,snippet");
  r = RunKroniek("query search --db '" + db + "' --format table begroting --limit 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("snippet"), std::string::npos);
  // Bad parameters are usage errors; a missing store is a failure.
  r = RunKroniek("query timeline --db '" + db + "' --by year Rutte");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("[E401]"), std::string::npos) << r.err;
  r = RunKroniek("query quotes --db '" + db + "' --from 2020-13");
  EXPECT_EQ(r.exit_code, 2);
  r = RunKroniek("query entities --db '" + dir_.File("missing.db") + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[E301]"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("missing.db")));
}

TEST_F(StoreCliTest, ExportsQuotesEntitiesAndEvents) {
  // Articles with layers come from a hand-made store (the pipeline has no NER yet).
  std::string db = dir_.File("k.db");
  {
    auto w = store::StoreWriter::Open(db);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Begin().ok());
    for (const Doc& d : SampleDocs()) {
      ASSERT_TRUE((*w)->Put(d, store::ContentHash(d), store::ComputeMinHash(d.text)).ok());
    }
    ASSERT_TRUE((*w)->Finish().ok());
  }
  CommandResult r = RunKroniek("export quotes --db '" + db + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);  // header + 4 quotes
  EXPECT_NE(r.out.find("Wij zijn het sterkste bondgenootschap ter wereld"), std::string::npos);
  r = RunKroniek("export entities --type PER --db '" + db + "' -o '" + dir_.File("e.csv") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = ReadFile(dir_.File("e.csv"));
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "name,type,kb,docs,mentions");
  EXPECT_NE(csv.find("Mark Rutte,PER,Q57792,3,4"), std::string::npos) << csv;
  r = RunKroniek("export events --db '" + db + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t lines = 0;
  for (size_t pos = 0; pos < r.out.size();) {
    size_t nl = r.out.find('\n', pos);
    json j = json::parse(r.out.substr(pos, nl - pos));
    EXPECT_TRUE(j.contains("event_type") && j.contains("actors") && j.contains("targets"));
    ++lines;
    pos = nl + 1;
  }
  EXPECT_EQ(lines, 3u);
  r = RunKroniek("export tweets --db '" + db + "'");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(StoreCliTest, AnIngestKilledMidBatchIsCompletedByARerun) {
  MakeCorpus(1200);
  std::string db = dir_.File("k.db");
  std::string err = dir_.File("stderr");
  // The ingest stops itself after 450 articles written (4 batches of 100 committed, 50 written
  // in the open batch) and waits there to be killed.
  pid_t pid = Spawn({"ingest", "--db", db, "--batch", "100", "--threads", "1", "--test-stall-after",
                     "450", corpus_},
                    err);
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  bool stalled = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ReadFile(err).find("stalled after 450") != std::string::npos) {
      stalled = true;
      break;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // ended early: fail below
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  ASSERT_TRUE(stalled) << ReadFile(err);
  // The WAL holds the uncommitted half batch; only the committed batches are visible: the
  // first 400 articles (an exact copy among them is not stored twice).
  std::set<std::string> first;
  for (int i = 0; i < 400; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "/synth-%07d.txt", i);
    first.insert(ReadFile(corpus_ + name));
  }
  EXPECT_EQ(Scalar(db, "SELECT count(*) FROM doc"), static_cast<int64_t>(first.size()));
  EXPECT_EQ(Scalar(db, "PRAGMA integrity_check"), 1);
  CommandResult r = RunKroniek("ingest --db '" + db + "' '" + corpus_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("400 unchanged"), std::string::npos) << r.err;
  ExpectEveryArticleOnce(corpus_, db);
}

TEST_F(StoreCliTest, AnIngestKilledAtAnyMomentLeavesAConsistentStore) {
  MakeCorpus(600);
  std::string db = dir_.File("k.db");
  std::string err = dir_.File("stderr");
  pid_t pid = Spawn({"ingest", "--db", db, "--batch", "20", "--threads", "2", corpus_}, err);
  ASSERT_GT(pid, 0);
  // Kill as soon as the first batches are committed: almost surely inside a batch.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline &&
         Scalar(db, "SELECT count(*) FROM doc") < 40) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  EXPECT_EQ(Scalar(db, "PRAGMA integrity_check"), 1);
  CommandResult r = RunKroniek("ingest --db '" + db + "' '" + corpus_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectEveryArticleOnce(corpus_, db);
}

}  // namespace
}  // namespace kroniek::testing
