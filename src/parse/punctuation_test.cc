#include "parse/punctuation.h"

#include <gtest/gtest.h>

#include <random>

#include "parse/transition.h"
#include "tag/corpus.h"
#include "test_util.h"

namespace kroniek::parse {
namespace {

bool IsPunct(std::string_view w) {
  return w == "." || w == "," || w == "\"" || w == "(" || w == ")" || w == "?" || w == "!" ||
         w == ":" || w == "'" || w == "`" || w == ";";
}

// Attaches the punctuation of `words` given the heads of the other words (1-based as in
// CoNLL-U, 0 for the root; the punctuation entries are what a parser might have said) and
// returns the heads, 1-based again.
std::vector<int> Attach(const std::vector<std::string_view>& words, std::vector<int> heads1,
                        std::vector<std::string>* labels = nullptr) {
  std::vector<bool> punct(words.size());
  std::vector<int> heads(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    punct[i] = IsPunct(words[i]);
    heads[i] = heads1[i] - 1;
  }
  AttachPunctuation(words, punct, &heads, labels);
  for (int& h : heads) ++h;
  return heads;
}

TEST(PunctuationTest, FinalMarkGoesToTheRoot) {
  //                 1      2       3
  auto h = Attach({"Hij", "slaapt", "."}, {2, 0, 1});
  EXPECT_EQ(h, (std::vector<int>{2, 0, 2}));
}

TEST(PunctuationTest, NotATreeIsLeftWithoutCrashing) {
  // Every word has a head (a cycle, no root): the contract is broken, so the pass must only
  // not crash or loop; the words' arcs stay as they were.
  std::vector<std::string> labels(3, "dep");
  auto h = Attach({"a", "b", "."}, {2, 1, 1}, &labels);
  EXPECT_EQ(h[0], 2);
  EXPECT_EQ(h[1], 1);
}

TEST(PunctuationTest, CommasAroundARelativeClause) {
  // de man , die slaapt , lacht .
  // The opening comma belongs to the relative clause (its verb), the closing one closes the
  // subject that ends at "slaapt" (headed by "man"), the full stop goes to the root.
  std::vector<std::string> labels(8, "dep");
  auto h = Attach({"de", "man", ",", "die", "slaapt", ",", "lacht", "."}, {2, 7, 7, 5, 2, 5, 0, 6},
                  &labels);
  EXPECT_EQ(h, (std::vector<int>{2, 7, 5, 5, 2, 2, 0, 7}));
  EXPECT_EQ(labels[2], "punct");
  EXPECT_EQ(labels[5], "punct");
  EXPECT_EQ(labels[7], "punct");
  EXPECT_EQ(labels[0], "dep");  // other labels are left alone
}

TEST(PunctuationTest, CommaAfterAFrontedClauseGoesToItsVerb) {
  // als het regent , blijf ik thuis .   (the comma closes the clause before its head)
  auto h =
      Attach({"als", "het", "regent", ",", "blijf", "ik", "thuis", "."}, {3, 3, 5, 5, 0, 5, 5, 5});
  EXPECT_EQ(h[3], 3);
  // ik blijf thuis , als het regent .  (the comma opens the clause after its head)
  h = Attach({"ik", "blijf", "thuis", ",", "als", "het", "regent", "."}, {2, 0, 2, 2, 7, 7, 2, 2});
  EXPECT_EQ(h[3], 7);
}

TEST(PunctuationTest, PairedMarksGoToTheHeadOfWhatTheyEnclose) {
  // hij noemt het " een ramp " ( echt ) .
  //  1    2    3  4  5    6   7 8  9    10 11
  auto h = Attach({"hij", "noemt", "het", "\"", "een", "ramp", "\"", "(", "echt", ")", "."},
                  {2, 0, 2, 2, 6, 2, 2, 2, 6, 9, 9});
  EXPECT_EQ(h[3], 6);
  EXPECT_EQ(h[6], 6);
  EXPECT_EQ(h[7], 9);
  EXPECT_EQ(h[9], 9);
  EXPECT_EQ(h[10], 2);
}

TEST(PunctuationTest, MarksInsideQuotesStayInside) {
  // " ik kom , " zei hij .  : the comma ends the quoted clause, so it goes to "kom", not to
  // the word after the quote.
  //  1   2   3   4  5   6   7   8
  auto h = Attach({"\"", "ik", "kom", ",", "\"", "zei", "hij", "."}, {6, 3, 6, 6, 6, 0, 6, 6});
  EXPECT_EQ(h, (std::vector<int>{3, 3, 6, 3, 3, 0, 6, 6}));
}

TEST(PunctuationTest, WordsUnderPunctuationMoveUpAndOneRootRemains) {
  // The parser made "." the root and hung both verbs under it, and "hij" under ",".
  //  1      2     3      4     5
  auto h = Attach({"ik", "kom", ",", "hij", "."}, {2, 5, 5, 3, 0});
  // "kom" (first word root) stays the root; "hij" moves to the comma's head (".", then the
  // root level: a second root) and hangs under "kom".
  EXPECT_EQ(h[1], 0);
  EXPECT_EQ(h[3], 2);
  EXPECT_EQ(h[4], 2);
  int roots = 0;
  for (int x : h) roots += x == 0;
  EXPECT_EQ(roots, 1);
}

TEST(PunctuationTest, PunctuationOnlyIsLeftAlone) {
  auto h = Attach({"!", "?"}, {0, 1});
  EXPECT_EQ(h, (std::vector<int>{0, 1}));
}

// Random projective trees over words with commas between them: every comma attachment must
// keep the tree projective, and the words' arcs must not change.
TEST(PunctuationTest, KeepsRandomProjectiveTreesProjective) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    const int words = 2 + static_cast<int>(rng() % 12);
    // A random projective tree: recursive split of [lo, hi) with a head inside.
    std::vector<int> wh(static_cast<size_t>(words), -1);
    auto build = [&](auto&& self, int lo, int hi, int parent) -> void {
      if (lo >= hi) return;
      const int h = lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo));
      wh[static_cast<size_t>(h)] = parent;
      self(self, lo, h, h);
      self(self, h + 1, hi, h);
    };
    build(build, 0, words, -1);
    // Insert commas at random gaps (not the last word's end: a final "," would be a
    // sentence-level mark like any other).
    std::vector<std::string_view> forms;
    std::vector<int> pos(static_cast<size_t>(words));
    for (int i = 0; i < words; ++i) {
      if (i > 0 && rng() % 3 == 0) forms.push_back(",");
      pos[static_cast<size_t>(i)] = static_cast<int>(forms.size());
      forms.push_back("w");
    }
    if (rng() % 2) forms.push_back(".");
    const size_t n = forms.size();
    std::vector<int> heads(n, 0);
    std::vector<bool> punct(n, false);
    for (size_t i = 0; i < n; ++i) punct[i] = forms[i] != "w";
    for (int i = 0; i < words; ++i) {
      const int h = wh[static_cast<size_t>(i)];
      heads[static_cast<size_t>(pos[static_cast<size_t>(i)])] =
          h < 0 ? -1 : pos[static_cast<size_t>(h)];
    }
    for (size_t i = 0; i < n; ++i) {
      if (punct[i]) heads[i] = pos[0];  // whatever a parser said
    }
    std::vector<int> before = heads;
    AttachPunctuation(forms, punct, &heads, nullptr);
    ASSERT_TRUE(IsWellFormedTree(heads)) << "trial " << trial;
    EXPECT_TRUE(IsProjective(heads)) << "trial " << trial;
    for (size_t i = 0; i < n; ++i) {
      if (!punct[i]) {
        EXPECT_EQ(heads[i], before[i]);
      } else {
        EXPECT_FALSE(punct[static_cast<size_t>(heads[i])]);
      }
    }
  }
}

// On the Alpino Treebank training trees, with the gold arcs of the other words, the rule gives
// the gold head of nearly every punctuation mark (99.7% when measured).
TEST(PunctuationTest, ReproducesTheTreebanksPunctuation) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  auto sentences = tag::ReadAnnotated(testing::SharedDir() +
                                      "/data/alpino-treebank-ud/nl_alpinotreebank-ud-train.conllu");
  ASSERT_TRUE(sentences.ok()) << sentences.status().ToString();
  size_t total = 0, same = 0;
  std::vector<std::string_view> words;
  std::vector<bool> punct;
  for (const tag::AnnotatedSentence& s : *sentences) {
    words.assign(s.form.begin(), s.form.end());
    punct.assign(s.size(), false);
    std::vector<int> heads = s.head;
    int root = -1;
    for (size_t i = 0; i < s.size(); ++i) {
      punct[i] = s.upos[i] == "PUNCT";
      if (s.head[i] < 0) root = static_cast<int>(i);
    }
    for (size_t i = 0; i < s.size(); ++i) {
      if (punct[i]) heads[i] = root;  // forget the gold punctuation heads
    }
    AttachPunctuation(words, punct, &heads, nullptr);
    for (size_t i = 0; i < s.size(); ++i) {
      if (!punct[i]) continue;
      ++total;
      same += heads[i] == s.head[i];
    }
  }
  ASSERT_GT(total, 20000u);
  EXPECT_GT(static_cast<double>(same) / static_cast<double>(total), 0.99);
}

}  // namespace
}  // namespace kroniek::parse
