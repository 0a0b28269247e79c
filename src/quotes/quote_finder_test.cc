#include "quotes/quote_finder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kroniek/pipeline.h"
#include "link/link_test_util.h"
#include "link/linker.h"

namespace kroniek::quotes {
namespace {

using ::kroniek::link::testing::AddName;
using ::kroniek::link::testing::MakeDoc;

// A quote as text: kind, content, speaker's canonical name ("-" when unknown), cue.
struct Q {
  std::string kind, text, speaker, cue;
  friend bool operator==(const Q&, const Q&) = default;
};
std::ostream& operator<<(std::ostream& os, const Q& q) {
  return os << "{" << q.kind << ", \"" << q.text << "\", " << q.speaker << ", " << q.cue << "}";
}

std::vector<Q> Quotes(const Doc& doc) {
  std::vector<Q> out;
  for (const Quote& q : doc.quotes) {
    Q x;
    x.kind = QuoteKindName(q.kind);
    x.text = std::string(doc.SpanText(q.span));
    x.speaker = q.speaker >= 0 ? doc.entities[q.speaker].name : "-";
    x.cue = q.cue ? std::string(doc.SpanText(*q.cue)) : "";
    out.push_back(x);
  }
  return out;
}

const QuoteFinder& Finder() {
  static auto f = QuoteFinder::Create();
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return **f;
}

// The whole default pipeline (models from the repository's models/ folder).
const Pipeline* Full() {
  static Result<Pipeline>* p = new Result<Pipeline>(Pipeline::Default(PipelineOptions()));
  return p->ok() ? &p->value() : nullptr;
}

Doc Analyse(const std::string& text, const std::string& date = "2024-05-01") {
  Doc doc;
  doc.id = "t";
  doc.text = text;
  doc.meta.date = date;
  EXPECT_NE(Full(), nullptr);
  if (Full()) {
    EXPECT_TRUE(Full()->Process(doc).ok());
  }
  return doc;
}

// Tokens, sentences and hand-made names, linked; no tags.
Doc Linked(const std::string& text, const std::vector<std::pair<std::string, std::string>>& names) {
  Doc doc = MakeDoc(text, "2024-05-01");
  for (const auto& [surface, type] : names) {
    size_t at = 0;
    int n = 0;
    while ((at = doc.text.find(surface, at)) != std::string::npos) {
      AddName(doc, surface, type, n++);
      at += surface.size();
    }
  }
  static auto linker = link::Linker::Create();
  (*linker)->Link(doc);
  doc.Set(Layer::kEntities);
  return doc;
}

TEST(QuoteFinderTest, EveryDutchQuotationStyle) {
  for (const std::string& q : {std::string(",,Het is koud hier'', zei Kees Bakker."),
                               std::string("„Het is koud hier”, zei Kees Bakker."),
                               std::string("\"Het is koud hier\", zei Kees Bakker."),
                               std::string("“Het is koud hier”, zei Kees Bakker."),
                               std::string("«Het is koud hier», zei Kees Bakker."),
                               std::string("‘Het is koud hier’, zei Kees Bakker.")}) {
    Doc doc = Linked(q, {{"Kees Bakker", "PER"}});
    Finder().Find(doc);
    EXPECT_EQ(Quotes(doc), (std::vector<Q>{{"direct", "Het is koud hier", "Kees Bakker", "zei"}}))
        << q;
    ASSERT_EQ(doc.quotes.size(), 1u);
    EXPECT_EQ(doc.SpanText(*doc.quotes[0].speaker_mention), "Kees Bakker");
    EXPECT_EQ(doc.Validate(), "");
  }
}

TEST(QuoteFinderTest, ApostrophesAreNoQuotationMarks) {
  Doc doc = Linked("Zo'n auto is van de collega's van Kees Bakker, zei hij 's avonds.",
                   {{"Kees Bakker", "PER"}});
  Finder().Find(doc);
  for (const Quote& q : doc.quotes) EXPECT_NE(q.kind, QuoteKind::kDirect);
}

TEST(QuoteFinderTest, ScareQuotesAreLeftOut) {
  Doc doc = Linked("De 'groene' plannen van de stad Utrecht gaan door.", {{"Utrecht", "LOC"}});
  Finder().Find(doc);
  EXPECT_TRUE(doc.quotes.empty());
}

TEST(QuoteFinderTest, SplitQuoteAndContinuedParagraphs) {
  Doc doc = Linked(
      "\"Dit is een eerste deel\", zei Kees Bakker, \"en dit het tweede.\"\n\n"
      "\"Een nieuwe alinea van dezelfde spreker.\"\n\n"
      "\"Die loopt door tot hier.",
      {{"Kees Bakker", "PER"}});
  Finder().Find(doc);
  EXPECT_EQ(
      Quotes(doc),
      (std::vector<Q>{{"direct", "Dit is een eerste deel", "Kees Bakker", "zei"},
                      {"direct", "en dit het tweede.", "Kees Bakker", "zei"},
                      {"direct", "Een nieuwe alinea van dezelfde spreker.", "Kees Bakker", ""},
                      {"direct", "Die loopt door tot hier.", "Kees Bakker", ""}}));
}

TEST(QuoteFinderTest, QuotedSubheadingHasNoSpeaker) {
  Doc doc =
      Linked("\"Het komt goed\", zegt Kees Bakker.\n\n'Grote zorgen'\n\nDe stad Utrecht is gerust.",
             {{"Kees Bakker", "PER"}, {"Utrecht", "LOC"}});
  Finder().Find(doc);
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(doc.SpanText(doc.quotes[1].span), "Grote zorgen");
  EXPECT_EQ(doc.quotes[1].speaker, -1);
}

TEST(QuoteFinderTest, IndirectQuotesOfEveryKind) {
  Doc doc = Analyse(
      "Minister Karin Veldhuis zegt dat de belasting omlaag gaat. Volgens de vakbond FNV is "
      "dat te weinig. De huren stijgen te snel, aldus Veldhuis. De NOS meldt dat het kabinet "
      "vergadert. Ook waarschuwde Veldhuis niet te snel te oordelen.");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 5u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], (Q{"indirect", "de belasting omlaag gaat", "Karin Veldhuis", "zegt"}));
  EXPECT_EQ(got[1], (Q{"indirect", "is dat te weinig", "FNV", "Volgens"}));
  EXPECT_EQ(got[2], (Q{"indirect", "De huren stijgen te snel", "Karin Veldhuis", "aldus"}));
  EXPECT_EQ(got[3], (Q{"indirect", "het kabinet vergadert", "NOS", "meldt"}));
  EXPECT_EQ(got[4].text, "niet te snel te oordelen");
  EXPECT_EQ(got[4].speaker, "Karin Veldhuis");
}

TEST(QuoteFinderTest, VolgensNeedsASource) {
  Doc doc = Analyse("Het huis is volgens de regels gebouwd. Volgens waarnemers is het mooi.");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 1u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], (Q{"indirect", "is het mooi", "-", "Volgens"}));
}

TEST(QuoteFinderTest, SpeakersThroughPronounsNominalsAndInversion) {
  Doc doc = Analyse(
      "De Noor Jens Stoltenberg kwam vanochtend aan. \"Wij staan samen\", zei de Noor. "
      "\"Zolang dat zo is, zijn we veilig.\"\n\n"
      "Hij benadrukte dat de steun blijft. Op de vraag of de top lukt, antwoordt Mark Rutte dat "
      "hij het verwacht.",
      "2022-03");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 4u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], (Q{"direct", "Wij staan samen", "Jens Stoltenberg", "zei"}));
  EXPECT_EQ(got[1].speaker, "Jens Stoltenberg");
  EXPECT_EQ(got[2], (Q{"indirect", "de steun blijft", "Jens Stoltenberg", "benadrukte"}));
  EXPECT_EQ(got[3], (Q{"indirect", "hij het verwacht", "Mark Rutte", "antwoordt"}));
}

TEST(QuoteFinderTest, PronounFollowsANewerSubjectOverTheLastSpeaker) {
  // "Hij" goes back to the last speaker only while no other person has become the subject of
  // a sentence since; here the parse makes Anna Smit (via her title) the newer subject.
  Doc doc = Analyse(
      "\"Dit is onaanvaardbaar\", zei Piet de Wit. Burgemeester Anna Smit opende daarna het "
      "gesprek. Ze verwacht dat er snel een akkoord komt.",
      "2024-05-01");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0].speaker, "Piet de Wit");
  EXPECT_EQ(got[1], (Q{"indirect", "er snel een akkoord komt", "Anna Smit", "verwacht"}));
}

TEST(QuoteFinderTest, MixedQuoteIsOneQuote) {
  Doc doc = Analyse(
      "Kees Bakker benadrukte dat de landen \"voor de grootste crisis van deze tijd staan\". "
      "Hij zei ook dat het een \"ramp\" is voor de boeren in de hele regio.");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], (Q{"direct", "voor de grootste crisis van deze tijd staan", "Kees Bakker",
                       "benadrukte"}));
  EXPECT_EQ(got[1].kind, "indirect");
  EXPECT_EQ(got[1].text, "het een \"ramp\" is voor de boeren in de hele regio");
  EXPECT_EQ(got[1].speaker, "Kees Bakker");
}

TEST(QuoteFinderTest, ColonAndPointingBack) {
  Doc doc = Analyse(
      "Kees Bakker: \"We gaan door tot het einde.\" De fabriek in Tilburg gaat dicht. Dat "
      "meldt de NOS.");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0], (Q{"direct", "We gaan door tot het einde.", "Kees Bakker", ":"}));
  EXPECT_EQ(got[1], (Q{"indirect", "De fabriek in Tilburg gaat dicht", "NOS", "meldt"}));
}

TEST(QuoteFinderTest, AttributedByTheNextSentenceAndColonWithoutMarks) {
  Doc doc = Analyse(
      "De fabriek in Tilburg sluit. \"Het is een zware dag voor iedereen.\" Dat zei directeur "
      "Anna de Bruin van het bedrijf dinsdag. Minister Karin Veldhuis zei: de regels gaan "
      "omlaag.");
  EXPECT_EQ(
      Quotes(doc),
      (std::vector<Q>{{"direct", "Het is een zware dag voor iedereen.", "Anna de Bruin", "zei"},
                      {"indirect", "de regels gaan omlaag", "Karin Veldhuis", "zei"}}));
}

TEST(QuoteFinderTest, SpokespersonSpeaksForTheOrganisation) {
  Doc doc = Analyse(
      "\"We onderzoeken het\", zegt een woordvoerder van Greenpeace. \"Geen idee\", zegt een "
      "woordvoerder van de politie.");
  std::vector<Q> got = Quotes(doc);
  ASSERT_EQ(got.size(), 2u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0].speaker, "Greenpeace");
  EXPECT_EQ(got[1].speaker, "-");
}

TEST(QuoteFinderTest, SubjectFromTheParseWhenPresent) {
  // "Gisteren zei in Den Haag de minister dat ...": the word order alone does not show the
  // subject (a phrase stands between verb and subject); the parse does.
  Doc doc = Linked("Gisteren zei in Utrecht Kees Bakker dat het slecht gaat.",
                   {{"Utrecht", "LOC"}, {"Kees Bakker", "PER"}});
  const size_t n = doc.tokens.size();  // Gisteren zei in Utrecht Kees Bakker dat het slecht gaat .
  ASSERT_EQ(n, 11u);
  doc.upos = {"ADV",   "VERB", "ADP", "PROPN", "PROPN", "PROPN",
              "SCONJ", "PRON", "ADJ", "VERB",  "PUNCT"};
  doc.head = {1, 1, 3, 1, 1, 4, 9, 9, 9, 1, 1};
  doc.deprel = {"advmod", "root",  "case",   "obl",   "nsubj", "flat",
                "mark",   "nsubj", "advmod", "ccomp", "punct"};
  doc.Set(Layer::kUpos);
  doc.Set(Layer::kDeps);
  Finder().Find(doc);
  EXPECT_EQ(Quotes(doc), (std::vector<Q>{{"indirect", "het slecht gaat", "Kees Bakker", "zei"}}));
}

TEST(QuoteFinderTest, SeparatedParticleFromTheParseCompletesTheCue) {
  // The lemma layer says "kondigen" (no particle joined); the parse's compound:prt dependent
  // "aan" makes the cue "aankondigen".
  Doc doc = Linked("Kees Bakker kondigde aan dat de school sluit.", {{"Kees Bakker", "PER"}});
  ASSERT_EQ(doc.tokens.size(), 9u);  // Kees Bakker kondigde aan dat de school sluit .
  doc.upos = {"PROPN", "PROPN", "VERB", "ADP", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"};
  doc.lemma = {"Kees", "Bakker", "kondigen", "aan", "dat", "de", "school", "sluiten", "."};
  doc.head = {2, 0, 2, 2, 7, 6, 7, 2, 2};
  doc.deprel = {"nsubj", "flat", "root", "compound:prt", "mark", "det", "nsubj", "ccomp", "punct"};
  doc.Set(Layer::kUpos);
  doc.Set(Layer::kLemma);
  doc.Set(Layer::kDeps);
  Finder().Find(doc);
  EXPECT_EQ(Quotes(doc),
            (std::vector<Q>{{"indirect", "de school sluit", "Kees Bakker", "kondigde"}}));
}

TEST(QuoteFinderTest, WithoutEntitiesSpeakersAreUnknown) {
  Doc doc = MakeDoc("\"Het is koud\", zei Kees Bakker.");
  Finder().Find(doc);
  EXPECT_EQ(Quotes(doc), (std::vector<Q>{{"direct", "Het is koud", "-", "zei"}}));
}

}  // namespace
}  // namespace kroniek::quotes
