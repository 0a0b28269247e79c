#include "io/writers.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace kroniek {
namespace {

// "Jan Peeters zei : Brussel ." with tokens, one sentence.
Doc TwoNames() {
  Doc d;
  d.id = "t";
  d.text = "Jan Peeters zei: Brussel.";
  d.tokens = {{0, 3}, {4, 11}, {12, 15}, {15, 16}, {17, 24}, {24, 25}};
  d.space_after = {1, 1, 0, 1, 0, 0};
  d.sentences = {Sentence{0, 6, 0, ""}};
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  Mention per;
  per.span = {0, 11};
  per.token_begin = 0;
  per.token_end = 2;
  per.type = "PER";
  Mention loc;
  loc.span = {17, 24};
  loc.token_begin = 4;
  loc.token_end = 5;
  loc.type = "LOC";
  d.mentions = {per, loc};
  d.Set(Layer::kMentions);
  EXPECT_EQ(d.Validate(), "");
  return d;
}

// TwoNames with every later layer filled.
Doc FullyAnalysed() {
  Doc d = TwoNames();
  d.meta.date = "2022-03-24";
  d.meta.title = "De top";
  d.lemma = {"Jan", "Peeters", "zeggen", ":", "Brussel", "."};
  d.upos = {"PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PUNCT"};
  d.Set(Layer::kLemma);
  d.Set(Layer::kUpos);
  d.entities = {Entity{"PER", "Jan Peeters", "Q1", {0}}, Entity{"LOC", "Brussel", {}, {1}}};
  d.mentions[0].entity = 0;
  d.mentions[1].entity = 1;
  d.Set(Layer::kEntities);
  Quote q;
  q.span = {17, 25};
  q.speaker = 0;
  q.cue = Span{12, 15};
  d.quotes = {q};
  d.Set(Layer::kQuotes);
  d.times = {TimeExpr{{17, 24}, "DATE", "2022-03-24"}};  // odd, but a span is a span
  d.Set(Layer::kTimes);
  Event v;
  v.type = "CONSULT";
  v.trigger = {12, 15};
  v.actors = {0};
  v.location = 1;
  v.time = 0;
  v.status = "planned";
  v.sentence = 0;
  d.events = {v};
  d.Set(Layer::kEvents);
  EXPECT_EQ(d.Validate(), "");
  return d;
}

std::string Write(const Doc& d, OutputFormat f, WriteOptions o = {}) {
  std::string out;
  WriteDoc(d, f, o, &out);
  return out;
}

TEST(Conll2002WriterTest, LayoutPosFallbackAndTags) {
  Doc d = TwoNames();
  EXPECT_EQ(Write(d, OutputFormat::kConll2002),
            "-DOCSTART- -DOCSTART- O\nJan _ B-PER\nPeeters _ I-PER\nzei _ O\n: _ O\n"
            "Brussel _ B-LOC\n. _ O\n\n");
  d.upos = {"PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PUNCT"};
  d.Set(Layer::kUpos);
  EXPECT_NE(Write(d, OutputFormat::kConll2002).find("zei VERB O\n"), std::string::npos);
  d.xpos = {"SPEC|deeleigen", "SPEC|deeleigen", "WW|pv|verl|ev", "LET", "N|eigen", "LET"};
  d.Set(Layer::kXpos);
  EXPECT_NE(Write(d, OutputFormat::kConll2002).find("zei WW|pv|verl|ev O\n"), std::string::npos);
  d.source_pos = {"N", "N", "V", "Punc", "", "Punc"};
  std::string out = Write(d, OutputFormat::kConll2002);
  EXPECT_NE(out.find("zei V O\n"), std::string::npos);
  EXPECT_NE(out.find("Brussel N|eigen B-LOC\n"), std::string::npos);  // empty: next in line
  d.Clear(Layer::kMentions);
  EXPECT_NE(Write(d, OutputFormat::kConll2002).find("Jan N O\n"), std::string::npos);
}

TEST(Conll2002WriterTest, WhiteSpaceInsideAColumnCannotBreakTheLine) {
  Doc d;
  d.id = "w";
  d.text = "2 000 euro";
  d.tokens = {{0, 5}, {6, 10}};
  d.sentences = {Sentence{0, 2, 0, ""}};
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  EXPECT_EQ(Write(d, OutputFormat::kConll2002), "-DOCSTART- -DOCSTART- O\n2_000 _ O\neuro _ O\n\n");
}

TEST(ConlluWriterTest, CommentValuesStayOnOneLine) {
  Doc d = TwoNames();
  d.id = "een\ntwee";
  d.sentences[0].id = "s\r1";
  std::string out = Write(d, OutputFormat::kConllu);
  EXPECT_EQ(out.rfind("# newdoc id = een twee\n# newpar\n# sent_id = s 1\n", 0), 0u) << out;
  // And it reads back with the same tokens.
  auto docs = testing::ReadAll(out, "x.conllu", InputFormat::kConllu);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].tokens.size(), d.tokens.size());
  for (size_t i = 0; i < d.tokens.size(); ++i) EXPECT_EQ(docs[0].TokenText(i), d.TokenText(i));
  EXPECT_EQ(docs[0].space_after, d.space_after);
}

TEST(TextViewTest, ShowsTheHeaderAndTheTokens) {
  Doc d = TwoNames();
  d.Clear(Layer::kMentions);
  d.meta.date = "2022-03";
  d.meta.extra.emplace_back("section", "\"buitenland\"");
  std::string out = Write(d, OutputFormat::kText);
  EXPECT_NE(out.find("━━ t ━━"), std::string::npos) << out;
  EXPECT_NE(out.find("  date          2022-03\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  section       \"buitenland\"\n"), std::string::npos) << out;
  EXPECT_NE(out.find("25 characters, 1 sentence, 6 tokens"), std::string::npos) << out;
  EXPECT_NE(out.find("  1  Jan Peeters zei : Brussel .\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("title"), std::string::npos);  // absent fields are not shown
  EXPECT_EQ(out.find("names"), std::string::npos);  // nor absent layers
  EXPECT_EQ(out.find("\x1b["), std::string::npos);  // no colours unless asked for
}

TEST(TextViewTest, EveryLayerGetsItsSection) {
  std::string out = Write(FullyAnalysed(), OutputFormat::kText);
  EXPECT_NE(out.find("  title         De top\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  people        Jan Peeters [Q1]\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  places        Brussel\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  quotes        Jan Peeters: “Brussel.” (direct, zei)\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("  times         Brussel = 2022-03-24 (DATE)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  events        Jan Peeters — CONSULT — in Brussel — 2022-03-24  “zei” "
                     "[planned]\n"),
            std::string::npos)
      << out;
  // Lemmas only where they differ from the word; UPOS always.
  EXPECT_NE(out.find("Jan/PROPN Peeters/PROPN zei/zeggen/VERB :/PUNCT"), std::string::npos) << out;
}

TEST(TextViewTest, MentionsWithoutEntitiesAndEmptyLayers) {
  Doc d = TwoNames();
  d.mentions.push_back(d.mentions[1]);  // Brussel twice
  d.mentions.back().span = {17, 24};
  d.Set(Layer::kQuotes);
  std::string out = Write(d, OutputFormat::kText);
  EXPECT_NE(out.find("  people        Jan Peeters\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  places        Brussel ×2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  quotes        none found\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("times"), std::string::npos) << out;
  d.mentions.clear();
  out = Write(d, OutputFormat::kText);
  EXPECT_NE(out.find("  names         none found\n"), std::string::npos) << out;
}

TEST(TextViewTest, ColoursOnlyWhenAsked) {
  WriteOptions color;
  color.color = true;
  std::string out = Write(TwoNames(), OutputFormat::kText, color);
  EXPECT_NE(out.find("\x1b[33mJan\x1b[0m"), std::string::npos) << out;      // a PER token
  EXPECT_NE(out.find("\x1b[32mBrussel\x1b[0m"), std::string::npos) << out;  // a LOC token
}

TEST(TextViewTest, UntokenisedTextAndControlCharacters) {
  Doc d;
  d.id = "raw\x1b]";
  d.text = "Eerste alinea.\n\nTweede alinea.";
  std::string out = Write(d, OutputFormat::kText);
  EXPECT_NE(out.find("━━ raw?] ━"), std::string::npos) << out;
  EXPECT_NE(out.find("  Eerste alinea.\n  \n  Tweede alinea.\n"), std::string::npos) << out;
}

TEST(PloverWriterTest, OneRecordPerEvent) {
  Doc d = FullyAnalysed();
  std::string out = Write(d, OutputFormat::kPlover);
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["id"], "t-v1");
  EXPECT_EQ(j["doc"], "t");
  EXPECT_EQ(j["date"], "2022-03-24");
  EXPECT_EQ(j["actor"], "Jan Peeters");
  EXPECT_TRUE(j["recipient"].is_null());
  EXPECT_EQ(j["event"], "CONSULT");
  EXPECT_EQ(j["mode"], "planned");
  EXPECT_EQ(j["event_text"], "Jan Peeters zei: Brussel.");
  EXPECT_EQ(j["location"], "Brussel");
  d.events[0].time = -1;
  d.events[0].sentence = -1;
  j = nlohmann::json::parse(Write(d, OutputFormat::kPlover));
  EXPECT_EQ(j["date"], "2022-03-24");  // the document date
  EXPECT_EQ(j["event_text"], "zei");   // the trigger
  EXPECT_EQ(Write(TwoNames(), OutputFormat::kPlover), "");
}

TEST(JsonWriterTest, PrettyIsTheSameJson) {
  Doc d = FullyAnalysed();
  WriteOptions pretty;
  pretty.pretty = true;
  std::string p = Write(d, OutputFormat::kJson, pretty);
  std::string flat = Write(d, OutputFormat::kJson);
  EXPECT_EQ(std::count(flat.begin(), flat.end(), '\n'), 1);
  EXPECT_GT(std::count(p.begin(), p.end(), '\n'), 10);
  EXPECT_NE(p.find("\n  \"tokens\": [\n    {\"start\":0,"), std::string::npos) << p;
  EXPECT_EQ(nlohmann::json::parse(p), nlohmann::json::parse(flat));
  EXPECT_EQ(Write(d, OutputFormat::kJsonl, pretty), flat);  // JSON Lines stay one line
}

}  // namespace
}  // namespace kroniek
