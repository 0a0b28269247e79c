#include "learn/model_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/linear_model.h"

namespace kroniek::learn {
namespace {

std::string SampleModel() {
  ModelWriter w("tagger", "tagger.v1");
  w.provenance().command = "kroniek train tagger --train a.conllu -o m.kmodel";
  w.provenance().created = "2026-01-01T00:00:00Z";
  w.provenance().seed = 7;
  w.provenance().data.emplace_back("train:a.conllu", "xxh128:00");
  w.provenance().scores.emplace_back("dev.UPOS", 96.5);
  w.provenance().notes.emplace_back("lexicon", "frogdata 0.18");
  w.AddSection("SMAL", "tiny");
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "repetitive section content ";
  w.AddSection("BIGS", big);
  return w.Serialize();
}

TEST(ModelFileTest, RoundTripKeepsHeaderAndSections) {
  std::string bytes = SampleModel();
  auto r = ModelReader::Parse(bytes, "tagger", "m.kmodel");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ModelInfo& info = r->info();
  EXPECT_EQ(info.format_version, kModelFormatVersion);
  EXPECT_EQ(info.stage, "tagger");
  EXPECT_EQ(info.feature_set, "tagger.v1");
  EXPECT_EQ(info.provenance.seed, 7u);
  EXPECT_EQ(info.provenance.command, "kroniek train tagger --train a.conllu -o m.kmodel");
  ASSERT_EQ(info.provenance.scores.size(), 1u);
  EXPECT_DOUBLE_EQ(info.provenance.scores[0].second, 96.5);
  EXPECT_EQ(info.provenance.notes[0].second, "frogdata 0.18");
  EXPECT_EQ(r->Section("SMAL").value(), "tiny");
  ASSERT_TRUE(r->Section("BIGS").has_value());
  EXPECT_EQ(r->Section("BIGS")->size(), 2000u * 27u);
  ASSERT_EQ(info.sections.size(), 2u);
  EXPECT_FALSE(info.sections[0].compressed);
  EXPECT_TRUE(info.sections[1].compressed);  // zstd pays for repetitive content
  EXPECT_LT(bytes.size(), 2000u);
  EXPECT_FALSE(r->Section("NONE").has_value());
  auto missing = r->Require("NONE");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error_id(), 204);
}

TEST(ModelFileTest, WrongStageIsRefused) {
  auto r = ModelReader::Parse(SampleModel(), "parser", "m.kmodel");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelWrongStage));
  EXPECT_NE(r.status().message().find("tagger"), std::string::npos);
}

TEST(ModelFileTest, NotAModelIsRefused) {
  auto r = ModelReader::Parse("hello world, this is text", "", "x.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelBadMagic));
}

TEST(ModelFileTest, NewerFormatIsRefusedNamingBothVersions) {
  std::string bytes = SampleModel();
  // The format version follows the magic; make it one newer than this kroniek reads.
  bytes[8] = static_cast<char>(kModelFormatVersion + 1);
  auto r = ModelReader::Parse(bytes, "", "m.kmodel");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelVersion));
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  const std::string msg = r.status().message();
  EXPECT_NE(msg.find("format version " + std::to_string(kModelFormatVersion + 1)),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("written by kroniek 0."), std::string::npos) << msg;
  EXPECT_NE(msg.find("is not supported by kroniek"), std::string::npos) << msg;
}

TEST(ModelFileTest, EveryTruncationIsAnError) {
  std::string bytes = SampleModel();
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = ModelReader::Parse(std::string_view(bytes).substr(0, n), "", "m.kmodel");
    ASSERT_FALSE(r.ok()) << "truncated to " << n << " bytes";
    int id = r.status().error_id();
    EXPECT_TRUE(id == 202 || id == 204) << n << ": " << r.status().ToString();
  }
  // Appended bytes are damage too.
  EXPECT_FALSE(ModelReader::Parse(bytes + "x", "", "m.kmodel").ok());
}

TEST(ModelFileTest, EveryFlippedByteIsAnError) {
  std::string bytes = SampleModel();
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<uint8_t>(bad[i]) ^ mask);
      auto r = ModelReader::Parse(bad, "", "m.kmodel");
      ASSERT_FALSE(r.ok()) << "byte " << i << " ^ " << int(mask);
      int id = r.status().error_id();
      EXPECT_TRUE(id >= 202 && id <= 204) << i << ": " << r.status().ToString();
    }
  }
}

TEST(ModelFileTest, FormatVersion1IsStillRead) {
  ModelWriter w("tagger", "tagger.v1");
  w.set_format_version(1);
  w.AddSection("SMAL", "tiny");
  w.AddSection("RAWS", std::string(100, 'x'), SectionCodec::kStored);
  std::string bytes = w.Serialize();
  auto r = ModelReader::Parse(bytes, "tagger", "m.kmodel");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->info().format_version, 1u);
  EXPECT_EQ(r->Section("SMAL").value(), "tiny");
  EXPECT_EQ(r->Section("RAWS").value(), std::string(100, 'x'));
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    EXPECT_FALSE(ModelReader::Parse(bad, "", "m.kmodel").ok()) << i;
  }
}

TEST(ModelFileTest, StoredSectionsAreAlignedAndKeptAlive) {
  ModelWriter w("tagger", "tagger.v1");
  w.AddSection("ODD1", "abc");
  w.AddSection("RAWS", std::string(1000, 'y'), SectionCodec::kStored);
  std::string bytes = w.Serialize();
  std::string_view raws;
  std::shared_ptr<const void> owner;
  {
    auto r = ModelReader::Parse(bytes, "tagger", "m.kmodel");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->info().sections[1].compressed);  // kStored, though it compresses well
    raws = *r->Section("RAWS");
    EXPECT_EQ(reinterpret_cast<uintptr_t>(raws.data()) % 16, 0u);
    owner = r->owner();
  }
  bytes.assign(bytes.size(), '\0');         // the reader copied what it was given
  EXPECT_EQ(raws, std::string(1000, 'y'));  // alive through the owner
}

TEST(ModelFileTest, MissingFileIsNotFound) {
  auto r = ModelReader::Open("/nonexistent/dir/tagger.kmodel", "tagger");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), static_cast<int>(ErrorId::kModelNotFound));
}

TEST(ModelFileTest, WriteFileAndOpen) {
  std::string path = std::filesystem::temp_directory_path() / "kroniek_model_file_test.kmodel";
  ModelWriter w("lemmatizer", "lemmatizer.v1");
  w.AddSection("DATA", "abc");
  ASSERT_TRUE(w.WriteFile(path).ok());
  auto r = ModelReader::Open(path, "lemmatizer");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Section("DATA").value(), "abc");
  auto d = FileDigest(path);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->rfind("xxh128:", 0), 0u);
  EXPECT_EQ(d->size(), 7u + 32u);
  std::filesystem::remove(path);
  ModelWriter dup("x", "x.v1");
  dup.AddSection("SAME", "1");
  dup.AddSection("SAME", "2");
  EXPECT_FALSE(dup.WriteFile(path).ok());
}

TEST(BytesTest, ReaderIsBoundsChecked) {
  ByteWriter w;
  w.U32(0xdeadbeef);
  w.Var(300);
  w.Str("hallo");
  w.F32(1.5f);
  ByteReader r(w.data());
  EXPECT_EQ(r.U32(), 0xdeadbeefu);
  EXPECT_EQ(r.Var(), 300u);
  EXPECT_EQ(r.Str(), "hallo");
  EXPECT_EQ(r.F32(), 1.5f);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.AtEnd());
  EXPECT_EQ(r.U8(), 0u);
  EXPECT_FALSE(r.ok());
  // A length prefix larger than the data fails instead of reading past the end.
  ByteWriter big;
  big.Var(1u << 30);
  big.Raw("abc");
  ByteReader r2(big.data());
  EXPECT_TRUE(r2.Str().empty());
  EXPECT_FALSE(r2.ok());
  ByteReader r3(big.data());
  r3.Count(1);
  EXPECT_FALSE(r3.ok());
}

}  // namespace
}  // namespace kroniek::learn
