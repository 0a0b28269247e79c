// A map from 64-bit hash keys to small values, for the lexicons and gazetteers that models load.
//
// Why not std::unordered_map: the models hold hundreds of thousands of hashed words, and a
// node-based map makes one allocation per entry, which dominated `kroniek analyze`'s start-up
// time. This map keeps keys and values in two flat arrays (open addressing, linear probing,
// power-of-two capacity, at most 50 % full), so filling it is a few memory passes and lookups
// touch one or two cache lines.
//
// Keys are usually already hashes; they are mixed again anyway so that structured keys (small
// integers, packed pairs) spread too. Any key is allowed, including 0. There is no erase.
// Iteration order is unspecified; callers that serialise sort first.

#ifndef KRONIEK_BASE_HASH_MAP_H_
#define KRONIEK_BASE_HASH_MAP_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kroniek {

template <typename V>
class HashMap64 {
 public:
  HashMap64() = default;

  size_t size() const { return size_ + (has_zero_ ? 1 : 0); }
  bool empty() const { return size() == 0; }

  // Makes room for n entries without rehashing.
  void reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (cap > keys_.size()) Rehash(cap);
  }

  // The value of `key`, inserted value-initialised when absent.
  V& operator[](uint64_t key) {
    if (key == 0) {
      if (!has_zero_) {
        has_zero_ = true;
        zero_value_ = V();
      }
      return zero_value_;
    }
    if (2 * (size_ + 1) > keys_.size()) Rehash(keys_.empty() ? 16 : 2 * keys_.size());
    size_t i = Slot(key);
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask_;
    if (keys_[i] == 0) {
      keys_[i] = key;
      values_[i] = V();
      ++size_;
    }
    return values_[i];
  }

  // The value of `key`, or nullptr.
  const V* find(uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_value_ : nullptr;
    if (keys_.empty()) return nullptr;
    size_t i = Slot(key);
    while (true) {
      uint64_t k = keys_[i];
      if (k == key) return &values_[i];
      if (k == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }

  // Calls f(key, value) for every entry.
  template <typename F>
  void ForEach(F&& f) const {
    if (has_zero_) f(uint64_t{0}, zero_value_);
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != 0) f(keys_[i], values_[i]);
    }
  }

  // All entries as (key, value) pairs, sorted by key (for serialising).
  std::vector<std::pair<uint64_t, V>> SortedEntries() const {
    std::vector<std::pair<uint64_t, V>> v;
    v.reserve(size());
    ForEach([&](uint64_t k, const V& x) { v.emplace_back(k, x); });
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
  }

 private:
  size_t Slot(uint64_t key) const {
    // A multiplicative mix (the 64-bit golden ratio), high bits first.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  void Rehash(size_t cap) {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<V> old_values = std::move(values_);
    keys_.assign(cap, 0);
    values_.assign(cap, V());
    mask_ = cap - 1;
    int bits = 0;
    while ((size_t{1} << bits) < cap) ++bits;
    shift_ = 64 - bits;
    for (size_t j = 0; j < old_keys.size(); ++j) {
      if (old_keys[j] == 0) continue;
      size_t i = Slot(old_keys[j]);
      while (keys_[i] != 0) i = (i + 1) & mask_;
      keys_[i] = old_keys[j];
      values_[i] = std::move(old_values[j]);
    }
  }

  std::vector<uint64_t> keys_;  // 0 = empty slot
  std::vector<V> values_;
  size_t size_ = 0;  // occupied slots (the zero key is kept aside)
  size_t mask_ = 0;
  int shift_ = 63;  // set by Rehash; never used while the table is empty
  bool has_zero_ = false;
  V zero_value_{};
};

}  // namespace kroniek

#endif  // KRONIEK_BASE_HASH_MAP_H_
