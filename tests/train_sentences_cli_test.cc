// kroniek train sentences and the model it writes, end to end through the CLI; and the accuracy
// of the compiled-in sentence model on the UD dev files (when ../shared is present).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

namespace kroniek {
namespace {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kroniek_trainsent_XXXXXX";
    const char* d = mkdtemp(tmpl);
    path_ = d ? d : "/tmp";
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Fixture(const std::string& name) {
  return "'" + testing::SourceDir() + "/tests/data/sentences/" + name + "'";
}

double SentencesF1(const std::string& json) {
  return nlohmann::json::parse(json)["sentences"]["f1"].get<double>();
}

TEST(TrainSentencesCliTest, TrainsAModelThatEvalUses) {
  TempDir dir;
  const std::string model = dir.path() + "/s.kmodel";
  auto r = testing::RunKroniek("train sentences --train-lines " + Fixture("train.txt") + " --dev " +
                               Fixture("dev.conllu") + " --epochs 4 -o '" + model + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(model));
  EXPECT_NE(r.err.find("epoch 4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("with the rules only"), std::string::npos) << r.err;
  auto rules = testing::RunKroniek("eval tokenize --format json --sentence-model none --gold " +
                                   Fixture("dev.conllu"));
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  auto learned = testing::RunKroniek("eval tokenize --format json --sentence-model '" + model +
                                     "' --gold " + Fixture("dev.conllu"));
  ASSERT_EQ(learned.exit_code, 0) << learned.err;
  EXPECT_LT(SentencesF1(rules.out), 60.0);
  EXPECT_GT(SentencesF1(learned.out), 90.0);
  // The model file records how it was made.
  EXPECT_NE(testing::ReadFile(model).find("train sentences"), std::string::npos);
}

TEST(TrainSentencesCliTest, ReportsUsageAndInputErrors) {
  TempDir dir;
  const std::string out = " -o '" + dir.path() + "/x.kmodel'";
  EXPECT_EQ(testing::RunKroniek("train sentences" + out).exit_code, 2);
  EXPECT_EQ(testing::RunKroniek("train sentences --train-lines " + Fixture("train.txt")).exit_code,
            2);
  EXPECT_EQ(testing::RunKroniek("train sentences --learner svm --train-lines " +
                                Fixture("train.txt") + out)
                .exit_code,
            2);
  auto missing =
      testing::RunKroniek("train sentences --train '" + dir.path() + "/no.conllu'" + out);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("E108"), std::string::npos) << missing.err;
  auto bad_model = testing::RunKroniek("eval tokenize --sentence-model '" + dir.path() +
                                       "/no.kmodel' --gold " + Fixture("dev.conllu"));
  EXPECT_EQ(bad_model.exit_code, 1);
  EXPECT_NE(bad_model.err.find("E201"), std::string::npos) << bad_model.err;
}

// The compiled-in model on the UD dev files (models/MODELS.md): a regression guard, a little
// below the figures measured when it was trained.
TEST(TrainSentencesCliTest, CompiledInModelKeepsItsDevScores) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  const std::string data = testing::SharedDir() + "/data/";
  struct Case {
    const char* file;
    double min_sentences;
  } cases[] = {{"ud-nl-alpino/nl_alpino-ud-dev.conllu", 99.0},
               {"ud-nl-lassysmall/nl_lassysmall-ud-dev.conllu", 92.0}};
  for (const Case& c : cases) {
    auto r = testing::RunKroniek("eval tokenize --sentence-model builtin --format json --gold '" +
                                 data + c.file + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_GE(j["sentences"]["f1"].get<double>(), c.min_sentences) << c.file;
    EXPECT_GE(j["tokens"]["f1"].get<double>(), 99.5) << c.file;
  }
}

}  // namespace
}  // namespace kroniek
