#include "tokenize/sentence_train.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "base/errors.h"
#include "test_util.h"

namespace kroniek::tok {
namespace {

std::shared_ptr<const Tokenizer> RulesOnly() {
  TokenizerOptions o;
  o.sentence_model = "none";
  auto t = Tokenizer::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.value();
}

std::vector<GoldSentence> Fixture(const std::string& name) {
  return SentencesOfLines(
      testing::ReadFile(testing::SourceDir() + "/tests/data/sentences/" + name));
}

std::vector<std::string> SentenceTexts(const Doc& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) {
    out.push_back(
        doc.text.substr(doc.tokens[s.token_begin].begin,
                        doc.tokens[s.token_end - 1].end - doc.tokens[s.token_begin].begin));
  }
  return out;
}

TEST(SentenceTrainTest, ReadsLinesAndJoinsThemWithSpaces) {
  std::vector<GoldSentence> s = SentencesOfLines("Geschiedenis\n\n  De stad  groeit .\r\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].tokens, (std::vector<std::string>{"De", "stad", "groeit", "."}));
  GoldText g = JoinSentences(s, 0, 2);
  EXPECT_EQ(g.text, "Geschiedenis De stad groeit .");
  EXPECT_EQ(g.starts, (std::vector<uint32_t>{0, 13}));
}

TEST(SentenceTrainTest, KeepsSpaceAfterOfConllu) {
  Doc d;
  d.text = "Ja, zo.";
  d.tokens = {{0, 2}, {2, 3}, {4, 6}, {6, 7}};
  d.space_after = {0, 1, 0, 0};
  Sentence s;
  s.token_begin = 0;
  s.token_end = 4;
  s.id = "x";
  d.sentences = {s};
  std::vector<GoldSentence> g = SentencesOf({d, d});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(JoinSentences(g, 0, 2).text, "Ja, zo. Ja, zo.");
}

TEST(SentenceTrainTest, SortsIdsInNaturalOrder) {
  std::vector<GoldSentence> s(5);
  const char* ids[] = {"wiki-12.p.10.s.1", "wiki-12.p.2.s.1", "", "wiki-3.p.1.s.1",
                       "wiki-12.p.2.s.10"};
  for (int i = 0; i < 5; ++i) {
    s[i].id = ids[i];
    s[i].tokens = {std::to_string(i)};
    s[i].space_after = {1};
  }
  SortById(&s);
  std::vector<std::string> got;
  for (const auto& x : s) got.push_back(x.id);
  EXPECT_EQ(got, (std::vector<std::string>{"wiki-3.p.1.s.1", "wiki-12.p.2.s.1", "wiki-12.p.2.s.10",
                                           "wiki-12.p.10.s.1", ""}));
}

// A tiny training run on the fixture: made-up articles whose headings ("Economie") are
// followed by sentences that open with a capitalised content word ("Tuinbouw en ..."), which
// the rules alone cannot split. The learned model must split the held-out article's headings.
TEST(SentenceTrainTest, LearnsToSplitOffHeadings) {
  auto tok = RulesOnly();
  std::vector<SentenceTrainSet> train{{"train", Fixture("train.txt")}};
  std::vector<SentenceTrainSet> dev{{"dev", Fixture("dev.txt")}};
  ASSERT_GT(train[0].sentences.size(), 50u);
  TokenizeScore rules = ScoreSentenceSplit(*tok, nullptr, dev[0].sentences);
  SentenceTrainOptions o;
  o.epochs = 5;
  std::vector<std::string> log;
  o.progress = [&](const std::string& s) { log.push_back(s); };
  std::vector<SentenceDevScore> scores;
  auto model = TrainSentenceModel(*tok, train, dev, {}, {}, o, &scores);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_EQ(scores[0].name, "dev");
  EXPECT_LT(rules.sentences.F1(), 0.6);
  EXPECT_GT(scores[0].score.sentences.F1(), 0.9);
  EXPECT_EQ(scores[0].score.tokens.F1(), 1.0);
  EXPECT_GT((*model)->linear().num_features(), 10u);
  EXPECT_FALSE(log.empty());
  // The same with the model through the tokenizer's own path.
  Doc doc;
  doc.text = "Vlietdonk is een dorp . Economie Tuinbouw en toerisme zijn belangrijk .";
  ModelDecider d(**model);
  tok->TokenizeWith(doc, &d);
  EXPECT_EQ(SentenceTexts(doc),
            (std::vector<std::string>{"Vlietdonk is een dorp .", "Economie",
                                      "Tuinbouw en toerisme zijn belangrijk ."}));
  // The perceptron learns it too.
  o.learner = "perceptron";
  auto perceptron = TrainSentenceModel(*tok, train, dev, {}, {}, o, &scores);
  ASSERT_TRUE(perceptron.ok()) << perceptron.status().ToString();
  EXPECT_GT(scores[0].score.sentences.F1(), 0.9);
}

TEST(SentenceTrainTest, WordStatisticsGoIntoTheModel) {
  auto tok = RulesOnly();
  std::vector<SentenceTrainSet> train{{"train", Fixture("train.txt")}};
  std::vector<GoldSentence> text = Fixture("dev.txt");
  std::vector<GoldSentence> names = SentencesOfLines("Ellen Smits\nFrans Hendriks\n");
  SentenceTrainOptions o;
  o.epochs = 2;
  o.lexicon_min_count = 1;
  auto model = TrainSentenceModel(*tok, train, {}, {&text}, {&names}, o, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GT((*model)->lexicon().size(), 20u);
  EXPECT_GT((*model)->lexicon().Find("Economie").start, 0);
  EXPECT_GT((*model)->lexicon().Find("Hendriks").last, 0);
}

// A decider that ends the sentence at every gap it is asked about and notes the tokens.
class AlwaysEnds : public GapDecider {
 public:
  explicit AlwaysEnds(const Doc& doc) : doc_(doc) {}
  bool EndsBefore(std::span<const uint64_t>, size_t next) override {
    asked.emplace_back(doc_.TokenText(next));
    return true;
  }
  const SentenceLexicon* lexicon() const override { return nullptr; }
  std::vector<std::string> asked;

 private:
  const Doc& doc_;
};

TEST(SentenceTrainTest, DoesNotAskRightAfterAnEnumerationMarkerInRunningText) {
  auto tok = RulesOnly();
  Doc doc;
  doc.text =
      "Ze vallen uiteen in groepen : ( 1 ) Nederlandstaligen uit de stad , ( b ) Franstaligen "
      "die er werken en ( 3 ) Noord-Afrikanen . Dubbelspel ( 11 ) Geboren in Antwerpen ging "
      "hij ( 2003 ) Naar Gent .";
  AlwaysEnds d(doc);
  tok->TokenizeWith(doc, &d);
  auto asked = [&](const std::string& w) {
    return std::find(d.asked.begin(), d.asked.end(), w) != d.asked.end();
  };
  // After a comma, colon or lowercase word "( 1 )" opens an item of the sentence.
  EXPECT_FALSE(asked("Nederlandstaligen"));
  EXPECT_FALSE(asked("Franstaligen"));
  EXPECT_FALSE(asked("Noord-Afrikanen"));
  // After a capitalised word, or with a longer number, the model decides.
  EXPECT_TRUE(asked("Geboren"));
  EXPECT_TRUE(asked("Naar"));
}

TEST(SentenceTrainTest, TrainsAgainWithTheModelsOwnHistory) {
  auto tok = RulesOnly();
  std::vector<SentenceTrainSet> train{{"train", Fixture("train.txt")}};
  std::vector<SentenceTrainSet> dev{{"dev", Fixture("dev.txt")}};
  SentenceTrainOptions o;
  o.epochs = 3;
  o.history_rounds = 2;
  std::vector<std::string> log;
  o.progress = [&](const std::string& s) { log.push_back(s); };
  std::vector<SentenceDevScore> scores;
  auto model = TrainSentenceModel(*tok, train, dev, {}, {}, o, &scores);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  bool second_round = false;
  for (const std::string& line : log) second_round |= line.rfind("round 2:", 0) == 0;
  EXPECT_TRUE(second_round);
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_GT(scores[0].score.sentences.F1(), 0.9);
}

TEST(SentenceTrainTest, FailsWithoutBothOutcomes) {
  auto tok = RulesOnly();
  // Every sentence ends with a period: the rules decide every boundary, no gap is left open.
  std::vector<SentenceTrainSet> train{
      {"t", SentencesOfLines("Hij komt morgen .\nZij komt ook .\nDat is fijn .\n")}};
  auto model = TrainSentenceModel(*tok, train, {}, {}, {}, SentenceTrainOptions(), nullptr);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().error_id(), static_cast<int>(ErrorId::kTrainData));
}

}  // namespace
}  // namespace kroniek::tok
