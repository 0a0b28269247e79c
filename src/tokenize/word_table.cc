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

}  // namespace kroniek::tok
