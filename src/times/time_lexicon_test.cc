#include "times/time_lexicon.h"

#include <gtest/gtest.h>

namespace kroniek::times {
namespace {

TEST(TimeLexiconTest, LoadsTheEmbeddedData) {
  auto lex = Lexicon::Load();
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const LexEntry* e = (*lex)->Find("maart");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->cats & kMonth);
  EXPECT_EQ(e->month, 3);
  EXPECT_EQ((*lex)->Find("Maart"), nullptr) << "lookups are on lower-cased words";
  EXPECT_GT((*lex)->phrases().size(), 10u);
  EXPECT_GT((*lex)->holidays().size(), 20u);
}

TEST(TimeLexiconTest, GeneratesNumberWordsAndOrdinals) {
  auto lex = Lexicon::Load();
  ASSERT_TRUE(lex.ok());
  auto num = [&](const char* w) {
    const LexEntry* e = (*lex)->Find(w);
    return e && (e->cats & kNum) ? e->num : -1;
  };
  EXPECT_EQ(num("eenentwintig"), 21);
  EXPECT_EQ(num("tweeëntwintig"), 22);
  EXPECT_EQ(num("drieënveertig"), 43);
  EXPECT_EQ(num("negenennegentig"), 99);
  EXPECT_EQ(num("honderd"), 100);
  EXPECT_EQ(num("driehonderdvijfenzestig"), 365);
  EXPECT_EQ(num("honderdvijftig"), 150);
  EXPECT_EQ(num("tafel"), -1);
  const LexEntry* o = (*lex)->Find("eenentwintigste");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->ord, 21);
  o = (*lex)->Find("negentiende");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->ord, 19);
  const LexEntry* f = (*lex)->Find("vijfenhalf");
  ASSERT_NE(f, nullptr);
  EXPECT_DOUBLE_EQ(f->frac, 5.5);
}

TEST(TimeLexiconTest, GeneratesPartOfDayCompounds) {
  auto lex = Lexicon::Load();
  ASSERT_TRUE(lex.ok());
  const LexEntry* e = (*lex)->Find("zaterdagavond");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->cats & kWeekdayPart);
  EXPECT_EQ(e->weekday, 6);
  EXPECT_EQ(e->daypart, DayPart::kEV);
  e = (*lex)->Find("gisteravond");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->cats & kDeicticPart);
  EXPECT_EQ(e->deictic, -1);
  e = (*lex)->Find("vanochtend");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->deictic, 0);
  EXPECT_EQ(e->daypart, DayPart::kMO);
  e = (*lex)->Find("morgenavond");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->deictic, 1);
}

TEST(TimeLexiconTest, ReportsTheFileAndLineOfABadEntry) {
  auto lex = Lexicon::Parse("maart\tmonth\t3\njuni\tmonth\t13\n", "", "");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("lexicon.tsv:2"), std::string::npos)
      << lex.status().message();
  lex = Lexicon::Parse("", "kerst\tfixed 12\n", "");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("holidays.tsv:1"), std::string::npos);
  lex = Lexicon::Parse("", "", "# comment\nop dit moment\tWHEN\tPRESENT_REF\t0\n");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("phrases.tsv:2"), std::string::npos);
  lex = Lexicon::Parse("nu\tref\tPRESENT_REF\n", "pasen\teaster 0\n",
                       "op dit moment\tDATE\tPRESENT_REF\t0\n");
  EXPECT_TRUE(lex.ok());
}

}  // namespace
}  // namespace kroniek::times
