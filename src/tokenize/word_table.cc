#include <xxhash.h>

#include <algorithm>

#include "tokenize/token_info.h"

namespace kroniek::tok {

uint64_t WordTable::Hash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ (h >> 29);
}

void WordTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(64, old.size() * 2), Slot());
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == 0) continue;
    size_t i = Hash(std::string_view(keys_).substr(s.offset, s.length)) & mask;
    while (slots_[i].value != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordTable::Insert(std::string_view key, uint8_t value) {
  if (value == 0 || key.empty() || key.size() > 0xFFFF) return;
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = Hash(key) & mask;
  while (slots_[i].value != 0) {
    const Slot& s = slots_[i];
    if (std::string_view(keys_).substr(s.offset, s.length) == key) {
      slots_[i].value = value;
      return;
    }
    i = (i + 1) & mask;
  }
  slots_[i] = Slot{static_cast<uint32_t>(keys_.size()), static_cast<uint16_t>(key.size()), value};
  keys_.append(key);
  ++count_;
  // The hash index, kept at most half full.
  if (count_ * 2 > hashes_.size()) {
    hashes_.assign(std::max<size_t>(64, slots_.size()), 0);
    for (const Slot& s : slots_) {
      if (s.value == 0) continue;
      const uint64_t h = KeyHash(std::string_view(keys_).substr(s.offset, s.length));
      size_t x = (h >> 7) & (hashes_.size() - 1);
      while (hashes_[x] != 0) x = (x + 1) & (hashes_.size() - 1);
      hashes_[x] = h;
    }
  } else {
    const uint64_t h = KeyHash(key);
    size_t x = (h >> 7) & (hashes_.size() - 1);
    while (hashes_[x] != 0) x = (x + 1) & (hashes_.size() - 1);
    hashes_[x] = h;
  }
}

uint64_t WordTable::KeyHash(std::string_view key) {
  return XXH3_64bits(key.data(), key.size()) | 1;
}

bool WordTable::ContainsHash(uint64_t h) const {
  if (hashes_.empty()) return false;
  const size_t mask = hashes_.size() - 1;
  for (size_t x = (h >> 7) & mask; hashes_[x] != 0; x = (x + 1) & mask) {
    if (hashes_[x] == h) return true;
  }
  return false;
}

uint8_t WordTable::Find(std::string_view key) const {
  if (slots_.empty()) return 0;
  const size_t mask = slots_.size() - 1;
  size_t i = Hash(key) & mask;
  while (slots_[i].value != 0) {
    const Slot& s = slots_[i];
    if (s.length == key.size() && std::string_view(keys_).substr(s.offset, s.length) == key) {
      return s.value;
    }
    i = (i + 1) & mask;
  }
  return 0;
}

uint8_t WordTable::FindLower(std::string_view key) const {
  if (slots_.empty()) return 0;
  auto lower = [](unsigned char c) -> unsigned char {
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
  };
  // Hash() of the lowered key.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= lower(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].value != 0) {
    const Slot& s = slots_[i];
    if (s.length == key.size()) {
      const char* k = keys_.data() + s.offset;
      size_t x = 0;
      while (x < key.size() && static_cast<unsigned char>(k[x]) == lower(key[x])) ++x;
      if (x == key.size()) return s.value;
    }
    i = (i + 1) & mask;
  }
  return 0;
}

}  // namespace kroniek::tok
