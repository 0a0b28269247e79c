// PLOVER events end to end: the two seed conditions of the issue (the summit is a CONSULT in
// Brussel with NAVO as actor, the invasion an ASSAULT on Oekraïne), floors for the events scores
// on all of gold-dev, and `kroniek analyze --format plover`.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "eval/news_eval.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "test_util.h"

namespace kroniek {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::RunKroniek;

const Pipeline& Default() {
  static Result<Pipeline>* p = new Result<Pipeline>(Pipeline::Default(PipelineOptions()));
  EXPECT_TRUE(p->ok()) << p->status().ToString();
  return p->value();
}

Doc AnalyseGold(const json& g) {
  Doc doc;
  doc.id = g.value("id", "");
  doc.text = g.value("text", "");
  if (g.contains("meta") && g["meta"].contains("date") && g["meta"]["date"].is_string()) {
    doc.meta.date = g["meta"]["date"].get<std::string>();
  }
  EXPECT_TRUE(Default().Process(doc).ok());
  return doc;
}

TEST(EventsSeedTest, SummitInBrusselAndTheInvasionOfUkraine) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  Doc doc =
      AnalyseGold(json::parse(testing::ReadFile(testing::SharedDir() + "/gold-dev/seed.json")));
  ASSERT_TRUE(doc.Has(Layer::kEvents));
  auto name = [&](int32_t e) { return e >= 0 ? doc.entities[e].name : std::string("-"); };
  bool summit = false, invasion = false;
  for (const Event& v : doc.events) {
    std::string trigger(doc.SpanText(v.trigger));
    if (v.type == "CONSULT" && trigger == "topoverleg") {
      summit = true;
      ASSERT_EQ(v.actors.size(), 1u);
      EXPECT_EQ(name(v.actors[0]), "NAVO");
      EXPECT_EQ(name(v.location), "Brussel");
      EXPECT_EQ(v.status, "asserted");
    }
    if (v.type == "ASSAULT" && trigger == "binnenvallen") {
      invasion = true;
      ASSERT_EQ(v.targets.size(), 1u);
      EXPECT_EQ(name(v.targets[0]), "Oekraïne");
      ASSERT_EQ(v.actors.size(), 1u);
      EXPECT_EQ(name(v.actors[0]), "Vladimir Poetin");
    }
  }
  EXPECT_TRUE(summit);
  EXPECT_TRUE(invasion);
}

// Measured when the events stage was written: events F1 74.4 with actor accuracy 100.0 (the
// issue asks for 50 and 60); every trigger is a span of words of the text.
TEST(EventsGoldDevTest, ScoresStayAboveTheirFloorsAndEveryEventHasATrigger) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  const std::vector<std::string> files = testing::GoldDevFiles();
  ASSERT_EQ(files.size(), 10u);
  std::vector<eval::NewsPair> pairs;
  for (const auto& f : files) {
    std::string text = testing::ReadFile(f);
    Doc doc = AnalyseGold(json::parse(text));
    EXPECT_LE(doc.events.size(), 12u) << f;
    for (const Event& v : doc.events) {
      ASSERT_FALSE(v.trigger.empty());
      uint32_t t = doc.TokenAtOrAfter(v.trigger.begin);
      ASSERT_LT(t, doc.tokens.size());
      EXPECT_EQ(doc.tokens[t].begin, v.trigger.begin) << f;  // starts on a word
    }
    pairs.push_back({text, ToJson(doc)});
  }
  auto s = eval::ScoreNews(pairs);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_GE(s->events.F1(), 0.65);
  EXPECT_GE(s->EventActorAcc(), 0.85);
}

TEST(EventsCliTest, PloverRecordsOnePerEvent) {
  CommandResult r = RunKroniek(
      "analyze --format plover -",
      "{\"id\":\"a1\",\"date\":\"2023-05-02\",\"text\":\"Frankrijk stuurt extra troepen naar "
      "Roemenië. Duitsland levert geen tanks aan Oekraïne.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> recs;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) recs.push_back(json::parse(line));
  }
  ASSERT_EQ(recs.size(), 2u) << r.out;
  EXPECT_EQ(recs[0]["id"], "a1-v1");
  EXPECT_EQ(recs[0]["doc"], "a1");
  EXPECT_EQ(recs[0]["event"], "MOBILIZE");
  EXPECT_EQ(recs[0]["actor"], "Frankrijk");
  EXPECT_EQ(recs[0]["location"], "Roemenië");
  EXPECT_EQ(recs[0]["mode"], "asserted");
  EXPECT_EQ(recs[0]["date"], "2023-05-02");  // no time of its own: the document date
  EXPECT_EQ(recs[0]["event_text"], "Frankrijk stuurt extra troepen naar Roemenië.");
  EXPECT_EQ(recs[1]["event"], "AID");
  EXPECT_EQ(recs[1]["actor"], "Duitsland");
  EXPECT_EQ(recs[1]["recipient"], "Oekraïne");
  EXPECT_EQ(recs[1]["mode"], "negated");
  // The text view lists them as short sentences.
  r = RunKroniek("analyze --format text -",
                 "{\"id\":\"a1\",\"date\":\"2023-05-02\",\"text\":\"Frankrijk stuurt extra "
                 "troepen naar Roemenië.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Frankrijk — MOBILIZE — in Roemenië — 2023-05-02  “stuurt”"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace kroniek
