#include "link/linker.h"

#include <gtest/gtest.h>

#include "link/kb.h"
#include "link/lexicon.h"
#include "link/link_test_util.h"

namespace kroniek::link {
namespace {

using ::kroniek::link::testing::AddName;
using ::kroniek::link::testing::AddNames;
using ::kroniek::link::testing::EntityNamed;
using ::kroniek::link::testing::MakeDoc;
using ::kroniek::link::testing::MentionTexts;
using Strings = std::vector<std::string>;

const KnowledgeBase& Kb() {
  static auto kb = KnowledgeBase::Load();
  EXPECT_TRUE(kb.ok()) << kb.status().ToString();
  return **kb;
}

const Linker& TheLinker() {
  static auto l = Linker::Create();
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return **l;
}

TEST(KnowledgeBaseTest, LoadsTheBundledFiles) {
  const KnowledgeBase& kb = Kb();
  EXPECT_GT(kb.entries().size(), 600u);
  int32_t navo = kb.ByName("NAVO");
  ASSERT_GE(navo, 0);
  EXPECT_EQ(kb.entry(navo).type, "ORG");
  EXPECT_EQ(kb.entry(navo).id, "Q7184");
}

TEST(KnowledgeBaseTest, FindsSpellingVariantsAndAbbreviations) {
  const KnowledgeBase& kb = Kb();
  auto name_of = [&](std::string_view s) -> std::string {
    const auto& hits = kb.Find(s);
    return hits.empty() ? "" : kb.entry(hits[0]).name;
  };
  EXPECT_EQ(name_of("NATO"), "NAVO");
  EXPECT_EQ(name_of("VN"), "Verenigde Naties");
  EXPECT_EQ(name_of("UN"), "Verenigde Naties");
  EXPECT_EQ(name_of("Putin"), "Vladimir Poetin");
  EXPECT_EQ(name_of("Zelenskyy"), "Volodymyr Zelensky");
  EXPECT_EQ(name_of("Zelenski"), "Volodymyr Zelensky");
  // Case, hyphens and dots do not matter.
  EXPECT_EQ(name_of("NV-A"), "N-VA");
  EXPECT_EQ(name_of("Open VLD"), "Open Vld");
  EXPECT_EQ(name_of("bart de wever"), "Bart De Wever");
  EXPECT_TRUE(kb.Find("Rutte").empty());  // surnames are a separate index
  ASSERT_EQ(kb.FindSurname("Rutte").size(), 1u);
  EXPECT_EQ(kb.entry(kb.FindSurname("Rutte")[0]).name, "Mark Rutte");
  ASSERT_FALSE(kb.FindSurname("De Wever").empty());
}

TEST(KnowledgeBaseTest, AdjectivesAndDemonymsGiveTheirCountry) {
  const KnowledgeBase& kb = Kb();
  ASSERT_GE(kb.CountryOfDemonym("Noor"), 0);
  EXPECT_EQ(kb.entry(kb.CountryOfDemonym("Noor")).name, "Noorwegen");
  EXPECT_EQ(kb.entry(kb.CountryOfAdjective("Oekraïense")).name, "Oekraïne");
  EXPECT_EQ(kb.entry(kb.CountryOfDemonym("belgen")).name, "België");
  EXPECT_EQ(kb.CountryOfDemonym("Rutte"), -1);
}

TEST(KnowledgeBaseTest, RolesHaveYearsAndMatchReadersWords) {
  const KnowledgeBase& kb = Kb();
  const KbEntry& s = kb.entry(kb.ByName("Jens Stoltenberg"));
  bool found = false;
  for (const KbRole& r : s.roles) {
    if (r.role == "secretaris-generaal" && r.of == "NAVO") {
      found = true;
      EXPECT_EQ(r.from, 2014);
      EXPECT_EQ(r.to, 2024);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(RoleMatchesNoun("secretaris-generaal", "chef"));
  EXPECT_TRUE(RoleMatchesNoun("minister-president", "premier"));
  EXPECT_TRUE(RoleMatchesNoun("minister van financiën", "minister"));
  EXPECT_FALSE(RoleMatchesNoun("burgemeester", "premier"));
}

TEST(KnowledgeBaseTest, MalformedDataIsReported) {
  auto kb = KnowledgeBase::FromText("", "", "",
                                    "-\tJan Jansen\t\tNederland\tm\tpremier@Nederland@twee\n");
  EXPECT_FALSE(kb.ok());
  auto ok = KnowledgeBase::FromText("", "-\tUtrecht\t\tNederland\n", "", "");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->entries().size(), 1u);
}

TEST(LinkLexiconTest, PersonNounsByThemselvesAndAsCompoundHeads) {
  auto lex = LinkLexicon::Load();
  ASSERT_TRUE(lex.ok());
  PersonNoun p = (*lex)->Person("defensieleider");
  EXPECT_EQ(p.cls, PersonNounClass::kTitle);
  EXPECT_EQ(p.head, "leider");
  p = (*lex)->Person("NAVO-chef");
  EXPECT_EQ(p.head, "chef");
  EXPECT_EQ(p.qualifier, "NAVO");
  EXPECT_EQ((*lex)->Person("kompaan").cls, PersonNounClass::kRelation);
  EXPECT_EQ((*lex)->Person("tafel").cls, PersonNounClass::kNone);
  EXPECT_EQ((*lex)->TypeOf("kledingketen"), "ORG");
  EXPECT_EQ((*lex)->TypeOf("tv-programma"), "MISC");
  EXPECT_EQ((*lex)->TypeOf("gemeente"), "LOC");
  EXPECT_EQ((*lex)->TypeOf("stam"), "GROUP");
  EXPECT_TRUE((*lex)->IsFirstName("Jan"));
  EXPECT_FALSE((*lex)->IsFirstName("Tafel"));
}

TEST(LinkerTest, SurnameJoinsTheFullNameAndTheKnowledgeBaseGivesTheId) {
  Doc doc = MakeDoc("Jens Stoltenberg opende de vergadering. Daarna sprak Stoltenberg de pers toe.",
                    "2021-06-01");
  AddName(doc, "Jens Stoltenberg", "PER");
  AddName(doc, "Stoltenberg", "PER", 1);
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Jens Stoltenberg");
  EXPECT_EQ(doc.entities[0].kb, "Q57286");
  EXPECT_EQ(MentionTexts(doc, 0), (Strings{"Jens Stoltenberg", "Stoltenberg"}));
  EXPECT_EQ(doc.Validate(), "");
}

TEST(LinkerTest, NameInsideAHyphenatedCompound) {
  // The NER found nothing in "NAVO-landen"; the knowledge base knows the name part.
  Doc doc = MakeDoc("De NAVO-landen overleggen vandaag in het hoofdkwartier.");
  TheLinker().Link(doc);
  int e = EntityNamed(doc, "NAVO");
  ASSERT_GE(e, 0);
  EXPECT_EQ(doc.entities[e].type, "ORG");
  EXPECT_EQ(MentionTexts(doc, e), (Strings{"NAVO"}));
}

TEST(LinkerTest, TypeFromTheKnowledgeBaseAndSpellingVariantsMerge) {
  Doc doc = MakeDoc("De NATO en de NAVO zijn hetzelfde. Putin kwam niet; Poetin bleef thuis.",
                    "2023-01-01");
  AddName(doc, "NATO", "LOC");  // a wrong NER type
  AddName(doc, "NAVO", "ORG");
  AddName(doc, "Putin", "PER");
  AddName(doc, "Poetin", "PER");
  TheLinker().Link(doc);
  int navo = EntityNamed(doc, "NAVO");
  ASSERT_GE(navo, 0);
  EXPECT_EQ(doc.entities[navo].type, "ORG");
  EXPECT_EQ(MentionTexts(doc, navo), (Strings{"NATO", "NAVO"}));
  int putin = EntityNamed(doc, "Vladimir Poetin");
  ASSERT_GE(putin, 0);
  EXPECT_EQ(doc.entities[putin].mentions.size(), 2u);
  EXPECT_EQ(doc.entities.size(), 2u);
}

TEST(LinkerTest, NationalityWordsAreNoEntities) {
  Doc doc = MakeDoc("De Russische troepen en de Belgen trokken naar Gent.");
  AddName(doc, "Russische", "MISC");
  AddName(doc, "Belgen", "MISC");
  AddName(doc, "Gent", "LOC");
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Gent");
  // The NER's names stay in the mentions layer, without an entity.
  int unlinked = 0;
  for (const Mention& m : doc.mentions) unlinked += m.entity < 0;
  EXPECT_EQ(unlinked, 2);
}

TEST(LinkerTest, TitlesAndPortfoliosAreNotPartOfTheName) {
  Doc doc = MakeDoc("Dat zei minister van Onderwijs Karin Veldhuis gisteren in Zwolle.");
  AddName(doc, "Onderwijs Karin Veldhuis", "PER");
  AddName(doc, "Zwolle", "LOC");
  TheLinker().Link(doc);
  int e = EntityNamed(doc, "Karin Veldhuis");
  ASSERT_GE(e, 0);
  EXPECT_EQ(doc.entities[e].type, "PER");
  EXPECT_EQ(MentionTexts(doc, e), (Strings{"Karin Veldhuis"}));
}

TEST(LinkerTest, ANameAfterAPortfolioStays) {
  Doc doc = MakeDoc("Dat zei minister van Buitenlandse Zaken Hoekstra gisteren.", "2022-06-01");
  AddName(doc, "Buitenlandse Zaken", "ORG");
  AddName(doc, "Hoekstra", "PER");
  TheLinker().Link(doc);
  int e = EntityNamed(doc, "Wopke Hoekstra");
  ASSERT_GE(e, 0);
  EXPECT_EQ(MentionTexts(doc, e), (Strings{"Hoekstra"}));
}

TEST(LinkerTest, ATypeNounInFrontDecidesTheType) {
  Doc doc = MakeDoc(
      "De kledingketen Tulpa sluit al haar winkels. Tulpa had vorig jaar al verlies. Het "
      "tv-programma Avondlicht besteedde er aandacht aan.");
  AddName(doc, "Tulpa", "PER", 0);
  AddName(doc, "Tulpa", "PER", 1);
  AddName(doc, "Avondlicht", "PER");
  TheLinker().Link(doc);
  int t = EntityNamed(doc, "Tulpa");
  ASSERT_GE(t, 0);
  EXPECT_EQ(doc.entities[t].type, "ORG");
  EXPECT_EQ(doc.entities[t].mentions.size(), 2u);
  int a = EntityNamed(doc, "Avondlicht");
  ASSERT_GE(a, 0);
  EXPECT_EQ(doc.entities[a].type, "MISC");
}

TEST(LinkerTest, AFirstNameMakesAPerson) {
  Doc doc = MakeDoc("Ook Peter Valkenburg deed mee aan het toernooi.");
  AddName(doc, "Peter Valkenburg", "MISC");
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].type, "PER");
}

TEST(LinkerTest, ATypeNounAtTheEndBeatsAFirstName) {
  Doc doc = MakeDoc("De prijs werd uitgereikt in het Anna Verbeek Museum in Zwolle.");
  AddName(doc, "Anna Verbeek Museum", "PER");
  TheLinker().Link(doc);
  int e = EntityNamed(doc, "Anna Verbeek Museum");
  ASSERT_GE(e, 0);
  EXPECT_EQ(doc.entities[e].type, "LOC");
}

TEST(LinkerTest, DemonymNominalRefersToThePersonOfThatNationality) {
  Doc doc = MakeDoc(
      "De Noor Jens Stoltenberg leidt het bondgenootschap. Volgens de Noor is de steun groot.",
      "2022-03");
  AddName(doc, "Jens Stoltenberg", "PER");
  TheLinker().Link(doc);
  int e = EntityNamed(doc, "Jens Stoltenberg");
  ASSERT_GE(e, 0);
  EXPECT_EQ(MentionTexts(doc, e), (Strings{"De Noor", "Jens Stoltenberg", "de Noor"}));
  for (uint32_t m : doc.entities[e].mentions) {
    const Mention& mm = doc.mentions[m];
    EXPECT_EQ(mm.kind, doc.SpanText(mm.span) == "Jens Stoltenberg" ? MentionKind::kName
                                                                   : MentionKind::kNominal);
  }
}

TEST(LinkerTest, RoleNominalsThroughTitlesAndKnowledgeBaseRoles) {
  // "Premier Rutte" tells who "de premier" is; the knowledge base knows that the NAVO's chief
  // was Stoltenberg in 2022 but not in 2030.
  Doc doc = MakeDoc(
      "Premier Rutte sprak met Stoltenberg. Later zei de premier dat het goed ging. Ook de "
      "NAVO-chef was tevreden.",
      "2022-03");
  AddName(doc, "Rutte", "PER");
  AddName(doc, "Stoltenberg", "PER");
  TheLinker().Link(doc);
  int rutte = EntityNamed(doc, "Mark Rutte");
  int stol = EntityNamed(doc, "Jens Stoltenberg");
  ASSERT_GE(rutte, 0);
  ASSERT_GE(stol, 0);
  EXPECT_EQ(MentionTexts(doc, rutte), (Strings{"Rutte", "de premier"}));
  EXPECT_EQ(MentionTexts(doc, stol), (Strings{"Stoltenberg", "de NAVO-chef"}));

  Doc later = MakeDoc("Stoltenberg kwam ook. Ook de NAVO-chef was tevreden.", "2030-01-01");
  AddName(later, "Stoltenberg", "PER");
  TheLinker().Link(later);
  // NAVO (inside "NAVO-chef") and Stoltenberg, without the description.
  ASSERT_EQ(later.entities.size(), 2u);
  EXPECT_EQ(MentionTexts(later, EntityNamed(later, "Jens Stoltenberg")), (Strings{"Stoltenberg"}));
}

TEST(LinkerTest, AppositionsWithACommaAreNominalMentions) {
  Doc doc = MakeDoc(
      "Zijn ploeggenoot in de verdediging, Karel Smits, kopte raak. Anna de Bruin, de "
      "woordvoerder van de club, bevestigde het.");
  AddName(doc, "Karel Smits", "PER");
  AddName(doc, "Anna de Bruin", "PER");
  TheLinker().Link(doc);
  EXPECT_EQ(MentionTexts(doc, EntityNamed(doc, "Karel Smits")),
            (Strings{"Zijn ploeggenoot", "Karel Smits"}));
  EXPECT_EQ(MentionTexts(doc, EntityNamed(doc, "Anna de Bruin")),
            (Strings{"Anna de Bruin", "de woordvoerder"}));
}

TEST(LinkerTest, GenericNounsStayUnlinked) {
  Doc doc =
      MakeDoc("Jan Pietersen kwam binnen. De man zei niets en de voorzitter van de club ook niet.");
  AddName(doc, "Jan Pietersen", "PER");
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].mentions.size(), 1u);
}

TEST(LinkerTest, ASurnameAloneLinksOnlyToSomeoneInOfficeThatYear) {
  Doc doc = MakeDoc("Klaver was boos.", "2019-04-05");
  AddName(doc, "Klaver", "PER");
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Jesse Klaver");
  Doc other = MakeDoc("Klaver was boos.", "1990-04-05");
  AddName(other, "Klaver", "PER");
  TheLinker().Link(other);
  ASSERT_EQ(other.entities.size(), 1u);
  EXPECT_EQ(other.entities[0].name, "Klaver");
  EXPECT_FALSE(other.entities[0].kb.has_value());
}

TEST(LinkerTest, PossessivesAndKnowledgeBaseNamesTheNerCutShort) {
  Doc doc = MakeDoc("IBM's nieuwe computer en de Vlaamse regering werden besproken.");
  AddName(doc, "IBM's", "MISC");
  AddName(doc, "Vlaamse", "MISC");
  TheLinker().Link(doc);
  EXPECT_GE(EntityNamed(doc, "IBM"), 0);
  int v = EntityNamed(doc, "Vlaamse regering");
  ASSERT_GE(v, 0);
  EXPECT_EQ(doc.entities[v].type, "ORG");
}

TEST(LinkerTest, InhabitantsOfAPlaceAreNoNames) {
  Doc doc = MakeDoc("In Volendam was het stil. Een Volendammer vertelde het verhaal.");
  AddName(doc, "Volendam", "LOC");
  AddName(doc, "Volendammer", "MISC");
  TheLinker().Link(doc);
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Volendam");
}

TEST(LinkerTest, EmptyAndNameFreeDocuments) {
  Doc empty = MakeDoc("");
  TheLinker().Link(empty);
  EXPECT_TRUE(empty.entities.empty());
  Doc plain = MakeDoc("Het regent de hele dag.");
  TheLinker().Link(plain);
  EXPECT_TRUE(plain.entities.empty());
  EXPECT_EQ(plain.Validate(), "");
}

}  // namespace
}  // namespace kroniek::link
