// End-to-end: `kroniek train parser` on the small fixtures (with a tagger's predicted tags and
// jackknifing), `kroniek model info`, `kroniek eval ud` (UAS, LAS, CLAS) and
// `kroniek analyze --format conllu` with heads and relations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace kroniek {
namespace {

using testing::RunKroniek;

class TrainParserCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(::testing::TempDir() + "/kroniek_train_parser_cli_" +
                           std::to_string(::getpid()));
    std::filesystem::create_directories(*dir_);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(*dir_, ec);
    delete dir_;
  }
  static std::string Tiny() { return testing::SourceDir() + "/src/tag/testdata/tiny.conllu"; }
  static std::string NonProj() {
    return testing::SourceDir() + "/src/parse/testdata/nonprojective.conllu";
  }
  static std::string* dir_;
};
std::string* TrainParserCliTest::dir_ = nullptr;

// The value of a metric column ("UAS", column 4 = F1) in `kroniek eval ud` output.
double Metric(const std::string& table, const std::string& name) {
  std::istringstream in(table);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " ", 0) != 0) continue;
    std::istringstream ls(line);
    std::string cell;
    std::vector<std::string> cells;
    while (std::getline(ls, cell, '|')) cells.push_back(cell);
    if (cells.size() >= 4) return std::stod(cells[3]);
  }
  return -1;
}

TEST_F(TrainParserCliTest, TrainInfoEvalAnalyze) {
  const std::string d = *dir_;
  auto t = RunKroniek("train tagger --train '" + Tiny() + "' --train '" + NonProj() + "' -o '" + d +
                      "/tagger.kmodel' --epochs 6");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  // Training tags predicted by the tagger (which has seen these sentences).
  auto p = RunKroniek("train parser --train '" + Tiny() + "' --train '" + NonProj() + "' --dev '" +
                      Tiny() + "' --tagger '" + d + "/tagger.kmodel' --epochs 10 --seed 4 -o '" +
                      d + "/parser.kmodel'");
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_NE(p.err.find("epoch 10"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("tiny UAS"), std::string::npos) << p.err;
  // Jackknifed training tags (each fold tagged by a tagger that has not seen it).
  auto j = RunKroniek("train parser --train '" + Tiny() + "' --train '" + NonProj() +
                      "' --tagger '" + d + "/tagger.kmodel' --jackknife 2 --tagger-epochs 3 " +
                      "--threads 2 --epochs 2 -o '" + d + "/parser-jk.kmodel'");
  ASSERT_EQ(j.exit_code, 0) << j.err;

  auto info = RunKroniek("model info '" + d + "/parser.kmodel'");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("stage: parser"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("feature set: parser.v2"), std::string::npos);
  EXPECT_NE(info.out.find("data: tagger:"), std::string::npos);
  EXPECT_NE(info.out.find("note: train tags predicted by the --tagger model"), std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("score: tiny.LAS"), std::string::npos);
  EXPECT_NE(info.out.find("section: PLAB"), std::string::npos);
  auto jinfo = RunKroniek("model info '" + d + "/parser-jk.kmodel'");
  ASSERT_EQ(jinfo.exit_code, 0) << jinfo.err;
  EXPECT_NE(jinfo.out.find("note: train tags jackknifed: 2 folds"), std::string::npos) << jinfo.out;

  // Tri-training: raw sentences the two parsers above parse alike join the training data.
  {
    std::ofstream raw(d + "/raw.txt");
    raw << "De minister heeft de brief gisteren ondertekend .\n"
        << "Het boek dat ik las was erg mooi .\n"
        << "Kort .\n"
        << "Wij gaan morgen met de trein naar Utrecht en eten daar .\n";
  }
  auto tri = RunKroniek("train parser --train '" + Tiny() + "' --train '" + NonProj() +
                        "' --tagger '" + d + "/tagger.kmodel' --epochs 2 --auto-text '" + d +
                        "/raw.txt' --auto-parser '" + d + "/parser.kmodel' --auto-parser '" + d +
                        "/parser.kmodel' --auto-min-words 3 -o '" + d + "/parser-tri.kmodel'");
  ASSERT_EQ(tri.exit_code, 0) << tri.err;
  // The same parser twice agrees with itself on the three sentences of 3 words or more.
  EXPECT_NE(tri.err.find("the parsers agree on 3 of 3 raw sentences; 3 ("), std::string::npos)
      << tri.err;
  auto tinfo = RunKroniek("model info '" + d + "/parser-tri.kmodel'");
  ASSERT_EQ(tinfo.exit_code, 0) << tinfo.err;
  EXPECT_NE(tinfo.out.find("note: tri-training 3 raw sentences"), std::string::npos) << tinfo.out;
  EXPECT_NE(tinfo.out.find("data: auto-text:"), std::string::npos) << tinfo.out;
  // The older feature set on request.
  auto v1 = RunKroniek("train parser --train '" + Tiny() + "' --epochs 1 --feature-set 1 -o '" + d +
                       "/parser-v1.kmodel'");
  ASSERT_EQ(v1.exit_code, 0) << v1.err;
  auto v1info = RunKroniek("model info '" + d + "/parser-v1.kmodel'");
  EXPECT_NE(v1info.out.find("feature set: parser.v1"), std::string::npos) << v1info.out;

  // The pipeline now runs tagger, parser; on the sentences it learnt from it is nearly perfect.
  auto ev = RunKroniek("eval ud --pretokenized --gold '" + NonProj() + "' --models '" + d + "'");
  ASSERT_EQ(ev.exit_code, 0) << ev.err;
  EXPECT_GT(Metric(ev.out, "UAS"), 90.0) << ev.out;
  EXPECT_GT(Metric(ev.out, "LAS"), 85.0) << ev.out;
  EXPECT_GT(Metric(ev.out, "CLAS"), 80.0) << ev.out;

  auto an =
      RunKroniek("analyze --pretokenized --format conllu --models '" + d + "' '" + NonProj() + "'");
  ASSERT_EQ(an.exit_code, 0) << an.err;
  // Heads and relations are filled: the passive agent and the particle.
  EXPECT_NE(an.out.find("\t7\tobl:agent\t"), std::string::npos) << an.out;
  EXPECT_NE(an.out.find("\t4\tcompound:prt\t"), std::string::npos) << an.out;
  EXPECT_EQ(an.out.find("\t_\t_\t_\t_\n"), std::string::npos) << an.out;  // no empty HEAD

  // Raw text: tokenizer, tagger, parser.
  auto raw = RunKroniek("analyze --format conllu --models '" + d + "' -",
                        "De brief werd door de minister ondertekend.\n");
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_NE(raw.out.find("\t0\troot\t"), std::string::npos) << raw.out;
}

TEST_F(TrainParserCliTest, ErrorsAreReported) {
  const std::string d = *dir_;
  auto bad_folds =
      RunKroniek("train parser --train '" + Tiny() + "' --jackknife 1 -o '" + d + "/x.kmodel'");
  EXPECT_EQ(bad_folds.exit_code, 2) << bad_folds.err;
  auto no_tagger = RunKroniek("train parser --train '" + Tiny() + "' --tagger '" + d +
                              "/none.kmodel' -o '" + d + "/x.kmodel'");
  EXPECT_EQ(no_tagger.exit_code, 1);
  EXPECT_NE(no_tagger.err.find("[E201]"), std::string::npos) << no_tagger.err;
  // Tri-training needs raw text, a tagger and at least two voting parsers.
  auto one_voter = RunKroniek("train parser --train '" + Tiny() + "' --auto-text '" + Tiny() +
                              "' --auto-parser '" + d + "/p.kmodel' -o '" + d + "/x.kmodel'");
  EXPECT_EQ(one_voter.exit_code, 2) << one_voter.err;
  EXPECT_NE(one_voter.err.find("tri-training needs"), std::string::npos) << one_voter.err;
  auto bad_set =
      RunKroniek("train parser --train '" + Tiny() + "' --feature-set 3 -o '" + d + "/x.kmodel'");
  EXPECT_EQ(bad_set.exit_code, 2) << bad_set.err;
}

}  // namespace
}  // namespace kroniek
