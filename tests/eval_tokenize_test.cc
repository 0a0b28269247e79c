// Tokenizer evaluation: the scorer on hand-made cases, the CLI, and agreement with
// shared/tools/score.py on a UD dev file.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "eval/tokenize_eval.h"
#include "kroniek/io.h"
#include "test_util.h"
#include "tokenize/tokenizer.h"

namespace kroniek {
namespace {

const char kGold[] =
    "# sent_id = s1\n"
    "1\tHij\thij\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tzei\tzeggen\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t:\t:\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "4\t,,\t,,\tPUNCT\t_\t_\t5\tpunct\t_\tSpaceAfter=No\n"
    "5\tJa\tja\tINTJ\t_\t_\t2\tccomp\t_\tSpaceAfter=No\n"
    "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\tSpaceAfter=No\n"
    "7\t''\t''\tPUNCT\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tGoed\tgoed\tADJ\t_\t_\t0\troot\t_\t_\n"
    "2\tzo\tzo\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    "\n";

std::vector<Doc> Gold() {
  ReadOptions ro;
  ro.format = InputFormat::kConllu;
  return testing::ReadAll(kGold, "gold.conllu", InputFormat::kConllu, ro);
}

// A system Doc over `text` with the given token strings (found in order) and sentence sizes.
Doc System(const std::string& text, const std::vector<std::string>& tokens,
           const std::vector<uint32_t>& sentence_sizes) {
  Doc d;
  d.text = text;
  size_t pos = 0;
  for (const auto& t : tokens) {
    size_t b = text.find(t, pos);
    EXPECT_NE(b, std::string::npos) << t;
    d.tokens.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(b + t.size())});
    d.space_after.push_back(1);
    pos = b + t.size();
  }
  uint32_t begin = 0;
  for (uint32_t n : sentence_sizes) {
    d.sentences.push_back(Sentence{begin, begin + n, 0, ""});
    begin += n;
  }
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  return d;
}

TEST(TokenizeEvalTest, JoinsGoldSentencesWithSpaces) {
  std::vector<Doc> gold = Gold();
  ASSERT_EQ(gold.size(), 1u);
  EXPECT_EQ(JoinedSentenceText(gold), "Hij zei: ,,Ja.'' Goed zo.");
  EXPECT_EQ(JoinedSentenceText(gold, "\n"), "Hij zei: ,,Ja.''\nGoed zo.");
}

TEST(TokenizeEvalTest, AlignsTokensAndSentencesByCharacters) {
  std::vector<Doc> gold = Gold();
  const std::string text = JoinedSentenceText(gold);
  // Two merged tokens and one sentence for two.
  Doc bad = System(text, {"Hij", "zei:", ",,", "Ja.''", "Goed", "zo", "."}, {7});
  auto s = ScoreTokenization(gold, bad);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->tokens.gold, 10u);
  EXPECT_EQ(s->tokens.system, 7u);
  EXPECT_EQ(s->tokens.matched, 5u);
  EXPECT_NEAR(s->tokens.Precision(), 5.0 / 7, 1e-12);
  EXPECT_NEAR(s->tokens.Recall(), 0.5, 1e-12);
  EXPECT_NEAR(s->tokens.F1(), 2 * (5.0 / 7) * 0.5 / (5.0 / 7 + 0.5), 1e-12);
  EXPECT_EQ(s->sentences.gold, 2u);
  EXPECT_EQ(s->sentences.system, 1u);
  EXPECT_EQ(s->sentences.matched, 0u);
  EXPECT_EQ(s->sentences.F1(), 0.0);
  // Same tokens, right sentences: the sentence spans match although the tokens inside differ.
  Doc split = System(text, {"Hij", "zei:", ",,", "Ja.''", "Goed", "zo", "."}, {4, 3});
  auto s2 = ScoreTokenization(gold, split);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->sentences.matched, 2u);
  // A text that differs is refused.
  Doc other = System("Hij zei: Ja.", {"Hij", "zei", ":", "Ja", "."}, {5});
  EXPECT_FALSE(ScoreTokenization(gold, other).ok());
}

TEST(TokenizeEvalTest, TokenizerGetsTheSmallGoldRight) {
  std::vector<Doc> gold = Gold();
  auto tok = Tokenizer::Create();
  ASSERT_TRUE(tok.ok());
  Doc d;
  d.text = JoinedSentenceText(gold);
  (*tok)->Tokenize(d);
  auto s = ScoreTokenization(gold, d);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->tokens.matched, 10u);
  EXPECT_EQ(s->tokens.system, 10u);
  EXPECT_EQ(s->sentences.matched, 2u);
  EXPECT_EQ(s->sentences.system, 2u);
  EXPECT_EQ(FormatTokenizeScore(*s, "g", true),
            "{\"gold\": \"g\", \"tokens\": {\"gold\": 10, \"system\": 10, \"matched\": 10, "
            "\"precision\": 100.00, \"recall\": 100.00, \"f1\": 100.00}, \"sentences\": {\"gold\": "
            "2, \"system\": 2, \"matched\": 2, \"precision\": 100.00, \"recall\": 100.00, \"f1\": "
            "100.00}}\n");
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kroniek_evaltok_XXXXXX";
    const char* d = mkdtemp(tmpl);
    path_ = d ? d : "/tmp";
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(TokenizeEvalTest, CliPrintsTextAndJson) {
  TempDir dir;
  const std::string gold = dir.path() + "/gold.conllu";
  {
    std::ofstream f(gold);
    f << kGold;
  }
  auto r = testing::RunKroniek("eval tokenize --gold '" + gold + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tokens"]["gold"], 10);
  EXPECT_EQ(j["tokens"]["matched"], 10);
  EXPECT_EQ(j["sentences"]["f1"], 100.0);
  auto t = testing::RunKroniek("eval tokenize --gold '" + gold + "'");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Tokens"), std::string::npos);
  EXPECT_NE(t.out.find("Sentences"), std::string::npos);
  auto nl = testing::RunKroniek("eval tokenize --join newline --format json --gold '" + gold + "'");
  ASSERT_EQ(nl.exit_code, 0) << nl.err;
  EXPECT_EQ(nlohmann::json::parse(nl.out)["sentences"]["matched"], 2);
  // Usage and input errors.
  EXPECT_EQ(testing::RunKroniek("eval tokenize --join tab --gold '" + gold + "'").exit_code, 2);
  EXPECT_EQ(testing::RunKroniek("eval tokenize --gold '" + gold + "' --format xml").exit_code, 2);
  EXPECT_EQ(testing::RunKroniek("eval tokenize").exit_code, 2);
  auto missing = testing::RunKroniek("eval tokenize --gold '" + dir.path() + "/none.conllu'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("E108"), std::string::npos) << missing.err;
}

// The CLI's figures agree with shared/tools/score.py ud on the system CoNLL-U it writes.
TEST(TokenizeEvalTest, AgreesWithScorePy) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  if (std::system("python3 -c 'import json' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 is not available";
  }
  const std::string shared = testing::SharedDir();
  const std::string gold = shared + "/data/ud-nl-lassysmall/nl_lassysmall-ud-dev.conllu";
  TempDir dir;
  const std::string sys = dir.path() + "/system.conllu";
  auto r = testing::RunKroniek("eval tokenize --gold '" + gold +
                               "' --format json --write-conllu '" + sys + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json ours = nlohmann::json::parse(r.out);
  const std::string out = dir.path() + "/score.json";
  std::string cmd =
      "python3 '" + shared + "/tools/score.py' ud '" + gold + "' '" + sys + "' > '" + out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  nlohmann::json theirs = nlohmann::json::parse(testing::ReadFile(out));
  EXPECT_EQ(theirs["gold_words"].get<size_t>(), ours["tokens"]["gold"].get<size_t>());
  EXPECT_EQ(theirs["system_words"].get<size_t>(), ours["tokens"]["system"].get<size_t>());
  EXPECT_NEAR(theirs["Tokens"].get<double>(), ours["tokens"]["f1"].get<double>(), 0.006);
  EXPECT_NEAR(theirs["Sentences"].get<double>(), ours["sentences"]["f1"].get<double>(), 0.006);
}

}  // namespace
}  // namespace kroniek
