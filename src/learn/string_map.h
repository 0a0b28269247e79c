// A map from strings to strings (or a set of strings, with empty values) for the lexicons a
// model carries, laid out so that it is used in place from a memory-mapped model file: a flat
// table from a 64-bit hash of the key to a record, and the records' bytes. Lookups compare the
// key itself, so a hash collision never returns another key's value.
//
// While a model is trained the map is filled with Insert (the first value of a key stays, as
// with std::unordered_map::emplace); Freeze() builds the flat layout, which AppendTo writes.
//
// Layout after AppendTo's u64 byte length L (little-endian, docs/formats/model-file.md):
//   a flat table (learn/flat_table.h) from XXH3-64 of the key to the record number;
//   u64 n; u64 blob length B; (n + 1) x u32 record starts; n x u32 key ends; zero padding to a
//   multiple of 8; B bytes of records (key bytes, then value bytes); zero padding to 8.
#ifndef KRONIEK_LEARN_STRING_MAP_H_
#define KRONIEK_LEARN_STRING_MAP_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "learn/flat_table.h"

namespace kroniek::learn {

class StringMap {
 public:
  // A frozen map from pairs, without building a node-based map first; of pairs with the same
  // key the first one counts (as with Insert). False when two different keys have the same
  // 64-bit hash.
  static bool FromEntries(std::vector<std::pair<std::string_view, std::string_view>> entries,
                          StringMap* out);
  // Adds a key (while building); a key already present keeps its value.
  void Insert(std::string_view key, std::string_view value = {});
  // Builds the flat layout from what was inserted (a no-op when frozen). False only when two
  // different keys have the same 64-bit hash (then the map stays as it was).
  bool Freeze();

  std::optional<std::string_view> Find(std::string_view key) const;
  bool Contains(std::string_view key) const { return Find(key).has_value(); }
  size_t size() const { return frozen_ ? flat_size_ : building_.size(); }
  bool empty() const { return size() == 0; }
  // All entries, sorted by key.
  std::vector<std::pair<std::string_view, std::string_view>> Entries() const;

  // Appends the frozen layout to `out` (whose length is a multiple of 8). Freeze first.
  void AppendTo(std::string* out) const;
  // Reads what AppendTo wrote at `*pos` (a multiple of 8), in place when `owner` keeps `bytes`
  // alive and they are aligned; false when malformed.
  static bool ReadFrom(std::string_view bytes, size_t* pos, StringMap* out,
                       std::shared_ptr<const void> owner);

 private:
  std::string_view Key(uint32_t i) const {
    return std::string_view(blob_ + starts_[i], key_ends_[i] - starts_[i]);
  }
  std::string_view Value(uint32_t i) const {
    return std::string_view(blob_ + key_ends_[i], starts_[i + 1] - key_ends_[i]);
  }

  std::unordered_map<std::string, std::string> building_;
  bool frozen_ = false;
  FlatTable<uint32_t> index_;
  uint64_t flat_size_ = 0;
  const uint32_t* starts_ = nullptr;
  const uint32_t* key_ends_ = nullptr;
  const char* blob_ = nullptr;
  std::string_view image_;  // what follows the table (n, B, offsets, blob)
  std::shared_ptr<const void> owner_;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_STRING_MAP_H_
