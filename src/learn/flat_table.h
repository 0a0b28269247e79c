// A read-only map from 64-bit keys (word hashes) to small fixed-size values whose serialised
// bytes are its in-memory layout, so that a model section holding one is used in place from a
// memory-mapped file: no allocation, no re-hashing at load, only the pages a lookup touches
// are read (besides the checksum and the load-time check).
//
// Layout (little-endian; docs/formats/model-file.md, "flat table"):
//   u64 byte length L of what follows (the table), then L bytes:
//   8  marker "\0KFLTAB1"
//   4  u32 value size in bytes
//   4  u32 bucket bits b (1..31): 2^b buckets
//   8  u64 entry count n
//   (2^b + 1) x u32 bucket starts, zero padding to a multiple of 8
//   n x u64 keys, sorted by bucket (the top b bits of key * 0x9E3779B97F4A7C15)
//   n x value, zero padding to a multiple of 8
// A lookup reads two bucket starts and scans the bucket's keys (about two).
//
// Build() makes one from (key, value) pairs with distinct keys; mutable maps (HashMap64) are
// used while building a lexicon, and frozen into a FlatTable to save and to load.
#ifndef KRONIEK_LEARN_FLAT_TABLE_H_
#define KRONIEK_LEARN_FLAT_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kroniek::learn {

template <typename V>
class FlatTable {
  static_assert(std::is_trivially_copyable_v<V> && alignof(V) <= 8);

 public:
  FlatTable() = default;

  // From pairs with distinct keys.
  static FlatTable Build(std::vector<std::pair<uint64_t, V>> entries) {
    const uint64_t n = entries.size();
    uint32_t bits = 1;
    while (bits < 31 && (uint64_t{1} << bits) < n / 2) ++bits;
    const int shift = 64 - static_cast<int>(bits);
    std::sort(entries.begin(), entries.end(), [shift](const auto& a, const auto& b) {
      uint64_t ba = Mix(a.first) >> shift, bb = Mix(b.first) >> shift;
      return ba != bb ? ba < bb : a.first < b.first;
    });
    const uint64_t nb = uint64_t{1} << bits;
    const uint64_t starts_bytes = Pad8((nb + 1) * 4);
    const uint64_t size = kHeader + starts_bytes + n * 8 + Pad8(n * sizeof(V));
    std::shared_ptr<uint64_t[]> buf(new uint64_t[size / 8]());
    char* p = reinterpret_cast<char*>(buf.get());
    std::memcpy(p, kMarker, 8);
    const uint32_t vs = sizeof(V);
    std::memcpy(p + 8, &vs, 4);
    std::memcpy(p + 12, &bits, 4);
    std::memcpy(p + 16, &n, 8);
    uint32_t* starts = reinterpret_cast<uint32_t*>(p + kHeader);
    uint64_t* keys = reinterpret_cast<uint64_t*>(p + kHeader + starts_bytes);
    char* values = p + kHeader + starts_bytes + n * 8;
    uint64_t at = 0;
    for (uint64_t b = 0; b < nb; ++b) {
      starts[b] = static_cast<uint32_t>(at);
      while (at < n && (Mix(entries[at].first) >> shift) == b) ++at;
    }
    starts[nb] = static_cast<uint32_t>(n);
    for (uint64_t i = 0; i < n; ++i) {
      keys[i] = entries[i].first;
      std::memcpy(values + i * sizeof(V), &entries[i].second, sizeof(V));
    }
    FlatTable t;
    t.Attach(std::string_view(p, size), std::move(buf), false);
    return t;
  }

  // The value of `key`, or nullptr.
  const V* find(uint64_t key) const {
    if (n_ == 0) return nullptr;
    const uint64_t b = Mix(key) >> shift_;
    for (uint32_t i = starts_[b], e = starts_[b + 1]; i < e; ++i) {
      if (keys_[i] == key) return &values_[i];
    }
    return nullptr;
  }

  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  // Keys and values in storage order (for iterating and for checking values at load).
  std::span<const uint64_t> keys() const { return {keys_, n_}; }
  std::span<const V> values() const { return {values_, n_}; }

  // Appends the table (its length, then its layout) to `out`, which must have a length that is
  // a multiple of 8 (so that the table is aligned within its section).
  void AppendTo(std::string* out) const {
    if (image_.empty()) {
      Build({}).AppendTo(out);
      return;
    }
    const uint64_t len = image_.size();
    out->append(reinterpret_cast<const char*>(&len), 8);
    out->append(image_);
  }

  // Reads a table written by AppendTo from `bytes` at `*pos` (a multiple of 8) and advances
  // `*pos`. The table is used in place when `owner` keeps the bytes alive and they are 8-byte
  // aligned, and copied otherwise. False when the bytes are not a well-formed table; then
  // nothing is changed.
  static bool ReadFrom(std::string_view bytes, size_t* pos, FlatTable* out,
                       std::shared_ptr<const void> owner) {
    if (*pos % 8 != 0 || bytes.size() < *pos || bytes.size() - *pos < 8) return false;
    uint64_t len;
    std::memcpy(&len, bytes.data() + *pos, 8);
    if (len > bytes.size() - *pos - 8 || len % 8 != 0) return false;
    std::string_view image = bytes.substr(*pos + 8, len);
    if (!owner || reinterpret_cast<uintptr_t>(image.data()) % 8 != 0) {
      std::shared_ptr<uint64_t[]> buf(new uint64_t[len / 8 + 1]);
      if (len > 0) std::memcpy(buf.get(), image.data(), len);
      image = std::string_view(reinterpret_cast<const char*>(buf.get()), len);
      owner = std::move(buf);
    }
    FlatTable t;
    if (!t.Attach(image, std::move(owner), true)) return false;
    *pos += 8 + len;
    *out = std::move(t);
    return true;
  }

 private:
  static constexpr char kMarker[8] = {'\0', 'K', 'F', 'L', 'T', 'A', 'B', '1'};
  static constexpr uint64_t kHeader = 24;
  static uint64_t Pad8(uint64_t n) { return (n + 7) / 8 * 8; }
  static uint64_t Mix(uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }

  bool Attach(std::string_view image, std::shared_ptr<const void> owner, bool check) {
    const char* p = image.data();
    if (image.size() < kHeader || std::memcmp(p, kMarker, 8) != 0) return false;
    uint32_t vs, bits;
    uint64_t n;
    std::memcpy(&vs, p + 8, 4);
    std::memcpy(&bits, p + 12, 4);
    std::memcpy(&n, p + 16, 8);
    if (check) {
      if (vs != sizeof(V) || bits < 1 || bits > 31 || n > image.size() / 8 || n > 0xffffffffu) {
        return false;
      }
    }
    const uint64_t nb = uint64_t{1} << bits;
    const uint64_t starts_bytes = Pad8((nb + 1) * 4);
    const uint32_t* starts = reinterpret_cast<const uint32_t*>(p + kHeader);
    if (check) {
      if (kHeader + starts_bytes + n * 8 + Pad8(n * sizeof(V)) != image.size()) return false;
      // Bucket starts: from 0, never decreasing, ending at n; so every scan stays in range.
      bool bad = starts[0] != 0 || starts[nb] != n;
      for (uint64_t b = 0; b < nb; ++b) bad |= starts[b] > starts[b + 1];
      if (bad) return false;
    }
    n_ = n;
    shift_ = 64 - static_cast<int>(bits);
    starts_ = starts;
    keys_ = reinterpret_cast<const uint64_t*>(p + kHeader + starts_bytes);
    values_ = reinterpret_cast<const V*>(p + kHeader + starts_bytes + n * 8);
    image_ = image;
    owner_ = std::move(owner);
    return true;
  }

  uint64_t n_ = 0;
  int shift_ = 63;
  const uint32_t* starts_ = nullptr;
  const uint64_t* keys_ = nullptr;
  const V* values_ = nullptr;
  std::string_view image_;
  std::shared_ptr<const void> owner_;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_FLAT_TABLE_H_
