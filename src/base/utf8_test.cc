#include "base/utf8.h"

#include <gtest/gtest.h>

namespace kroniek::utf8 {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValid("Oekraïne en Roemenië — „citaat” €"));
  EXPECT_TRUE(IsValid(""));
  EXPECT_TRUE(IsValid("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(Utf8Test, RejectsIllFormedSequencesAndReportsWhere) {
  size_t bad = 99;
  EXPECT_FALSE(IsValid("abc\xFF", &bad));
  EXPECT_EQ(bad, 3u);
  EXPECT_FALSE(IsValid("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValid("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValid("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValid("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsValid("12345678\x80"));      // after the 8-byte fast path
}

TEST(Utf8Test, SanitizeReplacesEachBadRunOnce) {
  size_t n = 0;
  EXPECT_EQ(Sanitize("a\xFF\xFE" "b\xE2\x82" "c", &n), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  EXPECT_EQ(n, 3u);
  EXPECT_TRUE(IsValid(Sanitize("\x80\x80\xC3")));
}

TEST(Utf8Test, DecodesForwardAndBackward) {
  std::string s = "aë€😀";
  size_t i = 0;
  EXPECT_EQ(Next(s, i), 'a');
  EXPECT_EQ(Next(s, i), 0xEBu);
  EXPECT_EQ(Next(s, i), 0x20ACu);
  EXPECT_EQ(Next(s, i), 0x1F600u);
  EXPECT_EQ(i, s.size());
  EXPECT_EQ(Prev(s, i), 0x1F600u);
  EXPECT_EQ(Prev(s, i), 0x20ACu);
  std::string back;
  Append(0x20AC, &back);
  Append(0x1F600, &back);
  EXPECT_EQ(back, "€😀");
}

TEST(Utf8Test, OffsetMapCountsCodePoints) {
  std::string s = "Oekraïne is €5";
  OffsetMap m(s);
  EXPECT_EQ(m.ToCodePoint(0), 0u);
  EXPECT_EQ(m.ToCodePoint(5), 5u);   // 'ï' starts at byte 5
  EXPECT_EQ(m.ToCodePoint(7), 6u);   // 'n' after the two-byte 'ï'
  EXPECT_EQ(m.ToCodePoint(static_cast<uint32_t>(s.size())), CountCodePoints(s));
  OffsetMap ascii("plain");
  EXPECT_EQ(ascii.ToCodePoint(3), 3u);
}

}  // namespace
}  // namespace kroniek::utf8
