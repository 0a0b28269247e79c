// What the readers share: ids, byte checks, white space and body checks (io/readers.h).
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

// Line number and 1-based byte column of raw[offset].
void Locate(std::string_view raw, size_t offset, size_t first_line, size_t* line, size_t* col) {
  std::string_view before = raw.substr(0, offset);
  *line = first_line + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  size_t nl = before.rfind('\n');
  *col = nl == std::string_view::npos ? offset + 1 : offset - nl;
}

}  // namespace

std::string StemOf(std::string_view name) {
  if (name == "-" || name.empty()) return "";
  std::filesystem::path p{std::string(name)};
  return p.stem().string();
}

std::string NumberedId(std::string_view name, size_t n) {
  std::string stem = StemOf(name);
  return (stem.empty() ? std::string("doc") : stem) + "-" + std::to_string(n);
}

std::string Where(std::string_view name, size_t line) {
  return std::string(name) + ":" + std::to_string(line);
}

bool HasBadBytes(std::string_view s) {
  return s.find('\0') != std::string_view::npos || !utf8::IsValid(s);
}

Status CheckBytes(std::string_view raw, std::string_view name, size_t first_line,
                  const ReadOptions& options, std::string* out,
                  std::vector<std::string>* warnings) {
  size_t line = 0, col = 0;
  if (size_t nul = raw.find('\0'); nul != std::string_view::npos) {
    Locate(raw, nul, first_line, &line, &col);
    return InvalidInput(ErrorId::kNulByte, Where(name, line) + ": NUL byte at byte column " +
                                               std::to_string(col) +
                                               " (binary data, or UTF-16 text, is not UTF-8 text)");
  }
  size_t bad = 0;
  if (!utf8::IsValid(raw, &bad)) {
    Locate(raw, bad, first_line, &line, &col);
    if (!options.lenient) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(raw[bad]));
      return InvalidInput(ErrorId::kInvalidUtf8,
                          Where(name, line) + ": invalid UTF-8 (byte " + byte + " at byte column " +
                              std::to_string(col) +
                              "; convert the input to UTF-8, or pass --lenient to replace bad "
                              "bytes with U+FFFD)");
    }
    RepairUtf8(raw, name, first_line, out, warnings);
    return Status();
  }
  out->assign(raw);
  return Status();
}

bool RepairUtf8(std::string_view raw, std::string_view name, size_t first_line, std::string* out,
                std::vector<std::string>* warnings) {
  size_t bad = 0;
  if (utf8::IsValid(raw, &bad)) return false;
  size_t line = 0, col = 0;
  Locate(raw, bad, first_line, &line, &col);
  size_t replaced = 0;
  *out = utf8::Sanitize(raw, &replaced);
  warnings->push_back(Where(name, line) + ": replaced " + std::to_string(replaced) +
                      " invalid UTF-8 sequence(s) with U+FFFD (--lenient)");
  return true;
}

bool PrepareLines(std::string_view* content, std::string_view name, const ReadOptions& options,
                  std::string* repaired, std::vector<std::string>* warnings) {
  if (content->substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    content->remove_prefix(kByteOrderMark.size());
  }
  if (!HasBadBytes(*content)) return true;
  if (!options.lenient) return false;
  if (RepairUtf8(*content, name, 1, repaired, warnings)) *content = *repaired;
  return !HasBadBytes(*content);  // NUL bytes remain; the lines holding them are skipped
}

size_t WhiteSpaceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;
  size_t len = utf8::SequenceLength(s, i);
  if (len == 0) return 0;
  size_t j = i;
  uint32_t cp = utf8::Next(s, j);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return len;
    default:
      return cp >= 0x2000 && cp <= 0x200A ? len : 0;
  }
}

size_t SkipWhiteSpace(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t n = WhiteSpaceLength(s, i);
    if (n == 0) break;
    i += n;
  }
  return i;
}

Status CheckBody(std::string_view body, const std::string& where, const ReadOptions& options) {
  if (SkipWhiteSpace(body, 0) == body.size()) {
    return InvalidInput(ErrorId::kEmptyBody,
                        where + ": empty body (nothing but white space is left to analyse)");
  }
  if (body.size() > options.max_doc_bytes) {
    return MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                     where + ": the document has " + std::to_string(body.size()) +
                         " bytes, more than the limit of " + std::to_string(options.max_doc_bytes) +
                         " (--max-doc-bytes)");
  }
  return Status();
}

}  // namespace kroniek::io
