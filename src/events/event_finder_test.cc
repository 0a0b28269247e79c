#include "events/event_finder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "events/trigger_lexicon.h"
#include "kroniek/pipeline.h"

namespace kroniek::events {
namespace {

// ---------------------------------------------------------------- the lexicon

TEST(TriggerLexiconTest, TheEmbeddedLexiconCoversAllSixteenTypes) {
  auto lex = TriggerLexicon::Load();
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_GE((*lex)->size(), 300u);
  std::set<std::string> types;
  for (const char* lemma :
       {"ontmoeten", "akkoord", "steunen", "vrijlaten", "samenwerken", "leveren", "terugtrekken",
        "eisen", "beschuldigen", "weigeren", "dreigen", "protesteren", "sanctie", "stationering",
        "arresteren", "binnenvallen"}) {
    const auto* senses = (*lex)->Find(lemma);
    ASSERT_NE(senses, nullptr) << lemma;
    for (const TriggerSense& s : *senses) types.insert(s.type);
  }
  EXPECT_EQ(types.size(), 16u);
  for (const char* t : kPloverTypes) EXPECT_TRUE(types.count(t)) << t;
}

TEST(TriggerLexiconTest, ParsesConstraintsAndClasses) {
  auto lex = TriggerLexicon::FromText(
      "@wapens = wapen|munitie\n"
      "# comment\n"
      "sturen\tV\tMOBILIZE\tobj=troep\n"
      "sturen\tV\tAID\tobj=@wapens|PER prep=aan\n"
      "overleg\tN\tCONSULT\tvan=actor\n"
      "samen_zitten\tV\tCONSULT\tunacc nonneg\n"
      "steekpartij\tN\tASSAULT\tbare exact\n",
      "test");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const auto* sturen = (*lex)->Find("sturen");
  ASSERT_NE(sturen, nullptr);
  ASSERT_EQ(sturen->size(), 2u);
  EXPECT_EQ((*sturen)[0].type, "MOBILIZE");
  EXPECT_EQ((*sturen)[1].type, "AID");
  EXPECT_TRUE((*sturen)[1].obj.words.count("munitie"));
  EXPECT_TRUE((*sturen)[1].obj.per);
  EXPECT_FALSE((*sturen)[1].obj.org);
  EXPECT_EQ((*sturen)[1].preps, std::vector<std::string>{"aan"});
  EXPECT_TRUE((*lex)->Find("overleg")->front().van_actor);
  const TriggerSense& zit = (*lex)->Find("zitten")->front();
  EXPECT_EQ(zit.with, "samen");
  EXPECT_TRUE(zit.unaccusative);
  EXPECT_TRUE(zit.nonneg);
  EXPECT_TRUE((*lex)->Find("steekpartij")->front().bare);
  // Compounds end in a noun sense that is not exact.
  EXPECT_EQ((*lex)->CompoundHead("topoverleg"), "overleg");
  EXPECT_EQ((*lex)->CompoundHead("messteekpartij"), "");
  EXPECT_EQ((*lex)->CompoundHead("overleg"), "");
}

TEST(TriggerLexiconTest, RejectsMalformedLines) {
  EXPECT_FALSE(TriggerLexicon::FromText("aanval\tN\tATTACK\n", "t").ok());
  EXPECT_FALSE(TriggerLexicon::FromText("aanval\tX\tASSAULT\n", "t").ok());
  EXPECT_FALSE(TriggerLexicon::FromText("aanval\tN\tASSAULT\tsoms\n", "t").ok());
  EXPECT_FALSE(TriggerLexicon::FromText("aanval\tN\tASSAULT\tobj=@onbekend\n", "t").ok());
  EXPECT_FALSE(TriggerLexicon::FromText("aanval\tN\n", "t").ok());
}

TEST(TriggerLexiconTest, LemmaKeys) {
  EXPECT_EQ(LemmaKey("binnen_vallen"), "binnenvallen");
  EXPECT_EQ(LemmaKey("NAVO_Top"), "navotop");
  EXPECT_EQ(LemmaKey("staakt-het-vuren"), "staakthetvuren");
  EXPECT_EQ(LemmaKey("\xc3\x89\xc3\xa9n"), "\xc3\xa9\xc3\xa9n");  // Één -> één
}

// ---------------------------------------------------------------- the finder on sentences

const Pipeline* Full() {
  static Result<Pipeline>* p = new Result<Pipeline>(Pipeline::Default(PipelineOptions()));
  return p->ok() ? &p->value() : nullptr;
}

// An event as text: type, trigger, actors, targets, location, status.
struct V {
  std::string type, trigger;
  std::vector<std::string> actors, targets;
  std::string location, status;
};

std::vector<V> Events(const std::string& text) {
  Doc doc;
  doc.id = "t";
  doc.text = text;
  doc.meta.date = "2023-05-02";
  EXPECT_TRUE(Full()->Process(doc).ok());
  EXPECT_TRUE(doc.Has(Layer::kEvents));
  EXPECT_EQ(doc.Validate(), "");
  std::vector<V> out;
  auto names = [&](const std::vector<int32_t>& ids) {
    std::vector<std::string> n;
    for (int32_t e : ids) n.push_back(doc.entities[e].name);
    return n;
  };
  for (const Event& e : doc.events) {
    V v;
    v.type = e.type;
    v.trigger = std::string(doc.SpanText(e.trigger));
    v.actors = names(e.actors);
    v.targets = names(e.targets);
    v.location = e.location >= 0 ? doc.entities[e.location].name : "";
    v.status = e.status;
    out.push_back(v);
  }
  return out;
}

#define KRONIEK_NEED_MODELS() \
  if (!Full() || Full()->StageNames().size() < 8) GTEST_SKIP() << "models not found"

TEST(EventFinderTest, InvasionWithActorAndTarget) {
  KRONIEK_NEED_MODELS();
  auto v = Events("Rusland viel in 2022 Oekraïne binnen.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "ASSAULT");
  EXPECT_EQ(v[0].trigger, "viel");
  EXPECT_EQ(v[0].actors, std::vector<std::string>{"Rusland"});
  EXPECT_EQ(v[0].targets, std::vector<std::string>{"Oekraïne"});
  EXPECT_EQ(v[0].status, "asserted");
}

TEST(EventFinderTest, SenseConstraintsChooseTheType) {
  KRONIEK_NEED_MODELS();
  auto v = Events("Frankrijk stuurt extra troepen naar Roemenië.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "MOBILIZE");
  EXPECT_EQ(v[0].actors, std::vector<std::string>{"Frankrijk"});
  EXPECT_EQ(v[0].location, "Roemenië");
  // Parcels are no aid: "leveren" needs weapons, money or help.
  EXPECT_TRUE(Events("Het bedrijf levert pakketten aan klanten in Utrecht.").empty());
}

TEST(EventFinderTest, NegatedAndPlanned) {
  KRONIEK_NEED_MODELS();
  auto v = Events("Duitsland levert geen tanks aan Oekraïne.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "AID");
  EXPECT_EQ(v[0].status, "negated");
  EXPECT_EQ(v[0].targets, std::vector<std::string>{"Oekraïne"});
  v = Events("Rutte zal volgende week een bezoek brengen aan Kyiv.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "CONSULT");
  EXPECT_EQ(v[0].trigger, "bezoek");
  EXPECT_EQ(v[0].actors, std::vector<std::string>{"Mark Rutte"});
  EXPECT_EQ(v[0].status, "planned");
}

TEST(EventFinderTest, ConditionalIsHypothetical) {
  KRONIEK_NEED_MODELS();
  auto v = Events("Als Rusland de stad aanvalt, zal de NAVO reageren.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "ASSAULT");
  EXPECT_EQ(v[0].status, "hypothetical");
}

TEST(EventFinderTest, TheSameEventToldTwiceIsOne) {
  KRONIEK_NEED_MODELS();
  auto v = Events(
      "Rutte en Macron hebben dinsdag overleg gevoerd in Parijs. Na het overleg zei Rutte "
      "tevreden te zijn over het overleg met Macron.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "CONSULT");
  EXPECT_EQ(v[0].location, "Parijs");
}

TEST(EventFinderTest, NoEventWithoutANamedParticipantUnlessSelfEvident) {
  KRONIEK_NEED_MODELS();
  EXPECT_TRUE(Events("Er werd gisteren veel vergaderd in het stadhuis.").empty());
  auto v = Events("De politie heeft in Amsterdam drie demonstranten gearresteerd.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "COERCE");
  EXPECT_TRUE(v[0].actors.empty());
  EXPECT_EQ(v[0].location, "Amsterdam");
}

TEST(EventFinderTest, PassiveSubjectIsTheTarget) {
  KRONIEK_NEED_MODELS();
  auto v = Events("Het Openbaar Ministerie beschuldigt Jan de Vries van fraude.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "ACCUSE");
  EXPECT_EQ(v[0].targets, std::vector<std::string>{"Jan de Vries"});
  v = Events("Journalist Peter de Groot werd vorige week in Den Haag neergeschoten.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type, "ASSAULT");
  EXPECT_TRUE(v[0].actors.empty());
  EXPECT_EQ(v[0].targets, std::vector<std::string>{"Peter de Groot"});
}

TEST(EventFinderTest, WithoutAParseThereAreNoEvents) {
  auto finder = EventFinder::Create();
  ASSERT_TRUE(finder.ok());
  Doc doc;
  doc.text = "Rusland viel Oekraïne binnen.";
  doc.tokens = {{0, 7}, {8, 12}, {13, 21}, {22, 28}, {28, 29}};
  doc.space_after = {1, 1, 1, 0, 0};
  doc.sentences = {Sentence{0, 5, 0, ""}};
  (*finder)->Find(doc);
  EXPECT_TRUE(doc.events.empty());
}

}  // namespace
}  // namespace kroniek::events
