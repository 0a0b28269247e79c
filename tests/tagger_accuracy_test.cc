// Regression guard for the committed models: tagging and lemmatising the UD Alpino dev file
// (gold tokens) must stay at the accuracy models/MODELS.md reports, give or take a little.
// Needs ../shared and the committed models; skipped when either is absent.
#include <gtest/gtest.h>

#include <filesystem>

#include "eval/ud_eval.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"
#include "test_util.h"

namespace kroniek {
namespace {

TEST(CommittedModelsTest, AlpinoDevAccuracy) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  const std::string models = testing::SourceDir() + "/models";
  auto tagger = tag::Tagger::Load(models + "/tagger.kmodel");
  auto lem = tag::Lemmatizer::Load(models + "/lemmatizer.kmodel");
  if (!tagger.ok() || !lem.ok()) GTEST_SKIP() << "no committed models in " << models;
  std::string gold_path = testing::SharedDir() + "/data/ud-nl-alpino/nl_alpino-ud-dev.conllu";
  std::vector<Doc> gold =
      testing::ReadAll(testing::ReadFile(gold_path), "dev.conllu", InputFormat::kConllu);
  ASSERT_FALSE(gold.empty());
  std::vector<Doc> sys;
  for (const Doc& g : gold) {
    Doc d;
    d.text = g.text;
    d.tokens = g.tokens;
    d.space_after = g.space_after;
    d.sentences = g.sentences;
    d.Set(Layer::kTokens);
    d.Set(Layer::kSentences);
    tagger.value()->Tag(d);
    d.Set(Layer::kUpos);
    d.Set(Layer::kXpos);
    d.Set(Layer::kFeats);
    lem.value()->Lemmatize(d);
    d.Set(Layer::kLemma);
    sys.push_back(std::move(d));
  }
  eval::UdEvalOptions o;
  o.strip_caveat_feats = true;
  eval::UdScores s = eval::ScoreUd(gold, sys, o);
  EXPECT_GE(s.Find("Tokens")->f1(), 100.0);
  EXPECT_GE(s.Find("UPOS")->f1(), 97.5);
  EXPECT_GE(s.Find("XPOS")->f1(), 96.0);
  EXPECT_GE(s.Find("UFeats")->f1(), 96.0);
  EXPECT_GE(s.Find("Lemmas")->f1(), 97.2);
}

TEST(CommittedModelsTest, DefaultPipelineTagsAndLemmatises) {
  const std::string models = testing::SourceDir() + "/models";
  std::error_code ec;
  if (!std::filesystem::exists(models + "/tagger.kmodel", ec)) GTEST_SKIP() << "no models";
  PipelineOptions po;
  po.models_dir = models;
  std::vector<std::string> warnings;
  auto p = Pipeline::Default(po, &warnings);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(warnings.empty()) << warnings[0];
  std::vector<std::string> names = p->StageNames();
  ASSERT_GE(names.size(), 3u);
  EXPECT_EQ(names[0], "tokenizer");
  EXPECT_EQ(names[1], "tagger");
  EXPECT_EQ(names[2], "lemmatizer");
  Doc d;
  d.text = "De kinderen speelden gisteren in de tuin .";
  ASSERT_TRUE(p->Process(d).ok());
  ASSERT_TRUE(d.Has(Layer::kLemma));
  ASSERT_EQ(d.tokens.size(), 8u);
  EXPECT_EQ(d.upos[1], "NOUN");
  EXPECT_EQ(d.lemma[1], "kind");
  EXPECT_EQ(d.lemma[2], "spelen");
  EXPECT_EQ(d.xpos[2], "WW|pv|verl|mv");
  EXPECT_EQ(d.Validate(), "");
}

}  // namespace
}  // namespace kroniek
