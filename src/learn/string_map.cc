#include "learn/string_map.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace kroniek::learn {
namespace {

uint64_t HashKey(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }
uint64_t Pad8(uint64_t n) { return (n + 7) / 8 * 8; }

}  // namespace

void StringMap::Insert(std::string_view key, std::string_view value) {
  if (frozen_) {  // back to building
    for (const auto& [k, v] : Entries()) building_.emplace(std::string(k), std::string(v));
    frozen_ = false;
    index_ = FlatTable<uint32_t>();
    owner_.reset();
  }
  building_.emplace(std::string(key), std::string(value));
}

bool StringMap::Freeze() {
  if (frozen_) return true;
  StringMap m;
  if (!FromEntries({building_.begin(), building_.end()}, &m)) return false;
  *this = std::move(m);
  return true;
}

bool StringMap::FromEntries(std::vector<std::pair<std::string_view, std::string_view>> entries,
                            StringMap* out) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                entries.end());
  const uint64_t n = entries.size();
  std::vector<std::pair<uint64_t, uint32_t>> index;
  index.reserve(n);
  uint64_t blob = 0;
  for (uint64_t i = 0; i < n; ++i) {
    index.emplace_back(HashKey(entries[i].first), static_cast<uint32_t>(i));
    blob += entries[i].first.size() + entries[i].second.size();
  }
  {
    std::vector<uint64_t> hashes;
    for (const auto& [h, i] : index) hashes.push_back(h);
    std::sort(hashes.begin(), hashes.end());
    if (std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end()) return false;
  }
  if (blob > 0xffffffffu) return false;
  const uint64_t offsets = Pad8(16 + (n + 1) * 4 + n * 4);
  std::shared_ptr<uint64_t[]> buf(new uint64_t[(offsets + Pad8(blob)) / 8]());
  char* p = reinterpret_cast<char*>(buf.get());
  std::memcpy(p, &n, 8);
  std::memcpy(p + 8, &blob, 8);
  uint32_t* starts = reinterpret_cast<uint32_t*>(p + 16);
  uint32_t* key_ends = starts + n + 1;
  char* b = p + offsets;
  uint32_t at = 0;
  for (uint64_t i = 0; i < n; ++i) {
    starts[i] = at;
    std::memcpy(b + at, entries[i].first.data(), entries[i].first.size());
    at += static_cast<uint32_t>(entries[i].first.size());
    key_ends[i] = at;
    std::memcpy(b + at, entries[i].second.data(), entries[i].second.size());
    at += static_cast<uint32_t>(entries[i].second.size());
  }
  starts[n] = at;
  StringMap m;
  m.index_ = FlatTable<uint32_t>::Build(std::move(index));
  m.flat_size_ = n;
  m.starts_ = starts;
  m.key_ends_ = key_ends;
  m.blob_ = b;
  m.image_ = std::string_view(p, offsets + Pad8(blob));
  m.owner_ = std::move(buf);
  m.frozen_ = true;
  *out = std::move(m);
  return true;
}

std::optional<std::string_view> StringMap::Find(std::string_view key) const {
  if (!frozen_) {
    // Heterogeneous lookup is not available for this map type; building is not hot.
    auto it = building_.find(std::string(key));
    if (it == building_.end()) return std::nullopt;
    return std::string_view(it->second);
  }
  const uint32_t* i = index_.find(HashKey(key));
  if (i == nullptr || Key(*i) != key) return std::nullopt;
  return Value(*i);
}

std::vector<std::pair<std::string_view, std::string_view>> StringMap::Entries() const {
  std::vector<std::pair<std::string_view, std::string_view>> v;
  if (frozen_) {
    for (uint32_t i = 0; i < flat_size_; ++i) v.emplace_back(Key(i), Value(i));
  } else {
    v.assign(building_.begin(), building_.end());
  }
  std::sort(v.begin(), v.end());
  return v;
}

void StringMap::AppendTo(std::string* out) const {
  if (!frozen_) {
    StringMap copy = *this;
    copy.Freeze();
    copy.AppendTo(out);
    return;
  }
  index_.AppendTo(out);
  const uint64_t len = image_.size();
  out->append(reinterpret_cast<const char*>(&len), 8);
  out->append(image_);
}

bool StringMap::ReadFrom(std::string_view bytes, size_t* pos, StringMap* out,
                         std::shared_ptr<const void> owner) {
  size_t at = *pos;
  StringMap m;
  if (!FlatTable<uint32_t>::ReadFrom(bytes, &at, &m.index_, owner)) return false;
  if (bytes.size() - at < 8) return false;
  uint64_t len;
  std::memcpy(&len, bytes.data() + at, 8);
  at += 8;
  if (len > bytes.size() - at || len % 8 != 0 || len < 16) return false;
  std::string_view image = bytes.substr(at, len);
  if (!owner || reinterpret_cast<uintptr_t>(image.data()) % 8 != 0) {
    std::shared_ptr<uint64_t[]> buf(new uint64_t[len / 8]);
    std::memcpy(buf.get(), image.data(), len);
    image = std::string_view(reinterpret_cast<const char*>(buf.get()), len);
    owner = std::move(buf);
  }
  const char* p = image.data();
  uint64_t n, blob;
  std::memcpy(&n, p, 8);
  std::memcpy(&blob, p + 8, 8);
  if (n > len / 8 || blob > len || n != m.index_.size()) return false;
  const uint64_t offsets = Pad8(16 + (n + 1) * 4 + n * 4);
  if (offsets + Pad8(blob) != len) return false;
  const uint32_t* starts = reinterpret_cast<const uint32_t*>(p + 16);
  const uint32_t* key_ends = starts + n + 1;
  // Every record inside the blob, records in order; every record number in range.
  bool bad = starts[0] != 0 || starts[n] != blob;
  for (uint64_t i = 0; i < n; ++i) {
    bad |= (starts[i] > key_ends[i]) | (key_ends[i] > starts[i + 1]);
  }
  for (uint32_t r : m.index_.values()) bad |= r >= n;
  if (bad) return false;
  m.frozen_ = true;
  m.flat_size_ = n;
  m.starts_ = starts;
  m.key_ends_ = key_ends;
  m.blob_ = p + offsets;
  m.image_ = image;
  m.owner_ = std::move(owner);
  *pos = at + len;
  *out = std::move(m);
  return true;
}

}  // namespace kroniek::learn
