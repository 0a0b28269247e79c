#include "tokenize/sentence_model.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/features.h"

namespace kroniek::tok {
namespace {

// A two-class model where key 11 votes for a boundary and key 22 against.
learn::LinearModel Tiny() {
  return learn::LinearModel::FromRows(2, {11, 22}, {0, 1, 2}, {1, 0}, {2.0f, 3.0f});
}

SentenceLexicon TinyLexicon() {
  SentenceLexicon lex;
  lex.Count({"Geschiedenis"});
  lex.Count({"De", "stad", "groeit", "."});
  lex.Finish(1);
  return lex;
}

std::string FileOf(const SentenceModel& m, const std::string& feature_set = kSentenceFeatureSet,
                   const std::string& stage = kSentenceStage) {
  learn::ModelWriter w(stage, feature_set);
  m.Save(&w);
  return w.Serialize();
}

TEST(SentenceModelTest, ScoresWithThreshold) {
  SentenceModel m(Tiny(), -0.5f, SentenceLexicon());
  const std::vector<uint64_t> yes{11}, no{22}, both{11, 22}, none{99};
  EXPECT_FLOAT_EQ(m.Score(yes), 1.5f);
  EXPECT_FLOAT_EQ(m.Score(no), -3.5f);
  EXPECT_FLOAT_EQ(m.Score(both), -1.5f);
  EXPECT_TRUE(m.EndsBefore(yes));
  EXPECT_FALSE(m.EndsBefore(both));
  EXPECT_FALSE(m.EndsBefore(none));  // only the threshold
  ModelDecider d(m);
  EXPECT_TRUE(d.EndsBefore(yes, 0));
  EXPECT_EQ(d.lexicon(), &m.lexicon());
}

TEST(SentenceModelTest, RoundTripsThroughAModelFile) {
  SentenceModel m(Tiny(), 0.25f, TinyLexicon());
  auto back = SentenceModel::Parse(FileOf(m), "test");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const std::vector<uint64_t> keys{11};
  EXPECT_FLOAT_EQ((*back)->Score(keys), m.Score(keys));
  EXPECT_FLOAT_EQ((*back)->threshold(), 0.25f);
  EXPECT_EQ((*back)->lexicon().size(), m.lexicon().size());
  EXPECT_EQ((*back)->lexicon().Find("Geschiedenis").start, 1);
  // Without word statistics there is no LEXI section, and that is fine.
  auto plain = SentenceModel::Parse(FileOf(SentenceModel(Tiny(), 0, SentenceLexicon())), "t");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ((*plain)->lexicon().size(), 0u);
}

TEST(SentenceModelTest, RejectsForeignAndDamagedFiles) {
  SentenceModel m(Tiny(), 0, TinyLexicon());
  auto other_set = SentenceModel::Parse(FileOf(m, "sentences.v0"), "old");
  ASSERT_FALSE(other_set.ok());
  EXPECT_EQ(other_set.status().error_id(), static_cast<int>(ErrorId::kModelVersion));
  auto other_stage = SentenceModel::Parse(FileOf(m, kSentenceFeatureSet, "tagger"), "tagger");
  ASSERT_FALSE(other_stage.ok());
  EXPECT_EQ(other_stage.status().error_id(), static_cast<int>(ErrorId::kModelWrongStage));
  // A file missing a section, or with a section that does not decode.
  {
    learn::ModelWriter w(kSentenceStage, kSentenceFeatureSet);
    w.AddSection("LINM", Tiny().Serialize());
    auto r = SentenceModel::Parse(w.Serialize(), "no-thrs");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelCorrupt));
  }
  {
    learn::ModelWriter w(kSentenceStage, kSentenceFeatureSet);
    w.AddSection("LINM", Tiny().Serialize());
    learn::ByteWriter t;
    t.F32(0);
    w.AddSection("THRS", t.Take());
    w.AddSection("LEXI", "\x05garbage");
    auto r = SentenceModel::Parse(w.Serialize(), "bad-lexi");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelCorrupt));
  }
  {
    learn::ModelWriter w(kSentenceStage, kSentenceFeatureSet);
    w.AddSection("LINM", learn::LinearModel::FromRows(3, {1}, {0, 1}, {2}, {1.0f}).Serialize());
    learn::ByteWriter t;
    t.F32(0);
    w.AddSection("THRS", t.Take());
    auto r = SentenceModel::Parse(w.Serialize(), "three-classes");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelCorrupt));
  }
  std::string bytes = FileOf(m);
  bytes[bytes.size() / 2] ^= 0x40;
  EXPECT_FALSE(SentenceModel::Parse(bytes, "flipped").ok());
  auto missing = SentenceModel::Open("/nonexistent/sentences.kmodel");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error_id(), static_cast<int>(ErrorId::kModelNotFound));
}

}  // namespace
}  // namespace kroniek::tok
