// End-to-end: `kroniek train tagger|lemmatizer` on the tiny fixture, `kroniek model info`,
// `kroniek eval ud` and `kroniek analyze --format conllu` with the models it trained.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"

namespace kroniek {
namespace {

using testing::RunKroniek;

class TrainCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new std::string(::testing::TempDir() + "/kroniek_train_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(*dir_);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(*dir_, ec);
    delete dir_;
  }
  static std::string Fixture() { return testing::SourceDir() + "/src/tag/testdata/tiny.conllu"; }
  static std::string* dir_;
};
std::string* TrainCliTest::dir_ = nullptr;

TEST_F(TrainCliTest, TrainInfoEvalAnalyze) {
  const std::string d = *dir_;
  auto t = RunKroniek("train tagger --train '" + Fixture() + "' --dev '" + Fixture() + "' -o '" +
                      d + "/tagger.kmodel' --epochs 4 --seed 2");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.err.find("epoch 4"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("tiny UPOS"), std::string::npos) << t.err;
  auto l =
      RunKroniek("train lemmatizer --train '" + Fixture() + "' -o '" + d + "/lemmatizer.kmodel'");
  ASSERT_EQ(l.exit_code, 0) << l.err;

  auto info = RunKroniek("model info '" + d + "/tagger.kmodel'");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("stage: tagger"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("feature set: tagger.v1"), std::string::npos);
  EXPECT_NE(info.out.find("seed: 2"), std::string::npos);
  EXPECT_NE(info.out.find("command: kroniek train tagger"), std::string::npos);
  EXPECT_NE(info.out.find("data: train:"), std::string::npos);
  EXPECT_NE(info.out.find("score: tiny.UPOS"), std::string::npos);
  EXPECT_NE(info.out.find("section: LINM"), std::string::npos);

  auto ev = RunKroniek("eval ud --pretokenized --gold '" + Fixture() + "' --models '" + d + "'");
  ASSERT_EQ(ev.exit_code, 0) << ev.err;
  EXPECT_NE(ev.out.find("UPOS       |    100.00"), std::string::npos) << ev.out;
  EXPECT_NE(ev.out.find("Lemmas"), std::string::npos);

  auto an =
      RunKroniek("analyze --pretokenized --format conllu --models '" + d + "' '" + Fixture() + "'");
  ASSERT_EQ(an.exit_code, 0) << an.err;
  // Columns 3-6 are filled: lemma, UPOS, XPOS, feats.
  EXPECT_NE(an.out.find("\tstudenten\tstudent\tNOUN\tN|soort|mv|basis\tNumber=Plur\t"),
            std::string::npos)
      << an.out.substr(0, 600);

  // Raw text through the tokenizer, tagger and lemmatizer.
  auto raw = RunKroniek("analyze --format conllu --models '" + d + "' -",
                        "De studenten zoeken een kamer .\n");
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_NE(raw.out.find("\tstudenten\tstudent\tNOUN\t"), std::string::npos) << raw.out;
}

TEST_F(TrainCliTest, ErrorsAreReported) {
  const std::string d = *dir_;
  auto missing = RunKroniek("train tagger --train /nonexistent.conllu -o '" + d + "/x.kmodel'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("[E108]"), std::string::npos) << missing.err;
  auto notmodel = RunKroniek("model info '" + Fixture() + "'");
  EXPECT_EQ(notmodel.exit_code, 1);
  EXPECT_NE(notmodel.err.find("[E202]"), std::string::npos) << notmodel.err;
  auto usage = RunKroniek("train tagger --train '" + Fixture() + "'");
  EXPECT_EQ(usage.exit_code, 2);
  // A missing model makes analyze warn and skip the stage, not fail.
  auto skip = RunKroniek("analyze --format conllu --models '" + d + "/empty' -", "Een zin .\n");
  EXPECT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_NE(skip.err.find("tagger skipped"), std::string::npos) << skip.err;
}

}  // namespace
}  // namespace kroniek
