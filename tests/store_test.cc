// The corpus store: writing, idempotency, entity merging, near-duplicates, faults, queries.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "base/errors.h"
#include "kroniek/io.h"
#include "store/format.h"
#include "store/ingest.h"
#include "store/near_dup.h"
#include "store/store_reader.h"
#include "store/store_writer.h"
#include "store_test_util.h"
#include "synth/synth_news.h"

namespace kroniek::store {
namespace {

using testing::SampleDocs;
using testing::TempDir;

Status PutAll(StoreWriter& w, const std::vector<Doc>& docs,
              std::vector<PutResult>* results = nullptr) {
  KRONIEK_RETURN_IF_ERROR(w.Begin());
  for (const Doc& d : docs) {
    auto r = w.Put(d, ContentHash(d), ComputeMinHash(d.text));
    if (!r.ok()) return r.status();
    if (results) results->push_back(*r);
  }
  return w.Commit();
}

int64_t Count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

std::string Text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out = "<error>";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string Cell(const Table& t, size_t row, const std::string& column) {
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == column) return CellText(t.rows.at(row).at(c));
  }
  return "<no column " + column + ">";
}

TEST(NearDupTest, EstimatesJaccardOfEditedCopies) {
  std::string base;
  for (int i = 0; i < 40; ++i)
    base += "Zin nummer " + std::to_string(i) + " gaat over de begroting van de gemeente. ";
  std::string edited = "Een eigen openingszin van deze krant. " + base.substr(0, base.size() - 120);
  std::string other;
  for (int i = 0; i < 40; ++i)
    other += "Iets heel anders " + std::to_string(i * 7) + " over voetbal en weer. ";
  MinHash a = ComputeMinHash(base), b = ComputeMinHash(edited), c = ComputeMinHash(other);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, ComputeMinHash(base)), 1.0);
  EXPECT_GE(EstimateJaccard(a, b), kNearDupThreshold);
  EXPECT_LT(EstimateJaccard(a, c), 0.2);
  EXPECT_EQ(BandKeys(a), BandKeys(ComputeMinHash(base)));
  EXPECT_TRUE(ComputeMinHash("  ,;. ").empty);
  EXPECT_DOUBLE_EQ(EstimateJaccard(ComputeMinHash(""), a), 0.0);
  // Case does not matter.
  EXPECT_DOUBLE_EQ(
      EstimateJaccard(ComputeMinHash("De Boer ZEI het"), ComputeMinHash("de boer zei het")), 1.0);
}

TEST(StoreHelpersTest, DaysAndBuckets) {
  EXPECT_EQ(DayOf(std::string("2022-03-24T16:30:00+01:00")), 20220324);
  EXPECT_EQ(DayOf(std::string("2022-03")), 20220301);
  EXPECT_EQ(DayOf(std::string("2022")), 20220101);
  EXPECT_EQ(DayOf(std::string("maart")), -1);
  EXPECT_EQ(DayOf(std::nullopt), -1);
  EXPECT_EQ(LowerDay("2022-03"), 20220301);
  EXPECT_EQ(UpperDay("2022-03"), 20220399);
  EXPECT_EQ(UpperDay("2022"), 20221299);
  EXPECT_EQ(Bucket(20220324, "day"), "2022-03-24");
  EXPECT_EQ(Bucket(20220324, "month"), "2022-03");
  EXPECT_EQ(Bucket(20220324, "week"), "2022-W12");
  EXPECT_EQ(Bucket(20210103, "week"), "2020-W53");  // a Sunday in the last ISO week of 2020
  EXPECT_EQ(Bucket(20241230, "week"), "2025-W01");  // a Monday in the first ISO week of 2025
}

TEST(StoreHelpersTest, FtsQueriesAreQuotedAndSafe) {
  EXPECT_EQ(ToFtsQuery("stikstof boeren"), "\"stikstof\" \"boeren\"");
  EXPECT_EQ(ToFtsQuery("\"extra steun\" OR hulp"), "\"extra steun\" OR \"hulp\"");
  EXPECT_EQ(ToFtsQuery("boer*"), "\"boer\"*");
  EXPECT_EQ(ToFtsQuery("OR ) NEAR( \" -"), "\"NEAR(\"");
  EXPECT_EQ(ToFtsQuery("a\"b"), "\"a\" \"b\"");
  EXPECT_EQ(ToFtsQuery("   "), "");
}

TEST(StoreHelpersTest, ValidatesParameters) {
  QueryParams p;
  p.q = "boeren";
  EXPECT_TRUE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());
  p.from = "2022-13";
  Status s = ValidateParams(QueryKind::kSearch, p, 100, false);
  EXPECT_EQ(s.error_id(), static_cast<int>(ErrorId::kBadParameter));
  EXPECT_NE(s.message().find("from"), std::string::npos);
  p.from = "2022-02-30";
  EXPECT_FALSE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());
  p.from = "2024-02-29";
  EXPECT_TRUE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());
  p.to = "2023";
  EXPECT_FALSE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());  // from after to
  p = QueryParams();
  p.q = "x";
  p.limit = 101;
  EXPECT_FALSE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());
  p.limit = -1;
  EXPECT_FALSE(ValidateParams(QueryKind::kSearch, p, 100, false).ok());
  EXPECT_TRUE(ValidateParams(QueryKind::kSearch, p, 100, true).ok());
  p = QueryParams();
  p.entity = "Rutte";
  p.by = "year";
  EXPECT_FALSE(ValidateParams(QueryKind::kTimeline, p, 100, false).ok());
  p.by = "week";
  EXPECT_TRUE(ValidateParams(QueryKind::kTimeline, p, 100, false).ok());
  p.entity.clear();
  EXPECT_FALSE(ValidateParams(QueryKind::kTimeline, p, 100, false).ok());
  p = QueryParams();
  p.type = "PARTY";
  EXPECT_FALSE(ValidateParams(QueryKind::kEvents, p, 100, false).ok());
  EXPECT_FALSE(ValidateParams(QueryKind::kEntities, p, 100, false).ok());
  p.type = "PROTEST";
  EXPECT_TRUE(ValidateParams(QueryKind::kEvents, p, 100, false).ok());
}

TEST(StoreWriterTest, StoresEveryLayerAndGivesTheDocBack) {
  TempDir dir;
  std::string path = dir.File("k.db");
  auto w = StoreWriter::Open(path);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto docs = SampleDocs();
  for (const Doc& d : docs) ASSERT_EQ(d.Validate(), "") << d.id;
  ASSERT_TRUE(PutAll(**w, docs).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  w->reset();
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc"), 3);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM quote"), 4);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM event"), 3);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM time"), 2);
  EXPECT_EQ(Count(path, "PRAGMA page_size"), 16384);
  // Offsets are code points: substr() in SQL gives the quote back.
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT substr(d.text, q.start + 1, q.end - q.start) FROM quote q JOIN doc d "
                     "ON d.id = q.doc WHERE d.ext_id = 'navo-1' AND q.seq = 0",
                     -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
            "Wij zijn het sterkste bondgenootschap ter wereld");
  sqlite3_finalize(st);
  sqlite3_close(db);
  // The stored article round-trips through the JSON contract.
  auto r = StoreReader::Open(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const Doc& d : docs) {
    auto got = (*r)->GetDoc(d.id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ((*got)->doc.Validate(), "");
    EXPECT_EQ(ToJson((*got)->doc), ToJson(d)) << d.id;
  }
  auto none = (*r)->GetDoc("nope");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(StoreWriterTest, IsIdempotentAndUpdatesChangedArticles) {
  TempDir dir;
  std::string path = dir.File("k.db");
  auto w = StoreWriter::Open(path);
  ASSERT_TRUE(w.ok());
  auto docs = SampleDocs();
  std::vector<PutResult> res;
  ASSERT_TRUE(PutAll(**w, docs, &res).ok());
  for (const auto& r : res) EXPECT_EQ(r.outcome, PutOutcome::kAdded);
  res.clear();
  ASSERT_TRUE(PutAll(**w, docs, &res).ok());
  for (const auto& r : res) EXPECT_EQ(r.outcome, PutOutcome::kUnchanged);
  // The same content under another id is not stored again.
  Doc copy = docs[1];
  copy.id = "boeren-kopie";
  res.clear();
  ASSERT_TRUE(PutAll(**w, {copy}, &res).ok());
  EXPECT_EQ(res[0].outcome, PutOutcome::kDuplicate);
  EXPECT_EQ(res[0].same_as, "boeren-1");
  // A changed article replaces the stored one and the entity counts follow.
  Doc changed = docs[2];
  changed.entities.pop_back();  // Rutte no longer in the third article
  changed.mentions.erase(std::remove_if(changed.mentions.begin(), changed.mentions.end(),
                                        [](const Mention& m) { return m.entity == 3; }),
                         changed.mentions.end());
  for (auto& e : changed.entities) e.mentions.clear();
  for (size_t m = 0; m < changed.mentions.size(); ++m) {
    changed.entities[static_cast<size_t>(changed.mentions[m].entity)].mentions.push_back(
        static_cast<uint32_t>(m));
  }
  changed.meta.title = "Boete";
  ASSERT_EQ(changed.Validate(), "");
  res.clear();
  ASSERT_TRUE(PutAll(**w, {changed}, &res).ok());
  EXPECT_EQ(res[0].outcome, PutOutcome::kUpdated);
  ASSERT_TRUE((*w)->Finish().ok());
  w->reset();
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc"), 3);
  EXPECT_EQ(Count(path, "SELECT docs FROM entity WHERE kb = 'Q57792'"), 2);
  EXPECT_EQ(Count(path, "SELECT mentions FROM entity WHERE kb = 'Q57792'"), 3);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM doc_entity de JOIN entity e ON e.id = de.entity WHERE e.kb "
                  "= 'Q57792'"),
            2);
  EXPECT_EQ(Count(path, "SELECT id FROM doc WHERE ext_id = 'boete-1'"), 3);  // row id kept
  // The full-text index follows the update (the new title is indexed, the row is there once).
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'title:Boete'"), 1);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'Rutte'"), 3);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc_band"), 3 * kBands);
  EXPECT_EQ(Text(path, "PRAGMA integrity_check"), "ok");
  // The FTS5 index agrees with its content table.
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check')", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST(StoreWriterTest, MergesEntitiesByKbIdElseByNameAndType) {
  TempDir dir;
  std::string path = dir.File("k.db");
  auto w = StoreWriter::Open(path);
  ASSERT_TRUE(w.ok());
  std::vector<Doc> docs;
  {
    testing::DocBuilder b("a", "2020-01-01", "Poetin sprak. Jansen luisterde. Amsterdam wachtte.");
    b.Entity("PER", "Vladimir Poetin", "Q7747", {{"Poetin", 0}});
    b.Entity("PER", "Jansen", std::nullopt, {{"Jansen", 0}});
    b.Entity("LOC", "Amsterdam", std::nullopt, {{"Amsterdam", 0}});
    docs.push_back(b.Build());
  }
  {
    testing::DocBuilder b("b", "2020-01-02",
                          "Putin sprak weer. Jansen ook. De club Amsterdam won.");
    b.Entity("PER", "Vladimir Putin", "Q7747", {{"Putin", 0}});  // other name, same kb id
    b.Entity("PER", "Jansen", std::nullopt, {{"Jansen", 0}});
    b.Entity("ORG", "Amsterdam", std::nullopt, {{"Amsterdam", 0}});  // same name, other type
    docs.push_back(b.Build());
  }
  ASSERT_TRUE(PutAll(**w, docs).ok());
  w->reset();
  EXPECT_EQ(Count(path, "SELECT count(*) FROM entity"), 4);
  EXPECT_EQ(Count(path, "SELECT docs FROM entity WHERE kb = 'Q7747'"), 2);
  EXPECT_EQ(Count(path, "SELECT docs FROM entity WHERE name = 'Jansen'"), 2);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM entity WHERE name = 'Amsterdam'"), 2);
}

TEST(StoreWriterTest, FlagsNearDuplicates) {
  TempDir dir;
  std::string path = dir.File("k.db");
  auto w = StoreWriter::Open(path);
  ASSERT_TRUE(w.ok());
  synth::SynthOptions o;
  std::vector<Doc> docs;
  uint64_t copy = 0, original = 0;
  for (uint64_t i = 0; i < 400 && docs.size() < 400; ++i) {
    docs.push_back(synth::MakeArticle(i, o));
    uint64_t orig;
    if (!copy && synth::IsNearDuplicate(i, o, &orig)) {
      copy = i;
      original = orig;
    }
  }
  ASSERT_GT(copy, 0u);
  std::vector<PutResult> res;
  ASSERT_TRUE(PutAll(**w, docs, &res).ok());
  EXPECT_EQ(res[copy].near_duplicate_of, docs[original].id);
  EXPECT_GE(res[copy].near_duplicate_score, kNearDupThreshold);
  // Articles that are not copies are (nearly always) not flagged.
  int flagged_originals = 0, copies = 0, found = 0;
  for (uint64_t i = 0; i < docs.size(); ++i) {
    uint64_t orig;
    bool is_copy = synth::IsNearDuplicate(i, o, &orig);
    copies += is_copy;
    if (is_copy && res[i].near_duplicate_of == docs[orig].id) ++found;
    if (!is_copy && !res[i].near_duplicate_of.empty()) ++flagged_originals;
  }
  EXPECT_EQ(flagged_originals, 0);
  EXPECT_GE(found * 10, copies * 8) << found << " of " << copies << " copies found";
  w->reset();
  auto r = StoreReader::Open(path);
  ASSERT_TRUE(r.ok());
  auto d = (*r)->GetDoc(docs[copy].id);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->near_duplicate_of, docs[original].id);
}

TEST(StoreWriterTest, AFailedWriteLeavesTheCommittedBatchesAndARerunCompletes) {
  TempDir dir;
  std::string path = dir.File("k.db");
  synth::SynthOptions o;
  std::vector<Doc> docs;
  for (uint64_t i = 0; i < 60; ++i) docs.push_back(synth::MakeArticle(i, o));
  {
    IngestOptions io;
    io.threads = 0;
    io.batch = 25;
    io.analyse = false;
    io.writer.fail_after_writes = 40;  // fails inside the second batch
    auto in = Ingester::Create(path, nullptr, io);
    ASSERT_TRUE(in.ok());
    Status s;
    for (const Doc& d : docs) {
      s = (*in)->Add(Doc(d));
      if (!s.ok()) break;
    }
    EXPECT_EQ(s.error_id(), static_cast<int>(ErrorId::kStoreWrite));
    EXPECT_FALSE((*in)->Finish().ok());
  }
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc"), 25);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc_entity"),
            Count(path, "SELECT count(DISTINCT doc || ':' || entity) FROM mention"));
  EXPECT_EQ(Count(path, "SELECT sum(docs) FROM entity"),
            Count(path, "SELECT count(*) FROM doc_entity"));
  {
    IngestOptions io;
    io.threads = 2;
    io.batch = 25;
    io.analyse = false;
    auto in = Ingester::Create(path, nullptr, io);
    ASSERT_TRUE(in.ok());
    for (const Doc& d : docs) ASSERT_TRUE((*in)->Add(Doc(d)).ok());
    ASSERT_TRUE((*in)->Finish().ok());
    EXPECT_EQ((*in)->stats().unchanged, 25);
    EXPECT_EQ((*in)->stats().added, 35);
  }
  EXPECT_EQ(Count(path, "SELECT count(*) FROM doc"), 60);
  EXPECT_EQ(Count(path, "SELECT count(DISTINCT ext_id) FROM doc"), 60);
  EXPECT_EQ(Count(path, "SELECT sum(docs) FROM entity"),
            Count(path, "SELECT count(*) FROM doc_entity"));
}

TEST(StoreWriterTest, TheStoreIsTheSameWhateverTheNumberOfThreads) {
  TempDir dir;
  synth::SynthOptions o;
  std::vector<Doc> docs;
  for (uint64_t i = 0; i < 80; ++i) docs.push_back(synth::MakeArticle(i, o));
  auto pipeline = Pipeline::Default(PipelineOptions{});
  ASSERT_TRUE(pipeline.ok());
  std::vector<std::string> dumps;
  for (int threads : {0, 1, 3}) {
    std::string path = dir.File("t" + std::to_string(threads) + ".db");
    IngestOptions io;
    io.threads = threads;
    io.batch = 7;
    auto in = Ingester::Create(path, &pipeline.value(), io);
    ASSERT_TRUE(in.ok());
    for (const Doc& d : docs) ASSERT_TRUE((*in)->Add(Doc(d)).ok());
    ASSERT_TRUE((*in)->Finish().ok());
    in->reset();
    auto r = StoreReader::Open(path);
    ASSERT_TRUE(r.ok());
    std::string dump;
    for (const Doc& d : docs) {
      auto got = (*r)->GetDoc(d.id);
      ASSERT_TRUE(got.ok() && got->has_value());
      dump += FormatStoredDocJson(**got) + "\n";
    }
    dump += std::to_string(Count(path, "SELECT sum(id * (hash % 1000)) FROM doc"));
    dumps.push_back(dump);
  }
  EXPECT_EQ(dumps[0], dumps[1]);
  EXPECT_EQ(dumps[0], dumps[2]);
}

TEST(StoreWriterTest, FinishMergesTheIndexAndCompactsTheFile) {
  TempDir dir;
  synth::SynthOptions so;
  std::vector<Doc> docs;
  for (uint64_t i = 0; i < 60; ++i) docs.push_back(synth::MakeArticle(i, so));
  int64_t pages[2] = {0, 0};
  for (int optimize = 0; optimize < 2; ++optimize) {
    std::string path = dir.File("k" + std::to_string(optimize) + ".db");
    {
      auto w = StoreWriter::Open(path);
      ASSERT_TRUE(w.ok());
      for (size_t b = 0; b < docs.size(); b += 10) {  // six batches: six index segments
        std::vector<Doc> batch(docs.begin() + static_cast<std::ptrdiff_t>(b),
                               docs.begin() + static_cast<std::ptrdiff_t>(b + 10));
        ASSERT_TRUE(PutAll(**w, batch).ok());
      }
      ASSERT_TRUE((*w)->Finish(optimize == 1).ok());
    }
    pages[optimize] = Count(path, "PRAGMA page_count");
    EXPECT_EQ(Text(path, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Count(path, "SELECT count(*) FROM doc"), 60);
    EXPECT_EQ(Count(path, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'de'"), 60);
    if (optimize) {
      EXPECT_EQ(Count(path, "PRAGMA freelist_count"), 0);
      EXPECT_EQ(Count(path, "SELECT count(DISTINCT segid) FROM doc_fts_idx"), 1);  // one segment
    }
  }
  EXPECT_LT(pages[1], pages[0]);
}

TEST(IngesterTest, RunsTheAfterAnalysisHookAndSplitsTheCpuTime) {
  TempDir dir;
  store::IngestOptions io;
  io.threads = 1;
  io.analyse = false;
  int calls = 0;
  io.after_analysis = [&](Doc& d) {
    ++calls;
    d.times.push_back({Span{0, 3}, "DATE", "2022-03-24"});
    d.Set(Layer::kTimes);
  };
  std::string path = dir.File("k.db");
  auto in = Ingester::Create(path, nullptr, io);
  ASSERT_TRUE(in.ok());
  auto docs = SampleDocs();
  for (const Doc& d : docs) ASSERT_TRUE((*in)->Add(Doc(d)).ok());
  ASSERT_TRUE((*in)->Finish().ok());
  EXPECT_EQ(calls, static_cast<int>(docs.size()));
  size_t times = 0;
  for (const Doc& d : docs) times += d.times.size() + 1;
  EXPECT_EQ(Count(path, "SELECT count(*) FROM time"), static_cast<int64_t>(times));
  EXPECT_GT((*in)->stats().store_cpu, 0.0);
  EXPECT_GE((*in)->stats().analysis_cpu, 0.0);
}

TEST(StoreSchemaTest, RefusesANewerSchemaAndForeignDatabases) {
  TempDir dir;
  std::string path = dir.File("k.db");
  {
    auto w = StoreWriter::Open(path);
    ASSERT_TRUE(w.ok());
  }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "UPDATE kroniek_store SET value = '99' WHERE key = 'schema_version'", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  auto w = StoreWriter::Open(path);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().error_id(), static_cast<int>(ErrorId::kStoreSchema));
  auto r = StoreReader::Open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kStoreSchema));
  EXPECT_NE(r.status().message().find("99"), std::string::npos);
  // An older store is refused too, and the message says what to do.
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "UPDATE kroniek_store SET value = '0' WHERE key = 'schema_version'", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  auto old = StoreReader::Open(path);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().error_id(), static_cast<int>(ErrorId::kStoreSchema));
  EXPECT_NE(old.status().message().find("older"), std::string::npos) << old.status().message();
  std::string other = dir.File("other.db");
  sqlite3_open(other.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto w2 = StoreWriter::Open(other);
  ASSERT_FALSE(w2.ok());
  EXPECT_EQ(w2.status().error_id(), static_cast<int>(ErrorId::kStoreSchema));
  auto r2 = StoreReader::Open(dir.File("missing.db"));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().error_id(), static_cast<int>(ErrorId::kStoreOpen));
}

class StoreQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("k.db");
    auto w = StoreWriter::Open(path_);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(PutAll(**w, SampleDocs()).ok());
    ASSERT_TRUE((*w)->Finish().ok());
    w->reset();
    auto r = StoreReader::Open(path_);
    ASSERT_TRUE(r.ok());
    reader_ = std::move(r).value();
  }
  Table Run(QueryKind kind, const QueryParams& p) {
    EXPECT_TRUE(ValidateParams(kind, p, 100, true).ok());
    auto t = reader_->Run(kind, p);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Table();
  }
  TempDir dir_;
  std::string path_;
  std::unique_ptr<StoreReader> reader_;
};

TEST_F(StoreQueryTest, Search) {
  QueryParams p;
  p.q = "rutte";
  Table t = Run(QueryKind::kSearch, p);
  ASSERT_EQ(t.rows.size(), 3u);
  p.from = "2022-06";
  p.to = "2022";
  t = Run(QueryKind::kSearch, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "id"), "boeren-1");
  EXPECT_NE(Cell(t, 0, "snippet").find("[Rutte]"), std::string::npos);
  p = QueryParams();
  p.q = "\"sterkste bondgenootschap\"";
  t = Run(QueryKind::kSearch, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "id"), "navo-1");
  p.q = "oekraine";  // diacritics do not matter
  EXPECT_EQ(Run(QueryKind::kSearch, p).rows.size(), 1u);
  p.q = "boete";
  p.entity = "Bart Kemp";
  EXPECT_EQ(Run(QueryKind::kSearch, p).rows.size(), 1u);
  p.entity = "Q57";  // Stoltenberg is not in the fine article
  EXPECT_EQ(Run(QueryKind::kSearch, p).rows.size(), 0u);
  p = QueryParams();
  p.q = "zei";
  p.limit = 2;
  t = Run(QueryKind::kSearch, p);
  EXPECT_EQ(t.rows.size(), 2u);
  EXPECT_TRUE(t.more);
  p.offset = 2;
  t = Run(QueryKind::kSearch, p);
  EXPECT_EQ(t.rows.size(), 1u);
  EXPECT_FALSE(t.more);
}

TEST_F(StoreQueryTest, EntitiesTimelineCooccur) {
  QueryParams p;
  Table t = Run(QueryKind::kEntities, p);
  ASSERT_FALSE(t.rows.empty());
  EXPECT_EQ(Cell(t, 0, "name"), "Mark Rutte");
  EXPECT_EQ(Cell(t, 0, "docs"), "3");
  EXPECT_EQ(Cell(t, 0, "kb"), "Q57792");
  p.type = "ORG";
  t = Run(QueryKind::kEntities, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "name"), "Autoriteit Persoonsgegevens");
  p = QueryParams();
  p.from = "2023";
  p.type = "PER";
  t = Run(QueryKind::kEntities, p);
  EXPECT_EQ(t.rows.size(), 3u);  // Kemp, Poetin, Rutte in 2023

  p = QueryParams();
  p.entity = "mark rutte";  // names match case-insensitively
  t = Run(QueryKind::kTimeline, p);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(Cell(t, 0, "period"), "2022-03");
  EXPECT_EQ(Cell(t, 1, "period"), "2022-06");
  EXPECT_EQ(Cell(t, 2, "period"), "2023-01");
  EXPECT_EQ(Cell(t, 0, "mentions"), "2");
  p.by = "week";
  t = Run(QueryKind::kTimeline, p);
  EXPECT_EQ(Cell(t, 0, "period"), "2022-W12");
  p.by = "day";
  p.from = "2022-04";
  t = Run(QueryKind::kTimeline, p);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Cell(t, 0, "period"), "2022-06-22");
  p = QueryParams();
  p.entity = "Q99999";
  EXPECT_TRUE(Run(QueryKind::kTimeline, p).rows.empty());

  p = QueryParams();
  p.entity = "Q57792";
  t = Run(QueryKind::kCooccur, p);
  ASSERT_FALSE(t.rows.empty());
  EXPECT_EQ(Cell(t, 0, "name"), "Bart Kemp");  // two shared articles
  EXPECT_EQ(Cell(t, 0, "shared_docs"), "2");
  for (size_t i = 0; i < t.rows.size(); ++i) EXPECT_NE(Cell(t, i, "name"), "Mark Rutte");
}

TEST_F(StoreQueryTest, QuotesAndEvents) {
  QueryParams p;
  Table t = Run(QueryKind::kQuotes, p);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Cell(t, 0, "id"), "boete-1");  // newest first
  p.speaker = "Jens Stoltenberg";
  t = Run(QueryKind::kQuotes, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "quote"), "Wij zijn het sterkste bondgenootschap ter wereld");
  EXPECT_EQ(Cell(t, 0, "cue"), "zei");
  EXPECT_EQ(Cell(t, 0, "kind"), "direct");
  p = QueryParams();
  p.speaker = "Bart Kemp";
  p.to = "2022-12-31";
  t = Run(QueryKind::kQuotes, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "quote"), "We laten ons niet wegzetten");
  p = QueryParams();
  p.about = "Nederland";  // an entity mentioned inside the quote
  t = Run(QueryKind::kQuotes, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "speaker"), "Mark Rutte");
  p.about = "terecht";  // no such entity: words in the quote
  t = Run(QueryKind::kQuotes, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "speaker"), "Bart Kemp");

  p = QueryParams();
  t = Run(QueryKind::kEvents, p);
  ASSERT_EQ(t.rows.size(), 3u);
  p.type = "CONSULT";
  t = Run(QueryKind::kEvents, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "actors"), "Jens Stoltenberg");
  EXPECT_EQ(Cell(t, 0, "targets"), "Mark Rutte");
  EXPECT_EQ(Cell(t, 0, "location"), "Brussel");
  EXPECT_EQ(Cell(t, 0, "time"), "2022-03-24");
  EXPECT_EQ(Cell(t, 0, "trigger"), "sprak");
  p = QueryParams();
  p.actor = "Bart Kemp";
  t = Run(QueryKind::kEvents, p);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Cell(t, 0, "type"), "PROTEST");
  // PLOVER-style export.
  std::vector<nlohmann::json> lines;
  ASSERT_TRUE(reader_
                  ->ExportEventsJsonl(QueryParams(),
                                      [&](const std::string& l) {
                                        lines.push_back(nlohmann::json::parse(l));
                                        return true;
                                      })
                  .ok());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["event_type"], "CONSULT");
  EXPECT_EQ(lines[0]["actors"][0]["name"], "Jens Stoltenberg");
  EXPECT_EQ(lines[0]["location"]["kb"], "Q239");
  EXPECT_EQ(lines[0]["time"]["value"], "2022-03-24");
  EXPECT_TRUE(lines[2]["location"].is_null());
  EXPECT_TRUE(lines[2]["targets"].empty());
}

TEST_F(StoreQueryTest, FormatsAndTimeLimit) {
  QueryParams p;
  p.speaker = "Jens Stoltenberg";
  Table t = Run(QueryKind::kQuotes, p);
  std::string csv = FormatCsv(t);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "id,date,source,speaker,speaker_kb,kind,quote,cue");
  auto j = nlohmann::json::parse(FormatJsonPage(t, "quotes", 0, 20));
  EXPECT_EQ(j["results"][0]["speaker"], "Jens Stoltenberg");
  EXPECT_TRUE(j["next_offset"].is_null());
  std::string table = FormatTextTable(t);
  EXPECT_NE(table.find("Jens Stoltenberg"), std::string::npos);
  EXPECT_EQ(CsvLine({"a,b", "say \"hi\"", "x"}), "\"a,b\",\"say \"\"hi\"\"\",x\r\n");
}

TEST(StoreTimeLimitTest, AQueryOverTheLimitStopsWithE404) {
  TempDir dir;
  std::string path = dir.File("k.db");
  {
    IngestOptions io;
    io.threads = 0;
    io.analyse = false;
    auto in = Ingester::Create(path, nullptr, io);
    ASSERT_TRUE(in.ok());
    synth::SynthOptions o;
    for (uint64_t i = 0; i < 150; ++i) ASSERT_TRUE((*in)->Add(synth::MakeArticle(i, o)).ok());
    ASSERT_TRUE((*in)->Finish().ok());
  }
  auto r = StoreReader::Open(path);
  ASSERT_TRUE(r.ok());
  QueryParams all;  // every quote, sorted by date: thousands of steps
  (*r)->SetTimeLimit(std::chrono::microseconds(1));
  auto t = (*r)->Run(QueryKind::kQuotes, all);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().error_id(), static_cast<int>(ErrorId::kQueryTimeout));
  (*r)->SetTimeLimit(std::chrono::microseconds(0));
  t = (*r)->Run(QueryKind::kQuotes, all);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows.size(), 20u);
}

}  // namespace
}  // namespace kroniek::store
