#include "parse/parser.h"

#include <gtest/gtest.h>

#include "kroniek/io.h"
#include "learn/model_file.h"
#include "parse/transition.h"
#include "tag/corpus.h"
#include "tag/tagger.h"
#include "test_util.h"

namespace kroniek::parse {
namespace {

std::vector<tag::AnnotatedSentence> Fixtures() {
  std::vector<tag::AnnotatedSentence> out;
  for (const char* f :
       {"/src/tag/testdata/tiny.conllu", "/src/parse/testdata/nonprojective.conllu"}) {
    auto s = tag::ReadAnnotated(testing::SourceDir() + f);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (s.ok()) out.insert(out.end(), s->begin(), s->end());
  }
  return out;
}

ParseInput InputOf(const tag::AnnotatedSentence& s) {
  ParseInput in;
  in.words.assign(s.form.begin(), s.form.end());
  in.upos.assign(s.upos.begin(), s.upos.end());
  in.xpos.assign(s.xpos.begin(), s.xpos.end());
  return in;
}

std::shared_ptr<const Parser> TrainTiny(const std::vector<tag::AnnotatedSentence>& train,
                                        uint64_t seed = 1, int beam = 1,
                                        const learn::WordClusters* clusters = nullptr,
                                        int feature_version = 2) {
  ParserTrainOptions o;
  o.epochs = 12;
  o.seed = seed;
  o.beam = beam;
  o.feature_version = feature_version;
  o.clusters = clusters;
  auto p = TrainParser(train, {}, o, nullptr);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? p.value() : nullptr;
}

std::string Save(const Parser& p) {
  learn::ModelWriter w(kParserStage, p.feature_set());
  p.Save(&w);
  return w.Serialize();
}

TEST(ParserTest, LearnsTheFixtureIncludingNonProjectiveTrees) {
  auto train = Fixtures();
  auto parser = TrainTiny(train);
  ASSERT_NE(parser, nullptr);
  ParseScores s = ScoreParser(*parser, train);
  EXPECT_GT(s.uas, 97.0);
  EXPECT_GT(s.las, 95.0);
  EXPECT_GT(s.clas, 93.0);
  // The full label set with subtypes, and pseudo-projective labels for lifted words.
  const auto& labels = parser->labels();
  for (const char* l : {"nmod:poss", "compound:prt", "obl:agent", "aux:pass", "acl:relcl|obj",
                        "flat", "fixed", "root"}) {
    EXPECT_NE(std::find(labels.begin(), labels.end(), l), labels.end()) << l;
  }
  // The extraposed relative clause is attached to "boek" again, across "gekocht".
  std::vector<int> heads;
  std::vector<std::string> rels;
  const tag::AnnotatedSentence* np1 = nullptr;
  for (const auto& x : train) {
    if (x.size() == 11 && x.form[4] == "boek") np1 = &x;
  }
  ASSERT_NE(np1, nullptr);
  parser->ParseSentence(InputOf(*np1), &heads, &rels);
  EXPECT_EQ(heads, np1->head);
  EXPECT_EQ(rels, np1->deprel);
  EXPECT_FALSE(IsProjective(heads));
}

TEST(ParserTest, OutputsAreTreesEvenForUnseenInput) {
  auto parser = TrainTiny(Fixtures());
  ASSERT_NE(parser, nullptr);
  std::vector<int> heads;
  std::vector<std::string> rels;
  // Odd inputs: one word, punctuation only, unknown tags, a long list.
  std::vector<ParseInput> inputs(4);
  inputs[0].words = {"Ja"};
  inputs[0].upos = {"INTJ"};
  inputs[0].xpos = {"TSW"};
  inputs[1].words = {"!", "?", "..."};
  inputs[1].upos = inputs[1].xpos = {"PUNCT", "PUNCT", "PUNCT"};
  inputs[2].words = {"x", "y", "z", "w"};
  inputs[2].upos = inputs[2].xpos = {"?", "?", "?", "?"};
  for (int i = 0; i < 120; ++i) {
    inputs[3].words.push_back(i % 2 ? "en" : "brug");
    inputs[3].upos.push_back(i % 2 ? "CCONJ" : "NOUN");
    inputs[3].xpos.push_back(i % 2 ? "VG|neven" : "N|soort|ev|basis|zijd|stan");
  }
  for (const ParseInput& in : inputs) {
    parser->ParseSentence(in, &heads, &rels);
    ASSERT_EQ(heads.size(), in.size());
    ASSERT_EQ(rels.size(), in.size());
    EXPECT_TRUE(IsWellFormedTree(heads));
    for (size_t i = 0; i < rels.size(); ++i) {
      EXPECT_EQ(rels[i].find('|'), std::string::npos);  // no pseudo-projective label leaks out
      EXPECT_EQ(rels[i] == "root", heads[i] < 0);
    }
  }
  ParseInput empty;
  parser->ParseSentence(empty, &heads, &rels);
  EXPECT_TRUE(heads.empty());
}

TEST(ParserTest, SaveReloadParsesIdentically) {
  auto train = Fixtures();
  auto parser = TrainTiny(train, 3);
  ASSERT_NE(parser, nullptr);
  std::string bytes = Save(*parser);
  auto reader = learn::ModelReader::Parse(bytes, kParserStage, "tiny");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(reader->info().feature_set, kParserFeatureSet);
  auto again = Parser::FromModel(reader.value());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again.value()->labels(), parser->labels());
  std::vector<int> h1, h2;
  std::vector<std::string> r1, r2;
  for (const auto& s : train) {
    parser->ParseSentence(InputOf(s), &h1, &r1);
    again.value()->ParseSentence(InputOf(s), &h2, &r2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(r1, r2);
  }
  // The same seed trains the same model.
  auto twin = TrainTiny(train, 3);
  ASSERT_NE(twin, nullptr);
  EXPECT_EQ(Save(*twin), bytes);
}

// Beam search with global training, and word clusters, survive a save and reload too.
TEST(ParserTest, BeamAndClustersSaveReload) {
  auto train = Fixtures();
  std::vector<std::vector<std::string>> text;
  for (const auto& s : train) text.push_back(s.form);
  learn::ClusterOptions co;
  co.classes = 8;
  co.min_count = 1;
  learn::WordClusters clusters = learn::WordClusters::Train(text, co);
  ASSERT_FALSE(clusters.empty());
  auto parser = TrainTiny(train, 5, 4, &clusters);
  ASSERT_NE(parser, nullptr);
  EXPECT_EQ(parser->beam(), 4);
  ParseScores s = ScoreParser(*parser, train);
  EXPECT_GT(s.uas, 95.0);
  EXPECT_GT(s.las, 93.0);
  std::string bytes = Save(*parser);
  auto reader = learn::ModelReader::Parse(bytes, kParserStage, "beam");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_TRUE(reader->Section("CLUS").has_value());
  auto again = Parser::FromModel(reader.value());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again.value()->beam(), 4);
  std::vector<int> h1, h2;
  std::vector<std::string> r1, r2;
  for (const auto& x : train) {
    parser->ParseSentence(InputOf(x), &h1, &r1);
    again.value()->ParseSentence(InputOf(x), &h2, &r2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(r1, r2);
    EXPECT_TRUE(IsWellFormedTree(h1));
  }
}

// Models of the older feature set (parser.v1, no lookahead templates) still load and parse as
// they did; the current set has more features.
TEST(ParserTest, OlderFeatureSetStillLoads) {
  auto train = Fixtures();
  auto v1 = TrainTiny(train, 2, 1, nullptr, 1);
  auto v2 = TrainTiny(train, 2, 1, nullptr, 2);
  ASSERT_NE(v1, nullptr);
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(v1->feature_version(), 1);
  EXPECT_EQ(std::string(v1->feature_set()), kParserFeatureSetV1);
  EXPECT_EQ(std::string(v2->feature_set()), kParserFeatureSet);
  EXPECT_GT(v2->model().num_features(), v1->model().num_features());
  auto reader = learn::ModelReader::Parse(Save(*v1), kParserStage, "v1");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(reader->info().feature_set, kParserFeatureSetV1);
  auto again = Parser::FromModel(reader.value());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again.value()->feature_version(), 1);
  std::vector<int> h1, h2;
  std::vector<std::string> r1, r2;
  for (const auto& s : train) {
    v1->ParseSentence(InputOf(s), &h1, &r1);
    again.value()->ParseSentence(InputOf(s), &h2, &r2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(r1, r2);
  }
  EXPECT_GT(ScoreParser(*again.value(), train).las, 93.0);
}

// Tri-training keeps exactly the sentences on which all parsers agree, with their parse.
TEST(ParserTest, AgreedParsesKeepsWhatAllParsersAgreeOn) {
  auto train = Fixtures();
  tag::TaggerTrainOptions to;
  to.epochs = 5;
  auto tagger = tag::TrainTagger(train, {}, to, nullptr);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  // Weak parsers (one epoch, different feature sets and seeds) disagree on some sentences.
  ParserTrainOptions o;
  o.epochs = 1;
  o.seed = 4;
  auto a = TrainParser(train, {}, o, nullptr);
  o.feature_version = 1;
  o.seed = 9;
  auto b = TrainParser(train, {}, o, nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<std::vector<std::string>> raw;
  for (const auto& s : train) raw.push_back(s.form);
  raw.push_back({"De", "kat", "die", "het", "boek", "las", "sliep", "."});
  raw.push_back({"Morgen", "gaan", "we", "naar", "huis", "en", "eten", "brood", "."});
  // One parser, or the same one twice: everything is agreed.
  EXPECT_EQ(AgreedParses(raw, *tagger.value(), {a->get(), a->get()}).size(), raw.size());
  auto agreed = AgreedParses(raw, *tagger.value(), {a->get(), b->get()});
  EXPECT_LT(agreed.size(), raw.size());
  size_t k = 0;
  std::vector<uint32_t> tags;
  std::vector<int> ha, hb;
  std::vector<std::string> la, lb;
  for (const auto& words : raw) {
    ParseInput in;
    in.words.assign(words.begin(), words.end());
    tagger.value()->TagSentence(in.words, &tags);
    for (uint32_t t : tags) {
      in.upos.push_back(tagger.value()->labels()[t].upos);
      in.xpos.push_back(tagger.value()->labels()[t].xpos);
    }
    a.value()->ParseSentence(in, &ha, &la);
    b.value()->ParseSentence(in, &hb, &lb);
    const bool same = ha == hb && la == lb;
    if (!same) continue;
    ASSERT_LT(k, agreed.size());
    const tag::AnnotatedSentence& s = agreed[k++];
    EXPECT_EQ(s.form, words);
    EXPECT_EQ(s.head, ha);
    EXPECT_EQ(s.deprel, la);
    EXPECT_EQ(std::vector<std::string>(in.upos.begin(), in.upos.end()), s.upos);
  }
  EXPECT_EQ(k, agreed.size());
}

TEST(ParserTest, RejectsForeignAndDamagedModels) {
  auto parser = TrainTiny(Fixtures());
  ASSERT_NE(parser, nullptr);
  learn::ModelWriter w(kParserStage, "parser.v0");
  parser->Save(&w);
  auto r = learn::ModelReader::Parse(w.Serialize(), kParserStage, "old");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(Parser::FromModel(r.value()).ok());
  learn::ModelWriter bad(kParserStage, kParserFeatureSet);
  bad.AddSection("PLAB", "\x05");  // promises five labels, has none
  bad.AddSection("LINM", parser->model().Serialize());
  auto rb = learn::ModelReader::Parse(bad.Serialize(), kParserStage, "bad");
  ASSERT_TRUE(rb.ok());
  auto p = Parser::FromModel(rb.value());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().ToString().find("PLAB"), std::string::npos);
}

TEST(ParserTest, StageFillsDepsOfEveryDocSentence) {
  auto parser = TrainTiny(Fixtures());
  ASSERT_NE(parser, nullptr);
  auto docs = testing::ReadAll(
      testing::ReadFile(testing::SourceDir() + "/src/parse/testdata/nonprojective.conllu"),
      "np.conllu", InputFormat::kConllu);
  ASSERT_EQ(docs.size(), 1u);
  Doc doc = docs[0];
  doc.Clear(Layer::kDeps);
  auto stage = MakeParserStage(parser);
  EXPECT_EQ(stage->Name(), "parser");
  EXPECT_TRUE(stage->Reads().Has(Layer::kUpos));
  EXPECT_TRUE(stage->Writes().Has(Layer::kDeps));
  ASSERT_TRUE(stage->Process(doc).ok());
  doc.Set(Layer::kDeps);
  EXPECT_EQ(doc.Validate(), "");
  ASSERT_EQ(doc.head.size(), doc.tokens.size());
  for (const Sentence& s : doc.sentences) {
    int roots = 0;
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      EXPECT_GE(doc.head[t], static_cast<int32_t>(s.token_begin));
      EXPECT_LT(doc.head[t], static_cast<int32_t>(s.token_end));
      roots += doc.head[t] == static_cast<int32_t>(t);
    }
    EXPECT_EQ(roots, 1);
  }
  // Trained on these very sentences, it gives their trees back.
  EXPECT_EQ(doc.head, docs[0].head);
  EXPECT_EQ(doc.deprel, docs[0].deprel);
}

}  // namespace
}  // namespace kroniek::parse
