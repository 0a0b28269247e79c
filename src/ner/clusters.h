// Word clusters for the NER features, learned from raw text, and a capitalisation prior.
//
// Clustering is the predictive exchange algorithm (Uszkoreit & Brants 2008): every word gets
// one of K classes so that P(w | prev) ~ P(w | class(w)) P(class(w) | prev) fits the bigrams
// of the text; words are moved one at a time to the class that raises the likelihood most, for
// a few passes. Coarser levels are made by clustering the classes of the finer level the same
// way, which gives a small hierarchy (e.g. 1024 -> 256 -> 64 classes), the analogue of
// Brown-cluster bit prefixes.
//
// The result is a TSV file (`kroniek train clusters`): "word<TAB>count<TAB>c1<TAB>c2..." with
// one column per level, finest first. The NER model compiles it into a compact table keyed by
// a hash of the word (no strings), together with a capitalisation prior per lower-cased form:
// how often the word is written with a capital, in buckets.
#ifndef KRONIEK_NER_CLUSTERS_H_
#define KRONIEK_NER_CLUSTERS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash_map.h"
#include "kroniek/status.h"
#include "learn/flat_table.h"

namespace kroniek::ner {

struct ClusterOptions {
  std::vector<uint32_t> levels = {1024, 256, 64};  // classes per level, finest first
  uint32_t min_count = 3;                          // rarer words get no cluster
  uint32_t max_predecessors = 12000;  // distinct predecessor contexts (the rest share one)
  int iterations = 10;
  std::function<void(const std::string&)> progress;
};

// Clusters the words of `texts` (one tokenised sentence per line, tokens split on spaces) and
// returns the TSV text described above, most frequent words first.
Result<std::string> ClusterWords(const std::vector<std::string>& texts, const ClusterOptions& o);

constexpr int kMaxLevels = 4;

// The compiled table used by the NER features.
class WordClusters {
 public:
  struct Entry {
    uint16_t cls[kMaxLevels] = {0, 0, 0, 0};  // class + 1 per level, 0 = none
  };

  // Parses the TSV of ClusterWords.
  static Result<WordClusters> FromTsv(std::string_view tsv);

  // The clusters of a word form (exact form first, then lower-cased, then capitalised), or
  // nullptr when unknown.
  const Entry* Find(std::string_view form) const;
  // The same with the lower-cased form already at hand.
  const Entry* Find(std::string_view form, std::string_view lower) const;
  // The capitalisation bucket of a lower-cased form: 0 unknown, 1..5 from "always lower case"
  // to "always capitalised".
  uint8_t CapBucket(std::string_view lower) const;

  int levels() const { return levels_; }
  bool empty() const { return words_.empty(); }
  size_t size() const { return words_.size(); }

  // The layout used in place from a model file (section WCLF): two flat tables
  // (learn/flat_table.h). Deserialize uses `bytes` in place when `owner` keeps them alive.
  std::string Serialize() const;
  static bool Deserialize(std::string_view bytes, WordClusters* out,
                          std::shared_ptr<const void> owner = nullptr);
  // The compact layout of format version 1 files (section WCLU).
  std::string SerializeCompact() const;
  static bool DeserializeCompact(std::string_view bytes, WordClusters* out);

 private:
  int levels_ = 0;
  learn::FlatTable<Entry> words_;   // hash of the form -> classes
  learn::FlatTable<uint8_t> caps_;  // hash of the lower-cased form -> bucket
};

uint64_t HashWord(std::string_view s);

}  // namespace kroniek::ner

#endif  // KRONIEK_NER_CLUSTERS_H_
