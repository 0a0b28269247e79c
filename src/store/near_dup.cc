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
  // Hash every word.
  std::vector<uint64_t> words;
  std::string word;
  size_t i = 0, n = text.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= n) break;
    word.clear();
    while (i < n && IsWordByte(static_cast<unsigned char>(text[i]))) {
      char c = text[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      word.push_back(c);
    }
    words.push_back(XXH3_64bits(word.data(), word.size()));
  }
  if (words.empty()) return m;
  m.empty = false;
  size_t shingles = words.size() >= kShingle ? words.size() - kShingle + 1 : 1;
  size_t width = std::min<size_t>(kShingle, words.size());
  for (size_t s = 0; s < shingles; ++s) {
    uint64_t sh = 0x9e3779b97f4a7c15ULL;
    for (size_t k = 0; k < width; ++k) sh = Mix(sh ^ words[s + k]) + k;
    // kMinHashes hash functions: h_j = Mix(sh + j * odd constant).
    for (int j = 0; j < kMinHashes; ++j) {
      uint32_t v = static_cast<uint32_t>(Mix(sh + static_cast<uint64_t>(j + 1) * 0xd6e8feb86659fd93ULL) >> 32);
      if (v < m.h[static_cast<size_t>(j)]) m.h[static_cast<size_t>(j)] = v;
    }
  }
  return m;
}

double EstimateJaccard(const MinHash& a, const MinHash& b) {
  if (a.empty || b.empty) return 0.0;
  int same = 0;
  for (int j = 0; j < kMinHashes; ++j) same += a.h[static_cast<size_t>(j)] == b.h[static_cast<size_t>(j)];
  return static_cast<double>(same) / kMinHashes;
}

std::array<int64_t, kBands> BandKeys(const MinHash& m) {
  std::array<int64_t, kBands> keys{};
  for (int b = 0; b < kBands; ++b) {
    uint32_t buf[kRowsPerBand + 1];
    buf[0] = static_cast<uint32_t>(b);
    for (int r = 0; r < kRowsPerBand; ++r) buf[r + 1] = m.h[static_cast<size_t>(b * kRowsPerBand + r)];
    keys[static_cast<size_t>(b)] = static_cast<int64_t>(XXH3_64bits(buf, sizeof buf));
  }
  return keys;
}

std::array<unsigned char, kMinHashes * 4> ToBlob(const MinHash& m) {
  std::array<unsigned char, kMinHashes * 4> out{};
  for (size_t j = 0; j < kMinHashes; ++j) {
    for (size_t k = 0; k < 4; ++k) out[j * 4 + k] = static_cast<unsigned char>(m.h[j] >> (8 * k));
  }
  return out;
}

bool FromBlob(std::string_view blob, MinHash* m) {
  if (blob.size() != kMinHashes * 4) return false;
  for (size_t j = 0; j < kMinHashes; ++j) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) v |= static_cast<uint32_t>(static_cast<unsigned char>(blob[j * 4 + k])) << (8 * k);
    m->h[j] = v;
  }
  m->empty = false;
  return true;
}

}  // namespace kroniek::store
