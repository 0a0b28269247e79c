#include "store/near_dup.h"

#include <xxhash.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kroniek::store {
namespace {

inline uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

}  // namespace

MinHash ComputeMinHash(std::string_view text) {
  MinHash m;
  m.h.fill(UINT32_MAX);
  // Hash every word (ASCII lower-cased) without building strings.
  std::vector<uint64_t> words;
  words.reserve(text.size() / 5);
  char buf[64];
  size_t i = 0, n = text.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= n) break;
    uint64_t h = 0;
    size_t len = 0;
    while (i < n && IsWordByte(static_cast<unsigned char>(text[i]))) {
      char c = text[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      buf[len++] = c;
      if (len == sizeof buf) {  // very long "words": hash in chunks
        h = XXH3_64bits_withSeed(buf, len, h);
        len = 0;
      }
    }
    words.push_back(XXH3_64bits_withSeed(buf, len, h));
  }
  if (words.empty()) return m;
  m.empty = false;
  size_t shingles = words.size() >= kShingle ? words.size() - kShingle + 1 : 1;
  size_t width = std::min<size_t>(kShingle, words.size());
  for (size_t s = 0; s < shingles; ++s) {
    uint64_t sh = 0x9e3779b97f4a7c15ULL;
    for (size_t k = 0; k < width; ++k) sh = Mix(sh ^ words[s + k]) + k;
    // kMinHashes hash functions by double hashing: h_j = a + j * b (Kirsch and Mitzenmacher).
    uint64_t a = sh, b = Mix(sh) | 1;
    for (size_t j = 0; j < kMinHashes; ++j) {
      a += b;
      uint32_t v = static_cast<uint32_t>(a >> 32);
      if (v < m.h[j]) m.h[j] = v;
    }
  }
  return m;
}

double EstimateJaccard(const MinHash& a, const MinHash& b) {
  if (a.empty || b.empty) return 0.0;
  int same = 0;
  for (int j = 0; j < kMinHashes; ++j)
    same += a.h[static_cast<size_t>(j)] == b.h[static_cast<size_t>(j)];
  return static_cast<double>(same) / kMinHashes;
}

std::array<int64_t, kBands> BandKeys(const MinHash& m) {
  std::array<int64_t, kBands> keys{};
  for (int b = 0; b < kBands; ++b) {
    uint32_t buf[kRowsPerBand + 1];
    buf[0] = static_cast<uint32_t>(b);
    for (int r = 0; r < kRowsPerBand; ++r)
      buf[r + 1] = m.h[static_cast<size_t>(b * kRowsPerBand + r)];
    // 31 bits: SQLite stores the key in 4 bytes; a rare false candidate is weeded out by the
    // signature comparison.
    keys[static_cast<size_t>(b)] = static_cast<int64_t>(XXH3_64bits(buf, sizeof buf) & 0x7fffffffu);
  }
  return keys;
}

}  // namespace kroniek::store
