#include "tokenize/sentence_lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kroniek::tok {
namespace {

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string::npos) j = line.size();
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

SentenceLexicon Sample() {
  SentenceLexicon lex;
  lex.Count(Words("De bosbouw is belangrijk ."));
  lex.Count(Words("Volgens De Morgan groeit de bosbouw ."));
  lex.Count(Words("\" Bosbouw levert hout \""));
  lex.Count(Words("Hij sprak met De Morgan , 12 jaar lang"));
  lex.CountName(Words("Mark Demesmaeker"));
  lex.CountName(Words("Frieda Brepoels"));
  lex.CountName(Words("Mark van der Berg"));
  lex.CountName(Words("Morgan"));  // one word: not counted
  lex.Finish(1);
  return lex;
}

TEST(SentenceLexiconTest, BucketsAreLogarithmic) {
  EXPECT_EQ(SentenceLexicon::Bucket(0), 0);
  EXPECT_EQ(SentenceLexicon::Bucket(1), 1);
  EXPECT_EQ(SentenceLexicon::Bucket(3), 2);
  EXPECT_EQ(SentenceLexicon::Bucket(4), 3);
  EXPECT_EQ(SentenceLexicon::Bucket(63), 6);
  EXPECT_EQ(SentenceLexicon::Bucket(64), 7);
  EXPECT_EQ(SentenceLexicon::Bucket(1000000), 7);
}

TEST(SentenceLexiconTest, CountsStartsMiddlesEndsAndNames) {
  SentenceLexicon lex = Sample();
  // "De" starts the first sentence and is inside the second (after "Volgens") and fourth.
  LexCode de = lex.Find("De");
  EXPECT_EQ(de.start, SentenceLexicon::Bucket(1));
  EXPECT_EQ(de.mid, SentenceLexicon::Bucket(2));
  EXPECT_EQ(de.total, SentenceLexicon::Bucket(3));
  EXPECT_EQ(de.end, 0);
  // "bosbouw" ends the second sentence (only punctuation follows) and is twice inside one.
  LexCode bos = lex.Find("bosbouw");
  EXPECT_EQ(bos.start, 0);
  EXPECT_EQ(bos.mid, SentenceLexicon::Bucket(2));
  EXPECT_EQ(bos.end, SentenceLexicon::Bucket(1));
  // The first word is the first word token, after an opening quote; the quoted sentence ends
  // with "hout" before the closing quote.
  EXPECT_EQ(lex.Find("Bosbouw").start, SentenceLexicon::Bucket(1));
  EXPECT_EQ(lex.Find("hout").end, SentenceLexicon::Bucket(1));
  // A sentence whose last token is a word ends with it; "lang" follows a number.
  EXPECT_EQ(lex.Find("lang").end, SentenceLexicon::Bucket(1));
  EXPECT_EQ(lex.Find("lang").mid, SentenceLexicon::Bucket(1));
  // Names: first words (not particles) and last words of names of two or more words.
  EXPECT_EQ(lex.Find("Mark").first, SentenceLexicon::Bucket(2));
  EXPECT_EQ(lex.Find("Mark").last, 0);
  EXPECT_EQ(lex.Find("Brepoels").last, SentenceLexicon::Bucket(1));
  EXPECT_EQ(lex.Find("Berg").last, SentenceLexicon::Bucket(1));
  EXPECT_EQ(lex.Find("van").first, 0);
  EXPECT_EQ(lex.Find("Morgan").first, 0);
  EXPECT_EQ(lex.Find("Morgan").last, 0);
  // Unknown forms, and case matters.
  LexCode none = lex.Find("onbekend");
  EXPECT_EQ(none.total + none.start + none.mid + none.end + none.first + none.last, 0);
  EXPECT_EQ(lex.Find("BOSBOUW").total, 0);
}

TEST(SentenceLexiconTest, MinimumCountLeavesRareFormsOut) {
  SentenceLexicon lex;
  lex.Count(Words("De stad groeit ."));
  lex.Count(Words("De stad krimpt ."));
  lex.Finish(2);
  EXPECT_EQ(lex.size(), 2u);  // De, stad
  EXPECT_GT(lex.Find("stad").total, 0);
  EXPECT_EQ(lex.Find("groeit").total, 0);
}

TEST(SentenceLexiconTest, SerialisesAndRejectsDamage) {
  SentenceLexicon lex = Sample();
  std::string bytes = lex.Serialize();
  SentenceLexicon back;
  ASSERT_TRUE(SentenceLexicon::Deserialize(bytes, &back));
  EXPECT_EQ(back.size(), lex.size());
  for (const char* w : {"De", "bosbouw", "Bosbouw", "Mark", "Brepoels", "lang", "nergens"}) {
    LexCode a = lex.Find(w), b = back.Find(w);
    EXPECT_EQ(a.start, b.start) << w;
    EXPECT_EQ(a.mid, b.mid) << w;
    EXPECT_EQ(a.end, b.end) << w;
    EXPECT_EQ(a.total, b.total) << w;
    EXPECT_EQ(a.first, b.first) << w;
    EXPECT_EQ(a.last, b.last) << w;
  }
  SentenceLexicon bad;
  EXPECT_FALSE(SentenceLexicon::Deserialize(bytes.substr(0, bytes.size() - 1), &bad));
  EXPECT_FALSE(SentenceLexicon::Deserialize(bytes + "x", &bad));
  EXPECT_FALSE(SentenceLexicon::Deserialize("", &bad));
  // A count far beyond the bytes that follow.
  EXPECT_FALSE(SentenceLexicon::Deserialize(std::string("\xff\xff\x03", 3), &bad));
  // Keys must ascend: a zero delta is a repeated key.
  EXPECT_FALSE(SentenceLexicon::Deserialize(std::string("\x02\x05\x00\x01\x01", 5), &bad));
  // An empty table is valid.
  SentenceLexicon empty;
  ASSERT_TRUE(SentenceLexicon::Deserialize(std::string("\x00", 1), &empty));
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_EQ(empty.Find("De").total, 0);
}

}  // namespace
}  // namespace kroniek::tok
