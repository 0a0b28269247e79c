#include "tag/tagger.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "learn/model_file.h"
#include "tag/corpus.h"
#include "tag/lemmatizer.h"
#include "tag/text.h"
#include "test_util.h"

namespace kroniek::tag {
namespace {

std::string Fixture() { return testing::SourceDir() + "/src/tag/testdata/tiny.conllu"; }

std::vector<AnnotatedSentence> Tiny() {
  auto s = ReadAnnotated(Fixture());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? s.value() : std::vector<AnnotatedSentence>{};
}

std::shared_ptr<const Tagger> TrainTiny(uint64_t seed = 1) {
  TaggerTrainOptions o;
  o.epochs = 6;
  o.seed = seed;
  auto train = Tiny();
  auto t = TrainTagger(train, {}, o, nullptr);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? t.value() : nullptr;
}

std::string SaveTagger(const Tagger& t) {
  learn::ModelWriter w(kTaggerStage, kTaggerFeatureSet);
  t.Save(&w);
  return w.Serialize();
}

TEST(TaggerTest, LearnsTheFixture) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  TagScores s = ScoreTagger(*tagger, Tiny());
  EXPECT_GT(s.upos, 97.0);
  EXPECT_GT(s.xpos, 95.0);
  // Feature sets come with the label: a plural noun gets Number=Plur.
  std::vector<uint32_t> labels;
  tagger->TagSentence({"De", "studenten", "zoeken", "een", "kamer", "."}, &labels);
  ASSERT_EQ(labels.size(), 6u);
  EXPECT_EQ(tagger->labels()[labels[1]].upos, "NOUN");
  EXPECT_EQ(tagger->labels()[labels[1]].feats, "Number=Plur");
  EXPECT_EQ(tagger->labels()[labels[5]].upos, "PUNCT");
}

TEST(TaggerTest, SaveLoadPredictsIdentically) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::string bytes = SaveTagger(*tagger);
  auto reader = learn::ModelReader::Parse(bytes, kTaggerStage, "tiny.kmodel");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto back = Tagger::FromModel(reader.value());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  // Unseen words too, so that the affix and shape features are exercised.
  std::vector<std::vector<std::string_view>> sents = {
      {"De", "wethouder", "opende", "vandaag", "een", "nieuwe", "school", "."},
      {"Marieke", "de", "Vries", "woont", "in", "Groningen", "."},
      {"Het", "college", "stelde", "een", "commissie", "in", "."}};
  for (const auto& s : sents) {
    std::vector<uint32_t> a, b;
    tagger->TagSentence(s, &a);
    back.value()->TagSentence(s, &b);
    EXPECT_EQ(a, b);
  }
  EXPECT_EQ(SaveTagger(*back.value()), bytes);
}

TEST(TaggerTest, TrainingIsDeterministic) {
  EXPECT_EQ(SaveTagger(*TrainTiny(3)), SaveTagger(*TrainTiny(3)));
}

TEST(TaggerTest, WrongStageAndFeatureSetAreRefused) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  learn::ModelWriter w(kLemmatizerStage, kLemmatizerFeatureSet);
  tagger->Save(&w);
  std::string bytes = w.Serialize();
  auto r = learn::ModelReader::Parse(bytes, kTaggerStage, "x.kmodel");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelWrongStage));
  learn::ModelWriter w2(kTaggerStage, "tagger.v0");
  tagger->Save(&w2);
  auto r2 = learn::ModelReader::Parse(w2.Serialize(), kTaggerStage, "x.kmodel");
  ASSERT_TRUE(r2.ok());
  auto t2 = Tagger::FromModel(r2.value());
  ASSERT_FALSE(t2.ok());
  EXPECT_EQ(t2.status().error_id(), static_cast<int>(ErrorId::kModelVersion));
}

TEST(TaggerTest, MissingSectionIsCorrupt) {
  learn::ModelWriter w(kTaggerStage, kTaggerFeatureSet);
  w.AddSection("LABL", std::string("\x00", 1));
  auto r = learn::ModelReader::Parse(w.Serialize(), kTaggerStage, "x.kmodel");
  ASSERT_TRUE(r.ok());
  auto t = Tagger::FromModel(r.value());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().error_id(), static_cast<int>(ErrorId::kModelCorrupt));
}

TEST(TaggerTest, NoTrainingDataIsAnError) {
  auto r = ReadAnnotated("/nonexistent/train.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kCannotOpen));
  auto t = TrainTagger({}, {}, TaggerTrainOptions{}, nullptr);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().error_id(), static_cast<int>(ErrorId::kTrainData));
}

TEST(TaggerTest, TagLexiconFromFrogFormat) {
  std::string path = ::testing::TempDir() + "/kroniek_frog_test.lex";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("100 de LID(bep,stan,rest):97 N(soort,ev,basis,zijd,stan):3\n", f);
    std::fputs("10 loopt WW(pv,tgw,met-t):10\n", f);
    std::fclose(f);
  }
  auto lex = TagLexicon::FromFrogLex(path);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_EQ(lex->size(), 2u);
  uint32_t top = 0;
  uint32_t cls = lex->Find("loopt", &top);
  EXPECT_GT(cls, 0u);
  EXPECT_TRUE(lex->IsVerbTag(top - 1));
  EXPECT_EQ(lex->Find("onbekend", &top), 0u);
  TagLexicon back;
  ASSERT_TRUE(TagLexicon::Deserialize(lex->Serialize(), &back));
  uint32_t top2 = 0;
  EXPECT_EQ(back.Find("loopt", &top2), cls);
  EXPECT_EQ(top2, top);
  std::remove(path.c_str());
}

TEST(TextTest, LowerShapeAffixes) {
  EXPECT_EQ(Lower("ÉÉN Keer"), "één keer");
  EXPECT_EQ(UpperFirst("één"), "Één");
  EXPECT_TRUE(StartsUpper("Ölander"));
  EXPECT_TRUE(AllUpper("NAVO"));
  EXPECT_FALSE(AllUpper("NAVO's"));
  EXPECT_EQ(Shape("Jan-Willem"), "Xx-Xx");
  EXPECT_EQ(Shape("1998"), "d");
  EXPECT_EQ(SuffixCp("café", 2), "fé");
  EXPECT_EQ(PrefixCp("één", 1), "é");
  EXPECT_EQ(CodePoints("één"), 3u);
}

}  // namespace
}  // namespace kroniek::tag
