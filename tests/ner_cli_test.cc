// End-to-end tests of the NER commands: analyze with CoNLL-2002 in and out (the scoring path),
// NER in the MISC column of CoNLL-U, the entities of the JSON, and eval ner.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "kroniek/pipeline.h"
#include "test_util.h"

namespace kroniek {
namespace {

std::string Fixture() { return testing::SourceDir() + "/src/ner/testdata/tiny.conll2002"; }

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST(NerCliTest, AnalyzeKeepsDocumentsSentencesAndTokensOfCoNLL2002) {
  auto r = testing::RunKroniek(
      "analyze --pretokenized --input-format conll2002 --format conll2002 " + Fixture());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> in = Lines(testing::ReadFile(Fixture()));
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(in.size(), out.size());
  size_t names = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i].empty() || in[i].starts_with("-DOCSTART-")) {
      EXPECT_EQ(out[i], in[i]) << "line " << i + 1;
      continue;
    }
    // Same word and POS; the last column is a tag.
    std::istringstream a(in[i]), b(out[i]);
    std::string wa, pa, ta, wb, pb, tb;
    a >> wa >> pa >> ta;
    b >> wb >> pb >> tb;
    EXPECT_EQ(wa, wb);
    EXPECT_EQ(pa, pb);
    EXPECT_TRUE(tb == "O" || tb.starts_with("B-") || tb.starts_with("I-")) << out[i];
    names += tb.starts_with("B-");
  }
  EXPECT_GT(names, 10u);
}

TEST(NerCliTest, EvalScoresAFileAgainstItselfAndThePipeline) {
  auto self = testing::RunKroniek("eval ner --json --gold " + Fixture() + " " + Fixture());
  ASSERT_EQ(self.exit_code, 0) << self.err;
  EXPECT_NE(self.out.find("\"F1\": 100.00"), std::string::npos) << self.out;
  auto run = testing::RunKroniek("eval ner --gold " + Fixture());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("overall"), std::string::npos);
  EXPECT_NE(run.out.find("MISC"), std::string::npos);
}

TEST(NerCliTest, NamesInConlluMiscAndJsonEntities) {
  const std::string in =
      "1\tJens\t_\t_\t_\t_\t_\t_\t_\t_\n2\tStoltenberg\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tsprak\t_\t_\t_\t_\t_\t_\t_\t_\n4\tin\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "5\tBrussel\t_\t_\t_\t_\t_\t_\t_\t_\n6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  auto c = testing::RunKroniek(
      "analyze --pretokenized --input-format conllu --format conllu "
      "--ner-in-misc -",
      in);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("Stoltenberg\t"), std::string::npos);
  EXPECT_NE(c.out.find("NER=B-PER"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("NER=I-PER"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("NER=B-LOC"), std::string::npos) << c.out;
  auto j = testing::RunKroniek("analyze --pretokenized --input-format conllu --format jsonl -", in);
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_NE(j.out.find("\"type\":\"PER\",\"name\":\"Jens Stoltenberg\""), std::string::npos)
      << j.out;
  EXPECT_NE(j.out.find("\"type\":\"LOC\",\"name\":\"Brussel\""), std::string::npos) << j.out;
}

TEST(NerCliTest, DefaultPipelineRunsNerAfterTheTagger) {
  PipelineOptions po;
  po.models_dir = testing::SourceDir() + "/models";
  std::vector<std::string> warnings;
  auto p = Pipeline::Default(po, &warnings);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<std::string> names = p->StageNames();
  auto ner = std::find(names.begin(), names.end(), "ner");
  ASSERT_NE(ner, names.end());
  EXPECT_LT(std::find(names.begin(), names.end(), "tagger"), ner);
  po.last_stage = "tagger";
  auto q = Pipeline::Default(po, &warnings);
  ASSERT_TRUE(q.ok());
  names = q->StageNames();
  EXPECT_EQ(std::find(names.begin(), names.end(), "ner"), names.end());
}

}  // namespace
}  // namespace kroniek
