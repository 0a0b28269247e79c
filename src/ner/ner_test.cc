#include "ner/ner.h"

#include <gtest/gtest.h>

#include "kroniek/io.h"
#include "learn/model_file.h"
#include "ner/clusters.h"
#include "ner/gazetteer.h"
#include "ner/ner_eval.h"
#include "test_util.h"

namespace kroniek::ner {
namespace {

std::vector<Doc> Fixture() {
  std::string text = testing::ReadFile(testing::SourceDir() + "/src/ner/testdata/tiny.conll2002");
  std::vector<Status> errors;
  auto docs = testing::ReadAll(text, "tiny.conll2002", InputFormat::kConll2002, {}, &errors);
  EXPECT_TRUE(errors.empty());
  return docs;
}

NerTrainOptions TinyOptions() {
  NerTrainOptions o;
  o.epochs = 8;
  o.folds = 2;
  uint32_t per = o.gazetteer.AddCategory("alpino.PER");
  uint32_t loc = o.gazetteer.AddCategory("alpino.LOC");
  o.gazetteer.AddList(per, "Marieke Jansen\nJens Stoltenberg\n");
  o.gazetteer.AddList(loc, "Utrecht\nBrussel\nNew York\n");
  return o;
}

std::vector<std::string> Names(const Doc& d) {
  std::vector<std::string> out;
  for (const Mention& m : d.mentions) out.push_back(m.type + ":" + std::string(d.SpanText(m.span)));
  return out;
}

TEST(NerTest, ReaderKeepsDocumentsSentencesAndGoldNames) {
  std::vector<Doc> docs = Fixture();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "tiny-1");
  EXPECT_EQ(docs[0].sentences.size(), 8u);
  EXPECT_EQ(docs[0].Validate(), "");
  ASSERT_FALSE(docs[0].mentions.empty());
  EXPECT_EQ(Names(docs[0])[0], "PER:Marieke Jansen");
  EXPECT_EQ(docs[0].source_pos.size(), docs[0].tokens.size());
}

TEST(NerTest, ReaderReadsIob1AndSkipsOnlyABadSentence) {
  const std::string text =
      "-DOCSTART- -DOCSTART- O\nIn Prep O\nNew N I-LOC\nYork N I-LOC\nwoont V O\nPiet N I-PER\n"
      "Jan N I-PER\n. Punc O\n\nDit Pron O\nis V\n\nGent N B-LOC\nen Conj O\nBrugge N "
      "B-LOC\n. Punc O\n";
  std::vector<Status> errors;
  auto docs = testing::ReadAll(text, "x.conll2002", InputFormat::kConll2002, {}, &errors);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].ToString().find("x.conll2002:11"), std::string::npos) << errors[0].ToString();
  EXPECT_NE(errors[0].ToString().find("E110"), std::string::npos);
  ASSERT_EQ(docs[0].sentences.size(), 2u);
  EXPECT_EQ(Names(docs[0]),
            (std::vector<std::string>{"LOC:New York", "PER:Piet Jan", "LOC:Gent", "LOC:Brugge"}));
  EXPECT_EQ(docs[0].Validate(), "");
  // The writer gives back the layout (IOB2 tags).
  std::string out;
  WriteDoc(docs[0], OutputFormat::kConll2002, WriteOptions{}, &out);
  EXPECT_TRUE(out.starts_with("-DOCSTART- -DOCSTART- O\nIn Prep O\nNew N B-LOC\nYork N I-LOC\n"))
      << out;
}

TEST(NerTest, LearnsTheFixtureAndReloadsIdentically) {
  std::vector<Doc> docs = Fixture();
  NerTrainOptions o = TinyOptions();
  auto rec = TrainRecognizer(docs, {}, o, nullptr);
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  ASSERT_TRUE(rec.value()->two_pass());
  learn::ModelWriter w(kNerStage, kNerFeatureSet);
  rec.value()->Save(&w);
  std::string bytes = w.Serialize();
  auto reader = learn::ModelReader::Parse(bytes, kNerStage, "tiny.kmodel");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto back = Recognizer::FromModel(reader.value());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  std::vector<Doc> a = docs, b = docs;
  for (Doc& d : a) rec.value()->Recognize(d);
  for (Doc& d : b) back.value()->Recognize(d);
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(Names(a[i]), Names(b[i]));
    EXPECT_EQ(a[i].Validate(), "");
  }
  NerScores s;
  std::string error;
  ASSERT_TRUE(ScoreDocs(docs, a, &s, &error)) << error;
  EXPECT_GT(s.overall.F1(), 95.0);
}

TEST(NerTest, WrongStageOrFeatureSetIsRefused) {
  learn::ModelWriter w(kNerStage, "ner.v0");
  w.AddSection("NERT", "");
  auto reader = learn::ModelReader::Parse(w.Serialize(), kNerStage, "old.kmodel");
  ASSERT_TRUE(reader.ok());
  auto r = Recognizer::FromModel(reader.value());
  EXPECT_FALSE(r.ok());
}

TEST(GazetteerTest, MatchesLongestNamesPerCategory) {
  Gazetteer g;
  uint32_t loc = g.AddCategory("LOC");
  uint32_t per = g.AddCategory("PER");
  g.AddList(loc, "New York\nNew York City\nYork\n");
  g.AddList(per, "York\n");
  std::vector<std::string_view> words = {"in", "New", "York", "City", "en", "YORK"};
  std::vector<uint32_t> codes;
  g.Match(words, &codes);
  EXPECT_EQ(Gazetteer::Code(codes[0], loc), 0u);
  EXPECT_EQ(Gazetteer::Code(codes[1], loc), 1u);  // B
  EXPECT_EQ(Gazetteer::Code(codes[2], loc), 2u);  // I
  EXPECT_EQ(Gazetteer::Code(codes[3], loc), 3u);  // L
  EXPECT_EQ(Gazetteer::Code(codes[2], per), 4u);  // U: York alone as a person
  EXPECT_EQ(Gazetteer::Code(codes[5], per), 4u);  // all capitals match the capitalised name
  // A veto hides a match (the trainer's dropout).
  Gazetteer::KeepFn keep = [](size_t b, size_t, uint32_t c) { return !(b == 1 && c == 0); };
  g.Match(words, &codes, &keep);
  EXPECT_EQ(Gazetteer::Code(codes[1], loc), 0u);
  EXPECT_EQ(Gazetteer::Code(codes[2], loc), 4u);  // then "York" alone matches
  Gazetteer back;
  ASSERT_TRUE(Gazetteer::Deserialize(g.Serialize(), &back));
  std::vector<uint32_t> again;
  back.Match(words, &again);
  g.Match(words, &codes);
  EXPECT_EQ(codes, again);
  EXPECT_FALSE(Gazetteer::Deserialize(g.Serialize().substr(1), &back));
}

TEST(ClustersTest, GroupsWordsThatShareContexts) {
  // Cities follow "in" and "naar", people follow "zei" and "met"; each word appears often.
  std::string text;
  const char* cities[] = {"Gent", "Leuven", "Brugge", "Namen"};
  const char* people[] = {"Piet", "Klaas", "Anna", "Els"};
  for (int r = 0; r < 30; ++r) {
    for (const char* c : cities)
      text += std::string("we reizen naar ") + c + " vandaag\nwij wonen in " + c + " nu\n";
    for (const char* p : people)
      text += std::string("dat zei ") + p + " gisteren\nik sprak met " + p + " gisteren\n";
  }
  ClusterOptions o;
  o.levels = {4, 2};
  o.min_count = 2;
  auto tsv = ClusterWords({text}, o);
  ASSERT_TRUE(tsv.ok()) << tsv.status().ToString();
  auto wc = WordClusters::FromTsv(tsv.value());
  ASSERT_TRUE(wc.ok()) << wc.status().ToString();
  auto cls = [&](const char* w) {
    const WordClusters::Entry* e = wc->Find(w);
    EXPECT_NE(e, nullptr) << w;
    return e ? e->cls[0] : 0;
  };
  EXPECT_EQ(cls("Gent"), cls("Namen"));
  EXPECT_EQ(cls("Piet"), cls("Els"));
  EXPECT_NE(cls("Gent"), cls("Piet"));
  EXPECT_EQ(wc->Find("onbekendwoord"), nullptr);
  EXPECT_EQ(wc->CapBucket("gent"), 5);
  EXPECT_EQ(wc->CapBucket("naar"), 1);
  WordClusters back;
  ASSERT_TRUE(WordClusters::Deserialize(wc->Serialize(), &back));
  EXPECT_EQ(back.Find("Gent")->cls[0], cls("Gent"));
  EXPECT_EQ(back.CapBucket("gent"), 5);
}

TEST(NerEvalTest, CountsChunksAsConlleval) {
  // Gold: PER [0,2), LOC [3,4), ORG [5,6). System: PER [0,2) right, LOC as ORG wrong, and an
  // I-ORG after O that starts a chunk [5,6) which is right.
  std::vector<std::string> gold = {"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"};
  std::vector<std::string> sys = {"B-PER", "I-PER", "O", "B-ORG", "O", "I-ORG"};
  NerScores s = ScoreTags(gold, sys);
  EXPECT_EQ(s.overall.gold, 3u);
  EXPECT_EQ(s.overall.system, 3u);
  EXPECT_EQ(s.overall.correct, 2u);
  EXPECT_NEAR(s.overall.F1(), 66.67, 0.01);
  EXPECT_EQ(s.per_type["LOC"].correct, 0u);
  EXPECT_EQ(s.per_type["ORG"].system, 2u);
  EXPECT_NEAR(s.per_type["PER"].F1(), 100.0, 1e-9);
}

}  // namespace
}  // namespace kroniek::ner
