#include "learn/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>

#include "base/errors.h"
#include "kroniek/version.h"
#include "learn/bytes.h"

namespace kroniek::learn {
namespace {

constexpr uint8_t kCodecRaw = 0;
constexpr uint8_t kCodecZstd = 1;
constexpr uint64_t kMaxSectionBytes = uint64_t{1} << 31;  // 2 GiB: far above any real model
constexpr size_t kFooterBytes = 16;                       // total length + checksum

uint64_t Checksum(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

Status Damaged(std::string_view name, const std::string& what) {
  return MakeError(StatusCode::kCorruption, ErrorId::kModelCorrupt,
                   std::string(name) + ": damaged model file: " + what);
}

bool ValidTag(std::string_view tag) {
  if (tag.size() != 4) return false;
  for (char c : tag) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

void WritePairs(ByteWriter& w, const std::vector<std::pair<std::string, std::string>>& v) {
  w.Var(v.size());
  for (const auto& [k, x] : v) {
    w.Str(k);
    w.Str(x);
  }
}

bool ReadPairs(ByteReader& r, std::vector<std::pair<std::string, std::string>>* v) {
  uint64_t n = r.Count(2);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    std::string_view k = r.Str();
    std::string_view x = r.Str();
    v->emplace_back(std::string(k), std::string(x));
  }
  return r.ok();
}

// Zero bytes from offset `pos` up to the next multiple of kSectionAlign.
uint64_t PadTo(uint64_t pos) { return (kSectionAlign - pos % kSectionAlign) % kSectionAlign; }

// One entry of the section table, as found in the file (not yet checked).
struct RawSection {
  std::string tag;
  uint8_t codec;
  uint64_t stored_len;
  uint64_t raw_len;
  uint64_t sum;
  std::string_view stored;
};

}  // namespace

struct ModelReader::Storage {
  ~Storage() {
    if (map != nullptr) munmap(const_cast<char*>(map), map_len);
  }
  const char* map = nullptr;  // the mapped file (Open)
  size_t map_len = 0;
  std::unique_ptr<char[]> copy;                  // the file's bytes (Parse of a temporary)
  std::vector<std::unique_ptr<char[]>> buffers;  // decompressed sections
};

ModelWriter::ModelWriter(std::string stage, std::string feature_set)
    : stage_(std::move(stage)), feature_set_(std::move(feature_set)) {}

void ModelWriter::AddSection(std::string_view tag, std::string bytes, SectionCodec codec) {
  sections_.push_back(Section{std::string(tag), std::move(bytes), codec});
}

std::string ModelWriter::Serialize() const {
  ByteWriter w;
  w.Raw(std::string_view(kModelMagic, 8));
  w.U32(format_version_);
  w.Str(kVersionString);
  const bool v1 = format_version_ == 1;
  // Header block: length, bytes, checksum.
  ByteWriter h;
  h.Str(stage_);
  h.Str(feature_set_);
  h.Str(provenance_.command);
  h.Str(provenance_.created);
  h.U64(provenance_.seed);
  WritePairs(h, provenance_.data);
  h.Var(provenance_.scores.size());
  for (const auto& [k, v] : provenance_.scores) {
    h.Str(k);
    h.F64(v);
  }
  WritePairs(h, provenance_.notes);
  w.U32(static_cast<uint32_t>(h.data().size()));
  w.Raw(h.data());
  w.U64(Checksum(h.data()));
  // Sections, each aligned to kSectionAlign in the file.
  w.U32(static_cast<uint32_t>(sections_.size()));
  // The footer checksum covers every byte except the sections' stored bytes, which their own
  // checksums cover (so that loading hashes each byte once).
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  size_t hashed = 0;  // bytes of w before this offset are in `st`
  for (const Section& s : sections_) {
    std::string stored;
    uint8_t codec = kCodecRaw;
    if (s.codec == SectionCodec::kAuto && s.bytes.size() >= 64) {
      std::string z(ZSTD_compressBound(s.bytes.size()), '\0');
      size_t n = ZSTD_compress(z.data(), z.size(), s.bytes.data(), s.bytes.size(), zstd_level_);
      if (!ZSTD_isError(n) && n < s.bytes.size() - s.bytes.size() / 20) {
        z.resize(n);
        stored = std::move(z);
        codec = kCodecZstd;
      }
    }
    const std::string& out = codec == kCodecRaw ? s.bytes : stored;
    w.Raw(s.tag);
    w.U8(codec);
    w.U64(out.size());
    w.U64(s.bytes.size());
    w.U64(Checksum(out));
    if (v1) {  // no alignment, and the footer checksum covers every byte
      w.Raw(out);
      continue;
    }
    w.Raw(std::string(PadTo(w.data().size()), '\0'));
    XXH3_64bits_update(st, w.data().data() + hashed, w.data().size() - hashed);
    w.Raw(out);
    hashed = w.data().size();
  }
  // Footer: the total length of the file, then the checksum.
  w.U64(w.data().size() + kFooterBytes);
  XXH3_64bits_update(st, w.data().data() + hashed, w.data().size() - hashed);
  uint64_t sum = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  w.U64(sum);
  return w.Take();
}

Status ModelWriter::WriteFile(const std::string& path) const {
  for (size_t i = 0; i < sections_.size(); ++i) {
    if (!ValidTag(sections_[i].tag)) {
      return MakeError(
          StatusCode::kInternal, ErrorId::kInternal,
          "model section tag '" + sections_[i].tag + "' is not 4 printable characters");
    }
    for (size_t j = 0; j < i; ++j) {
      if (sections_[j].tag == sections_[i].tag) {
        return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                         "model section tag '" + sections_[i].tag + "' appears twice");
      }
    }
  }
  std::string bytes = Serialize();
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      return MakeError(StatusCode::kIOError, ErrorId::kOutputFailed,
                       tmp + ": cannot write the model file: " + std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return MakeError(StatusCode::kIOError, ErrorId::kOutputFailed,
                     path + ": cannot write the model file: " + ec.message());
  }
  return Status();
}

Result<ModelReader> ModelReader::Parse(std::string_view bytes, std::string_view expected_stage,
                                       std::string_view name, bool bytes_are_static) {
  auto storage = std::make_shared<Storage>();
  if (!bytes_are_static && !bytes.empty()) {
    // operator new[] aligns to at least 16 bytes; sections are aligned relative to the start.
    storage->copy.reset(new char[bytes.size()]);
    std::memcpy(storage->copy.get(), bytes.data(), bytes.size());
    bytes = std::string_view(storage->copy.get(), bytes.size());
  }
  return ParseOwned(std::move(storage), bytes, expected_stage, name);
}

Result<ModelReader> ModelReader::ParseOwned(std::shared_ptr<Storage> storage,
                                            std::string_view bytes, std::string_view expected_stage,
                                            std::string_view name) {
  ModelReader m;
  m.name_ = std::string(name);
  m.storage_ = std::move(storage);
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kModelMagic, 8) != 0) {
    return MakeError(StatusCode::kInvalidInput, ErrorId::kModelBadMagic,
                     std::string(name) + ": not a kroniek model file (wrong magic number)");
  }
  ByteReader pre(bytes.substr(8));
  uint32_t version = pre.U32();
  std::string_view writer_version = pre.Str();
  if (!pre.ok() || writer_version.size() > 64) return Damaged(name, "the preamble is truncated");
  m.info_.format_version = version;
  m.info_.kroniek_version = std::string(writer_version);
  if (version == 0 || version > kModelFormatVersion) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     std::string(name) + ": model format version " + std::to_string(version) +
                         " (written by kroniek " + m.info_.kroniek_version +
                         ") is not supported by kroniek " + kVersionString +
                         ", which reads format versions 1 to " +
                         std::to_string(kModelFormatVersion));
  }
  // Footer first: it catches truncation and any damaged byte in one go.
  if (bytes.size() < 8 + pre.pos() + kFooterBytes) return Damaged(name, "the file is truncated");
  ByteReader foot(bytes.substr(bytes.size() - kFooterBytes));
  uint64_t total = foot.U64();
  uint64_t sum = foot.U64();
  if (total != bytes.size()) {
    return Damaged(name, "the file has " + std::to_string(bytes.size()) +
                             " bytes but its footer says " + std::to_string(total) +
                             " (truncated or appended to)");
  }
  if (version == 1 && sum != Checksum(bytes.substr(0, bytes.size() - 8))) {
    return Damaged(name, "the file checksum does not match");
  }
  m.info_.file_bytes = bytes.size();
  const size_t body_at = 8 + pre.pos();
  ByteReader r(bytes.substr(body_at, bytes.size() - body_at - kFooterBytes));
  uint32_t header_len = r.U32();
  std::string_view header = r.Bytes(header_len);
  uint64_t header_sum = r.U64();
  if (!r.ok()) return Damaged(name, "the header is truncated");
  // The section table (only its structure; checksums are checked below).
  uint32_t count = r.U32();
  if (!r.ok() || count > r.remaining() / 29) return Damaged(name, "the section count is wrong");
  std::vector<RawSection> raw_sections;
  raw_sections.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    RawSection s;
    s.tag = std::string(r.Bytes(4));
    s.codec = r.U8();
    s.stored_len = r.U64();
    s.raw_len = r.U64();
    s.sum = r.U64();
    if (version >= 2) {
      std::string_view pad = r.Bytes(PadTo(body_at + r.pos()));
      if (pad.find_first_not_of('\0') != std::string_view::npos) r.Fail();
    }
    s.stored = r.Bytes(s.stored_len);
    if (!r.ok()) return Damaged(name, "section " + std::to_string(i + 1) + " is truncated");
    raw_sections.push_back(std::move(s));
  }
  if (!r.AtEnd()) return Damaged(name, "unexpected bytes after the last section");
  if (version >= 2) {
    // The footer checksum covers every byte but the sections' stored bytes.
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    const char* at = bytes.data();
    for (const RawSection& s : raw_sections) {
      XXH3_64bits_update(st, at, static_cast<size_t>(s.stored.data() - at));
      at = s.stored.data() + s.stored.size();
    }
    XXH3_64bits_update(st, at, static_cast<size_t>(bytes.data() + bytes.size() - 8 - at));
    uint64_t got = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    if (got != sum) return Damaged(name, "the file checksum does not match");
  }
  if (header_sum != Checksum(header)) return Damaged(name, "the header checksum does not match");
  {
    ByteReader h(header);
    m.info_.stage = std::string(h.Str());
    m.info_.feature_set = std::string(h.Str());
    Provenance& p = m.info_.provenance;
    p.command = std::string(h.Str());
    p.created = std::string(h.Str());
    p.seed = h.U64();
    ReadPairs(h, &p.data);
    uint64_t n = h.Count(9);
    for (uint64_t i = 0; i < n && h.ok(); ++i) {
      std::string_view k = h.Str();
      double v = h.F64();
      p.scores.emplace_back(std::string(k), v);
    }
    ReadPairs(h, &p.notes);
    if (!h.ok() || !h.AtEnd()) return Damaged(name, "the header does not decode");
  }
  if (!expected_stage.empty() && m.info_.stage != expected_stage) {
    return MakeError(StatusCode::kInvalidInput, ErrorId::kModelWrongStage,
                     std::string(name) + ": this is a " + m.info_.stage + " model, but the " +
                         std::string(expected_stage) + " needs its own");
  }
  for (size_t i = 0; i < raw_sections.size(); ++i) {
    const RawSection& s = raw_sections[i];
    const std::string& tag = s.tag;
    if (!ValidTag(tag)) return Damaged(name, "section " + std::to_string(i + 1) + " has a bad tag");
    if (m.sections_.count(tag)) return Damaged(name, "section " + tag + " appears twice");
    if (Checksum(s.stored) != s.sum) return Damaged(name, "section " + tag + ": checksum mismatch");
    if (s.raw_len > kMaxSectionBytes) {
      return Damaged(name, "section " + tag + " is implausibly large");
    }
    std::string_view raw;
    if (s.codec == kCodecRaw) {
      if (s.raw_len != s.stored_len) return Damaged(name, "section " + tag + ": length mismatch");
      raw = s.stored;  // used in place
    } else if (s.codec == kCodecZstd) {
      unsigned long long content = ZSTD_getFrameContentSize(s.stored.data(), s.stored.size());
      if (content != s.raw_len) return Damaged(name, "section " + tag + ": length mismatch");
      // Not value-initialised: every byte is written by the decompressor.
      std::unique_ptr<char[]> buf(new char[std::max<uint64_t>(s.raw_len, 1)]);
      size_t n = ZSTD_decompress(buf.get(), s.raw_len, s.stored.data(), s.stored.size());
      if (ZSTD_isError(n) || n != s.raw_len) {
        return Damaged(name, "section " + tag + ": does not decompress");
      }
      raw = std::string_view(buf.get(), s.raw_len);
      m.storage_->buffers.push_back(std::move(buf));
    } else {
      return Damaged(name, "section " + tag + ": unknown codec " + std::to_string(s.codec));
    }
    m.info_.sections.push_back(SectionInfo{tag, s.codec == kCodecZstd, s.stored_len, s.raw_len});
    m.sections_.emplace(tag, raw);
  }
  return m;
}

Result<ModelReader> ModelReader::Open(const std::string& path, std::string_view expected_stage) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return MakeError(StatusCode::kNotFound, ErrorId::kModelNotFound,
                     path + ": cannot open the model file: " + std::strerror(errno));
  }
  struct stat sb {};
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    ::close(fd);
    return MakeError(StatusCode::kIOError, ErrorId::kModelNotFound,
                     path + ": cannot read the model file (not a regular file)");
  }
  auto storage = std::make_shared<Storage>();
  std::string_view bytes;
  if (sb.st_size > 0) {
    const size_t len = static_cast<size_t>(sb.st_size);
    // Read-only and private: the file's pages are shared with the page cache, and the checksums
    // read them all anyway, so they are mapped in one go.
    void* p = mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      return MakeError(StatusCode::kIOError, ErrorId::kModelNotFound,
                       path + ": cannot read the model file: " + std::strerror(err));
    }
    storage->map = static_cast<const char*>(p);
    storage->map_len = len;
    bytes = std::string_view(storage->map, len);
  }
  ::close(fd);
  return ParseOwned(std::move(storage), bytes, expected_stage, path);
}

std::optional<std::string_view> ModelReader::Section(std::string_view tag) const {
  auto it = sections_.find(tag);
  if (it == sections_.end()) return std::nullopt;
  return it->second;
}

Result<std::string_view> ModelReader::Require(std::string_view tag) const {
  auto s = Section(tag);
  if (!s) return Corrupt(tag, "the section is missing");
  return *s;
}

Status ModelReader::Corrupt(std::string_view tag, std::string_view what) const {
  return MakeError(StatusCode::kCorruption, ErrorId::kModelCorrupt,
                   name_ + ": section " + std::string(tag) + ": " + std::string(what));
}

Result<std::string> FileDigest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(StatusCode::kNotFound, ErrorId::kCannotOpen, path + ": cannot open");
  }
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    XXH3_128bits_update(st, buf, static_cast<size_t>(in.gcount()));
  }
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("xxh128:") + hex;
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace kroniek::learn
