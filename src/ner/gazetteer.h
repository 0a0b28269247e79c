// Name lists for the NER features: multi-word names in categories (PER, LOC, ORG, MISC from
// Alpino's lists; first names, family names and place names from Frog's), matched against the
// tokens of a sentence. A name is stored as a 64-bit hash of its tokens joined by spaces (no
// strings in the model), with a bit that says whether it is the start of a longer name so that
// matching stops early.
#ifndef KRONIEK_NER_GAZETTEER_H_
#define KRONIEK_NER_GAZETTEER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash_map.h"
#include "learn/flat_table.h"

namespace kroniek::ner {

class Gazetteer {
 public:
  static constexpr uint32_t kMaxCategories = 10;
  static constexpr uint32_t kMaxTokens = 8;

  // Adds a category and returns its id (< kMaxCategories).
  uint32_t AddCategory(std::string name);
  // Adds every line of `text` (one name per line, tokens split on spaces) to `category`.
  // Returns the number of names added.
  size_t AddList(uint32_t category, std::string_view text);
  void Add(std::string_view name, uint32_t category);

  // Match codes per token: 3 bits per category, 0 none, 1 B, 2 I, 3 L, 4 U of the longest
  // match of that category covering the token (matches of one category do not overlap; the
  // longest, leftmost win). `keep`, when given, may veto a match [begin, end) of a category
  // (the trainer's gazetteer dropout).
  using KeepFn = std::function<bool(size_t begin, size_t end, uint32_t category)>;
  void Match(const std::vector<std::string_view>& words, std::vector<uint32_t>* codes,
             const KeepFn* keep = nullptr) const;
  // The category bits of a single-token name (bit c set when the word is a name of category c).
  uint32_t WordCategories(std::string_view word) const;

  static uint32_t Code(uint32_t codes, uint32_t category) { return (codes >> (3 * category)) & 7; }

  const std::vector<std::string>& categories() const { return categories_; }
  size_t size() const { return frozen_ ? table_.size() : names_.size(); }
  bool empty() const { return size() == 0; }

  // The layout used in place from a model file (section GAZF): categories, then a flat table
  // (learn/flat_table.h). Deserialize uses `bytes` in place when `owner` keeps them alive.
  std::string Serialize() const;
  static bool Deserialize(std::string_view bytes, Gazetteer* out,
                          std::shared_ptr<const void> owner = nullptr);
  // The compact layout of format version 1 files (section GAZE).
  std::string SerializeCompact() const;
  static bool DeserializeCompact(std::string_view bytes, Gazetteer* out);

 private:
  static constexpr uint32_t kPrefixBit = 1u << 31;
  uint32_t Lookup(uint64_t hash) const;
  // All entries sorted by hash, whichever map holds them.
  std::vector<std::pair<uint64_t, uint32_t>> SortedEntries() const;
  std::vector<std::string> categories_;
  // hash -> category bits | kPrefixBit: a mutable map while names are added, a flat table
  // once loaded (`frozen_`).
  HashMap64<uint32_t> names_;
  learn::FlatTable<uint32_t> table_;
  bool frozen_ = false;
};

}  // namespace kroniek::ner

#endif  // KRONIEK_NER_GAZETTEER_H_
