// UTF-8 helpers: validation, decoding and byte <-> code-point offset mapping.
// Everything here works on bytes and never allocates unless it returns a string.
#ifndef KRONIEK_BASE_UTF8_H_
#define KRONIEK_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kroniek::utf8 {

inline constexpr uint32_t kReplacement = 0xFFFD;

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
// On failure, *bad_offset (if given) is the byte offset of the first bad sequence.
bool IsValid(std::string_view s, size_t* bad_offset = nullptr);

// Copies `s`, replacing each maximal ill-formed subsequence by U+FFFD. *replaced (if given)
// counts the replacements.
std::string Sanitize(std::string_view s, size_t* replaced = nullptr);

// Length in bytes of the well-formed sequence starting at s[i], or 0 when ill-formed.
size_t SequenceLength(std::string_view s, size_t i);

// Decodes the code point at s[i] and advances i. Precondition: s is valid UTF-8, i < size.
inline uint32_t Next(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  uint32_t c = p[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  if (c < 0xE0) {
    c = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
    i += 2;
    return c;
  }
  if (c < 0xF0) {
    c = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
    i += 3;
    return c;
  }
  c = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
  i += 4;
  return c;
}

// Decodes the code point ending just before s[i] and moves i back to its first byte.
// Precondition: s is valid UTF-8, i > 0.
uint32_t Prev(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of `cp` to `out`.
void Append(uint32_t cp, std::string* out);

// True when byte offset `i` is at a code-point boundary of valid UTF-8 `s`.
inline bool IsBoundary(std::string_view s, size_t i) {
  return i == 0 || i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

size_t CountCodePoints(std::string_view s);

// Maps byte offsets of one text to code-point offsets, for writers that must speak code points.
// Construction is O(n); each lookup is O(1) for offsets at code-point boundaries.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  // Code-point offset of byte offset `byte` (a code-point boundary, at most text size).
  uint32_t ToCodePoint(uint32_t byte) const;

 private:
  bool ascii_ = true;
  std::vector<uint32_t> cp_of_byte_;  // filled only when the text is not pure ASCII
};

}  // namespace kroniek::utf8

#endif  // KRONIEK_BASE_UTF8_H_
