// The committed models are in the current model format (version 2, sections used in place),
// and its layouts give exactly the outputs of the compact layouts of format version 1 that
// they were converted from (`kroniek model convert`).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "doc/model_convert.h"
#include "learn/model_file.h"
#include "test_util.h"

namespace kroniek {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModels[] = {"tagger", "lemmatizer", "parser", "ner"};

std::string ModelsDir() { return testing::SourceDir() + "/models"; }

bool HaveModels() {
  std::error_code ec;
  for (const char* m : kModels) {
    if (!fs::exists(ModelsDir() + "/" + m + ".kmodel", ec)) return false;
  }
  return true;
}

// A temporary directory removed at the end of the test.
struct TempDir {
  TempDir() {
    path = fs::temp_directory_path() /
           ("kroniek_layout_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

TEST(ModelLayoutTest, CommittedModelsAreMappedInPlace) {
  if (!HaveModels()) GTEST_SKIP() << "no committed models";
  for (const char* m : kModels) {
    auto r = learn::ModelReader::Open(ModelsDir() + "/" + m + ".kmodel", m);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->info().format_version, learn::kModelFormatVersion) << m;
    for (const learn::SectionInfo& s : r->info().sections) {
      std::string_view bytes = *r->Section(s.tag);
      if (s.compressed) continue;
      // Stored sections are views of the page-aligned mapping, at multiples of 64 bytes.
      EXPECT_EQ(reinterpret_cast<uintptr_t>(bytes.data()) % learn::kSectionAlign, 0u)
          << m << " " << s.tag;
    }
    // The big sections are the in-place ones: stored, not compressed (the parser's weights
    // too, since they are quantised), and the linear models are in the quantised layout.
    for (const learn::SectionInfo& s : r->info().sections) {
      if (s.tag == "LINM" || s.tag == "LIN1" || s.tag == "LIN2" || s.tag == "TLXF" ||
          s.tag == "GAZF" || s.tag == "LEMF") {
        EXPECT_FALSE(s.compressed) << m << " " << s.tag;
      }
      if (s.tag == "LINM" || s.tag == "LIN1" || s.tag == "LIN2") {
        EXPECT_EQ(r->Section(s.tag)->substr(0, 8), std::string_view("\0KLINFL2", 8))
            << m << " " << s.tag;
      }
    }
    EXPECT_LT(std::filesystem::file_size(ModelsDir() + "/" + m + ".kmodel"), 40u << 20) << m;
  }
}

TEST(ModelLayoutTest, CompactAndCurrentLayoutsGiveIdenticalOutputs) {
  if (!HaveModels()) GTEST_SKIP() << "no committed models";
  TempDir compact, again;
  ConvertOptions to_compact;
  to_compact.layout = ModelLayout::kCompact;
  to_compact.zstd_level = 1;  // (fast; the level does not change the content)
  for (const char* m : kModels) {
    const std::string committed = ModelsDir() + "/" + m + ".kmodel";
    const std::string old_path = (compact.path / (std::string(m) + ".kmodel")).string();
    const std::string new_path = (again.path / (std::string(m) + ".kmodel")).string();
    ASSERT_TRUE(ConvertModelFile(committed, old_path, to_compact).ok()) << m;
    auto old_model = learn::ModelReader::Open(old_path, m);
    ASSERT_TRUE(old_model.ok()) << old_model.status().ToString();
    EXPECT_EQ(old_model->info().format_version, 1u);  // format 1 is still read
    EXPECT_FALSE(old_model->Section("LEMF").has_value());
    // And back: the same sections, byte for byte, as the committed model.
    ASSERT_TRUE(ConvertModelFile(old_path, new_path).ok()) << m;
    auto a = learn::ModelReader::Open(committed, m);
    auto b = learn::ModelReader::Open(new_path, m);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->info().sections.size(), b->info().sections.size()) << m;
    for (const learn::SectionInfo& s : a->info().sections) {
      ASSERT_TRUE(b->Section(s.tag).has_value()) << m << " " << s.tag;
      EXPECT_TRUE(*a->Section(s.tag) == *b->Section(s.tag)) << m << " " << s.tag;
    }
  }
  // The whole pipeline on text, with the compact models and with the committed ones.
  std::string text =
      "Het kabinet wil volgend jaar 300 miljoen euro extra uitgeven aan de jeugdzorg, zei "
      "minister De Jonge dinsdag in Den Haag. \"We kunnen niet langer wachten\", aldus de "
      "minister. De oppositie vindt het bedrag te laag.\n\n"
      "In Antwerpen hebben duizenden mensen zaterdag betoogd tegen de sluiting van het "
      "ziekenhuis. De burgemeester beloofde dat hij het dossier opnieuw zou bekijken.\n";
  std::string inputs = "-";
  if (!testing::SharedDir().empty()) {
    inputs = testing::SharedDir() + "/data/ud-nl-alpino/nl_alpino-ud-dev.conllu";
  }
  auto old_run = testing::RunKroniek(
      "analyze --format jsonl --models " + compact.path.string() + " " + inputs, text);
  auto new_run =
      testing::RunKroniek("analyze --format jsonl --models " + ModelsDir() + " " + inputs, text);
  ASSERT_EQ(old_run.exit_code, 0) << old_run.err;
  ASSERT_EQ(new_run.exit_code, 0) << new_run.err;
  EXPECT_NE(new_run.out.find("\"lemma\""), std::string::npos);
  EXPECT_NE(new_run.out.find("\"deprel\""), std::string::npos);
  EXPECT_NE(new_run.out.find("\"entities\""), std::string::npos);
  EXPECT_GT(new_run.out.size(), 1000u);
  EXPECT_TRUE(old_run.out == new_run.out) << "outputs differ";
}

}  // namespace
}  // namespace kroniek
