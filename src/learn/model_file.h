// The kroniek model file: one versioned, checksummed binary container for every trained model
// (tagger, lemmatizer, and later the parser and the NER labeller). docs/formats/model-file.md
// describes the layout byte by byte.
//
// A model file says what it is (stage and feature-set name, e.g. "tagger" / "tagger.v1"), which
// kroniek and which format version wrote it, and how it was made (command line, digests of the
// data files it saw, seed, dev scores). Its payload is a list of tagged sections ("LINM",
// "LEXI", ...), each length-prefixed, checksummed and zstd-compressed when that pays; a footer
// holds the total length and a checksum of everything before it.
//
// Reading is defensive: every read is bounds-checked, every byte must be accounted for, and a
// damaged, truncated, foreign or too-new file gives a Status with an E2xx id, never a crash.
//
//   ModelWriter w("tagger", "tagger.v1");
//   w.provenance().command = "kroniek train tagger ...";
//   w.AddSection("LINM", bytes);
//   KRONIEK_RETURN_IF_ERROR(w.WriteFile("models/tagger.kmodel"));
//
//   auto r = ModelReader::Open("models/tagger.kmodel", "tagger");
//   if (!r.ok()) return r.status();
//   auto linm = r->Require("LINM");
#ifndef KRONIEK_LEARN_MODEL_FILE_H_
#define KRONIEK_LEARN_MODEL_FILE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::learn {

// The format version this kroniek writes and the newest it reads (it reads 1 and 2).
// Version 2 aligns every section's bytes to 64 bytes in the file, so that a section stored
// uncompressed can be used in place from a memory-mapped file.
inline constexpr uint32_t kModelFormatVersion = 2;
// Sections start at file offsets that are multiples of this (format version 2).
inline constexpr uint64_t kSectionAlign = 64;

// How ModelWriter stores a section.
enum class SectionCodec {
  kAuto,    // zstd when that saves at least 5 %, else stored
  kStored,  // always stored as is: a section a stage uses in place (memory-mapped, zero copy)
};
// The 8 bytes every model file starts with.
inline constexpr char kModelMagic[8] = {'\x89', 'K', 'R', 'N', 'M', 'D', 'L', '\n'};

// How a model was made. Everything here is informational; `kroniek model info` prints it.
struct Provenance {
  std::string command;  // the command line that trained it
  std::string created;  // UTC time, ISO 8601
  uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> data;   // data file -> "xxh128:<hex>"
  std::vector<std::pair<std::string, double>> scores;      // e.g. "dev.alpino.UPOS" -> 96.9
  std::vector<std::pair<std::string, std::string>> notes;  // free key/value pairs
};

struct SectionInfo {
  std::string tag;
  bool compressed = false;
  uint64_t stored_bytes = 0;
  uint64_t raw_bytes = 0;
};

struct ModelInfo {
  uint32_t format_version = 0;
  std::string kroniek_version;  // of the kroniek that wrote the file
  std::string stage;            // "tagger", "lemmatizer", "parser", "ner", ...
  std::string feature_set;      // versioned feature-set name, "tagger.v1"
  Provenance provenance;
  std::vector<SectionInfo> sections;
  uint64_t file_bytes = 0;
};

class ModelWriter {
 public:
  ModelWriter(std::string stage, std::string feature_set);

  Provenance& provenance() { return provenance_; }
  // The container version to write: kModelFormatVersion (default), or 1 for an older kroniek
  // (no alignment; stages then also need their compact section layouts, see model convert).
  void set_format_version(uint32_t v) { format_version_ = v == 1 ? 1 : kModelFormatVersion; }
  // The zstd level of compressed sections (default 19: small files, slow to write).
  void set_compression_level(int level) { zstd_level_ = level; }

  // Adds a section. `tag` is exactly 4 printable ASCII characters and unique in the file.
  // With kAuto the section is zstd-compressed when that saves at least 5%.
  void AddSection(std::string_view tag, std::string bytes,
                  SectionCodec codec = SectionCodec::kAuto);

  // The whole file.
  std::string Serialize() const;
  // Writes the file (through a temporary file renamed into place).
  Status WriteFile(const std::string& path) const;

 private:
  struct Section {
    std::string tag;
    std::string bytes;
    SectionCodec codec;
  };
  std::string stage_;
  std::string feature_set_;
  uint32_t format_version_ = kModelFormatVersion;
  int zstd_level_ = 19;
  Provenance provenance_;
  std::vector<Section> sections_;
};

class ModelReader {
 public:
  // Checks and decodes a whole model file held in memory. `expected_stage` empty accepts any
  // stage; otherwise a model for another stage fails with E205. `name` is used in messages.
  // The bytes are copied unless `bytes_are_static` (e.g. a model compiled into the program):
  // then stored sections are used in place.
  static Result<ModelReader> Parse(std::string_view bytes, std::string_view expected_stage,
                                   std::string_view name, bool bytes_are_static = false);
  // Maps a file into memory (read-only) and parses it; stored sections are views of the
  // mapping, so only the pages a run touches (and the checksums) are read. A missing file is
  // E201.
  static Result<ModelReader> Open(const std::string& path, std::string_view expected_stage);

  const ModelInfo& info() const { return info_; }
  // The (decompressed) bytes of a section, or nullopt when the file has none with that tag.
  std::optional<std::string_view> Section(std::string_view tag) const;
  // Like Section, but a missing section is an E204 error naming the file.
  Result<std::string_view> Require(std::string_view tag) const;
  // An E204 error "<name>: section <tag>: <what>" for decoders that find a bad section.
  Status Corrupt(std::string_view tag, std::string_view what) const;
  // Keeps the bytes behind Section()'s views alive (the mapping, decompressed copies) after
  // the reader is gone: decoders that use a section in place hold on to it.
  std::shared_ptr<const void> owner() const { return storage_; }

 private:
  struct Storage;
  static Result<ModelReader> ParseOwned(std::shared_ptr<Storage> storage, std::string_view bytes,
                                        std::string_view expected_stage, std::string_view name);
  std::string name_;
  ModelInfo info_;
  std::shared_ptr<Storage> storage_;
  std::map<std::string, std::string_view, std::less<>> sections_;
};

// "xxh128:<32 hex digits>" of a file's bytes, for Provenance::data.
Result<std::string> FileDigest(const std::string& path);

// The current UTC time as ISO 8601 ("2026-11-28T12:00:00Z").
std::string UtcNow();

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_MODEL_FILE_H_
