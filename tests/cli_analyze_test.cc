// End-to-end tests of `kroniek analyze`: formats in and out, bad input, exit status, -o.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

namespace kroniek {
namespace {

using testing::CommandResult;
using testing::RunKroniek;
namespace fs = std::filesystem;
using namespace std::string_literals;

// A temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kroniek_cli_XXXXXX";
    const char* d = mkdtemp(tmpl);
    path_ = d ? d : "";
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Writes `content` to `name` in the directory; returns its path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = path_ + "/" + name;
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The JSON objects on the lines of `out`.
std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  }
  return v;
}

std::vector<std::string> Ids(const std::string& out) {
  std::vector<std::string> ids;
  for (const auto& j : JsonLines(out)) ids.push_back(j["id"]);
  return ids;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(CliAnalyzeTest, HelpAndVersionGoToStdout) {
  CommandResult r = RunKroniek("analyze --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--pretokenized"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--max-doc-bytes"), std::string::npos);
  EXPECT_TRUE(r.err.empty());
  r = RunKroniek("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("kroniek ", 0), 0u);
  r = RunKroniek("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("analyze"), std::string::npos);
}

TEST(CliAnalyzeTest, UsageErrorsExitTwo) {
  for (const char* args : {"analyze --format xml -", "analyze --date gisteren -",
                           "analyze --max-doc-bytes 10Q -", "analyze --max-doc-bytes 0 -",
                           "analyze --input-format pdf -", "analyze --no-such-flag -"}) {
    CommandResult r = RunKroniek(args, "De top.");
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("error:"), std::string::npos) << args;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(CliAnalyzeTest, TextOnStandardInputBecomesJsonLines) {
  CommandResult r = RunKroniek("analyze", " date 2022-03 Alle leiders zijn bijeen.");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "doc-1");
  EXPECT_EQ(docs[0]["meta"]["date"], "2022-03");
  EXPECT_EQ(docs[0]["text"], "Alle leiders zijn bijeen.");
  EXPECT_EQ(docs[0]["schema"], "kroniek/1");
  EXPECT_TRUE(docs[0]["tokens"].is_array());
}

TEST(CliAnalyzeTest, SeedArticleKeepsItsDateAndText) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  std::ifstream in(testing::SharedDir() + "/gold-dev/seed.json");
  nlohmann::json gold = nlohmann::json::parse(in);
  TempDir dir;
  std::string path = dir.Write("seed.txt", " date 2022-03 " + gold["text"].get<std::string>());
  CommandResult r = RunKroniek("analyze --format jsonl '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "seed");
  EXPECT_EQ(docs[0]["meta"]["date"], "2022-03");
  std::string text = docs[0]["text"];
  EXPECT_EQ(text.rfind("Alle leiders", 0), 0u);
  EXPECT_EQ(text, gold["text"].get<std::string>());
}

// Every bad-input case of shared/spec/input-formats.md, in a JSON Lines batch on stdin: each is
// named with its line and error id, skipped, and the good records around it come out.
TEST(CliAnalyzeTest, BadJsonLinesRecordsAreReportedAndSkipped) {
  const std::string good = "{\"id\":\"ok\",\"text\":\"Goed.\"}\n";
  struct Case {
    std::string line;
    const char* id;
  } cases[] = {
      {"{\"text\":\"caf\xE9\"}", "E101"},
      {"{\"text\":\"kapot\"", "E102"},
      {"{\"title\":\"geen tekst\"}", "E103"},
      {"{\"text\":\"x\",\"date\":\"morgen\"}", "E104"},
      {"{\"text\":\"   \"}", "E105"},
      {"{\"text\":\"a\\u0000b\"}", "E106"},
      {"{\"text\":\"" + std::string(2000, 'a') + "\"}", "E107"},
      {"{\"text\":\"x\",\"title\":3}", "E111"},
  };
  for (const Case& c : cases) {
    CommandResult r = RunKroniek("analyze --max-doc-bytes 1k -", good + c.line + "\n" + good);
    EXPECT_EQ(r.exit_code, 3) << c.id << "\n" << r.err;
    EXPECT_NE(r.err.find("kroniek analyze: error: -:2: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[" + std::string(c.id) + "]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("2 document(s) written, 1 skipped"), std::string::npos) << r.err;
    EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"ok", "ok"})) << c.id;
  }
}

TEST(CliAnalyzeTest, LenientRepairsInvalidUtf8WithAWarning) {
  CommandResult r = RunKroniek("analyze --lenient -", "{\"text\":\"caf\xE9 au lait\"}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: -:1: replaced 1 invalid UTF-8"), std::string::npos) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["text"], "caf\xEF\xBF\xBD au lait");
}

TEST(CliAnalyzeTest, BadArticleFilesInADirectory) {
  TempDir dir;
  dir.Write("a-goed.txt", "date 2022-03-24\n\nDe top begint.");
  dir.Write("b-datum.txt", "title Iets\ndate 24-03-2022\n\nDe top.");
  dir.Write("c-leeg.txt", "date 2022-03\ntitle Leeg\n\n   \n");
  dir.Write("d-nul.txt", "De top\0 begint."s);
  dir.Write("e-latin1.txt", "De top in Li\xE8ge.");
  dir.Write("f-groot.txt", "De top " + std::string(3000, 'x'));
  dir.Write("g-batch.jsonl", "{\"text\":\"Een.\"}\n{\"text\":\"Twee.\"}\n");
  dir.Write(".verborgen.txt", "Niet lezen.");
  dir.Write(".git/HEAD", "ref: refs/heads/main");
  dir.Write("sub/h-dieper.txt", "Ook gelezen.");
  CommandResult r = RunKroniek("analyze --max-doc-bytes 2k '" + dir.path() + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"a-goed", "g-batch-1", "g-batch-2", "h-dieper"}));
  EXPECT_NE(r.err.find("b-datum.txt:2: date '24-03-2022' is not a date"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("c-leeg.txt:2: empty body"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("d-nul.txt:1: NUL byte"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("e-latin1.txt:1: invalid UTF-8 (byte 0xE8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("f-groot.txt:1:"), std::string::npos) << r.err;
  for (const char* id : {"[E104]", "[E105]", "[E106]", "[E101]", "[E107]"}) {
    EXPECT_EQ(Count(r.err, id), 1u) << id << "\n" << r.err;
  }
  EXPECT_EQ(r.err.find("verborgen"), std::string::npos);
  EXPECT_NE(r.err.find("4 document(s) written, 5 skipped"), std::string::npos) << r.err;
}

TEST(CliAnalyzeTest, AMissingInputIsSkipped) {
  TempDir dir;
  std::string a = dir.Write("a.txt", "De top.");
  CommandResult r = RunKroniek("analyze '" + dir.path() + "/nope.txt' '" + a + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("nope.txt: no such file or directory [E108]"), std::string::npos) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"a"}));
}

TEST(CliAnalyzeTest, BadCoNLLLinesNameTheirLine) {
  CommandResult r = RunKroniek("analyze --input-format conll2002 --pretokenized -",
                               "-DOCSTART- -DOCSTART- O\nEen Art O\n\nTwee Num\n\nDrie Num O\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("error: -:4: a CoNLL-2002 line needs word, POS and tag columns"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("[E110]"), std::string::npos);
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["text"], "Een\nDrie");
  r = RunKroniek("analyze --input-format conllu -", "1\tEen\t_\t_\t_\t_\t_\t_\t_\n\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("error: -:1: a word line needs 10 tab-separated columns"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("[E109]"), std::string::npos);
}

TEST(CliAnalyzeTest, StandardInputFormatIsSniffed) {
  CommandResult r = RunKroniek("analyze -", "-DOCSTART- -DOCSTART- O\nEen Art O\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"doc-1"}));
  r = RunKroniek("analyze -", "# sent_id = s1\n1\tEen\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"doc"}));
  r = RunKroniek("analyze -", "\n  {\"id\":\"j\",\"text\":\"Een.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"j"}));
}

TEST(CliAnalyzeTest, ConlluRoundTripKeepsTokensAndSentences) {
  const std::string in =
      "# newdoc id = d1\n# sent_id = s1\n# text = Rutte zei: ja.\n"
      "1\tRutte\tgold_lemma\tPROPN\t_\t_\t2\tgold_rel\t_\t_\n"
      "2\tzei\tgold_lemma\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3\t:\tgold_lemma\tPUNCT\t_\t_\t2\tgold_rel\t_\t_\n"
      "4\tja\tgold_lemma\tINTJ\t_\t_\t2\tgold_rel\t_\tSpaceAfter=No\n"
      "5\t.\tgold_lemma\tPUNCT\t_\t_\t2\tgold_rel\t_\t_\n\n"
      "# sent_id = s2\n# text = Goed zo!\n"
      "1\tGoed zo\tgold_lemma\tADJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
      "2\t!\tgold_lemma\tPUNCT\t_\t_\t1\tgold_rel\t_\t_\n\n";
  TempDir dir;
  std::string path = dir.Write("gold.conllu", in);
  CommandResult r = RunKroniek("analyze --pretokenized --format conllu '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = testing::ReadAll(r.out, "out.conllu", InputFormat::kConllu);
  auto gold = testing::ReadAll(in, "gold.conllu", InputFormat::kConllu);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(gold.size(), 1u);
  EXPECT_EQ(docs[0].id, "d1");
  EXPECT_EQ(docs[0].text, gold[0].text);
  EXPECT_EQ(docs[0].tokens, gold[0].tokens);
  EXPECT_EQ(docs[0].space_after, gold[0].space_after);
  ASSERT_EQ(docs[0].sentences.size(), 2u);
  EXPECT_EQ(docs[0].sentences[1].id, "s2");
  EXPECT_EQ(docs[0].sentences[1].token_begin, 5u);
  EXPECT_NE(r.out.find("# text = Rutte zei: ja.\n"), std::string::npos) << r.out;
  // The gold columns are not passed off as analysis (what is there comes from kroniek's models).
  EXPECT_EQ(r.out.find("gold_lemma"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("gold_rel"), std::string::npos) << r.out;
  // Without --pretokenized the text is tokenised again: the two-word token "Goed zo" is gone.
  r = RunKroniek("analyze --format conllu '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\tGoed zo\t"), std::string::npos) << r.out;
}

TEST(CliAnalyzeTest, Conll2002RoundTripKeepsDocumentsAndTokens) {
  const std::string in =
      "-DOCSTART- -DOCSTART- O\nJan N B-PER\nPeeters N I-PER\nwint V O\n. Punc O\n\n"
      "Gent N B-LOC\n\n"
      "-DOCSTART- -DOCSTART- O\nDe Art O\nMorgen N B-ORG\n\n";
  TempDir dir;
  std::string path = dir.Write("ner.conll2002", in);
  CommandResult r = RunKroniek("analyze --pretokenized --format conll2002 '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Same documents, sentences, words and POS, line for line; the tag column is kroniek's own
  // (whatever the NER model predicts), an O, B-X or I-X on every token line.
  auto without_tags = [](const std::string& text) {
    std::string out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      size_t sp = line.rfind(' ');
      if (sp != std::string::npos) {
        std::string tag = line.substr(sp + 1);
        EXPECT_TRUE(tag == "O" || tag.rfind("B-", 0) == 0 || tag.rfind("I-", 0) == 0) << line;
      }
      out += (sp == std::string::npos ? line : line.substr(0, sp)) + "\n";
    }
    return out;
  };
  EXPECT_EQ(without_tags(r.out), without_tags(in));
  EXPECT_EQ(Count(r.out, "-DOCSTART- -DOCSTART- O\n"), 2u);
}

TEST(CliAnalyzeTest, Conll2002SharedDevRoundTrip) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  std::string path = testing::SharedDir() + "/data/conll2002-nl/dev.txt";
  CommandResult r = RunKroniek("analyze --pretokenized --format conll2002 '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string in = testing::ReadFile(path);
  EXPECT_EQ(Count(r.out, "-DOCSTART-"), Count(in, "-DOCSTART-"));
  EXPECT_EQ(Count(r.out, "\n"), Count(in, "\n"));
  EXPECT_EQ(Count(r.out, "\n\n"), Count(in, "\n\n"));
}

TEST(CliAnalyzeTest, OutputFileIsWrittenWhole) {
  TempDir dir;
  std::string a = dir.Write("in/a.jsonl", "{\"id\":\"a\",\"text\":\"Een.\"}\nkapot\n");
  std::string out = dir.path() + "/out/result.jsonl";
  fs::create_directories(dir.path() + "/out");
  CommandResult r = RunKroniek("analyze -o '" + out + "' '" + a + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(Ids(testing::ReadFile(out)), (std::vector<std::string>{"a"}));
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path() + "/out")) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);  // no temporary file left behind
  // The format follows the extension.
  std::string conllu = dir.path() + "/out/result.conllu";
  r = RunKroniek("analyze -o '" + conllu + "' -", "Een twee.");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(testing::ReadFile(conllu).rfind("# newdoc id = doc-1\n", 0), 0u);
  r = RunKroniek("analyze -o '" + dir.path() + "/geen/map/x.jsonl' -", "Een.");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[E502]"), std::string::npos) << r.err;
}

TEST(CliAnalyzeTest, JsonIsPrettyForOneDocumentAndLinesForMore) {
  CommandResult r = RunKroniek("analyze --format json -", "De top.");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(Count(r.out, "\n"), 5u);
  EXPECT_EQ(nlohmann::json::parse(r.out)["text"], "De top.");
  r = RunKroniek("analyze --format json -", "{\"text\":\"Een.\"}\n{\"text\":\"Twee.\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(r.out), (std::vector<std::string>{"doc-1", "doc-2"}));
}

TEST(CliAnalyzeTest, TheOtherFormatsAndOptions) {
  CommandResult r = RunKroniek("analyze --format text -", "title De top\n\nAlle leiders.");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("━━ doc-1 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  title         De top\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);  // not a terminal: no colours
  r = RunKroniek("analyze --format plover -", "Alle leiders.");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");  // no event without a trigger
  r = RunKroniek("analyze --date 2021-05-01 -",
                 "{\"text\":\"a\"}\n{\"text\":\"b\",\"date\":\"2020\"}");
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["meta"]["date"], "2021-05-01");
  EXPECT_EQ(docs[1]["meta"]["date"], "2020");
  r = RunKroniek("analyze --input-format plain -", "date 2022 is de body.");
  EXPECT_EQ(JsonLines(r.out)[0]["text"], "date 2022 is de body.");
  r = RunKroniek("analyze --progress -", "{\"text\":\"a b c\"}\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("kroniek analyze: 1 documents, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tokens/s"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kroniek
