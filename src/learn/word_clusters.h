// Word clusters learnt from raw text, for features that generalise beyond the words of the
// annotated training data (Koo, Carreras & Collins 2008 used Brown clusters the same way).
//
// The clustering is the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
// every word of the vocabulary belongs to one of k classes, and words are moved one at a time
// to the class that most increases the likelihood of a class bigram model of the text,
// sum N(c1,c2) log N(c1,c2) - sum N(c) log N(c), until few words move. Each move is evaluated
// exactly from the word's neighbour counts in O(k * distinct neighbour classes).
//
// The result maps a word to a class id in [0, k); words outside the vocabulary (too rare in
// the text) have no class. It serialises to a model file section.
#ifndef KRONIEK_LEARN_WORD_CLUSTERS_H_
#define KRONIEK_LEARN_WORD_CLUSTERS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "learn/string_map.h"

namespace kroniek::learn {

struct ClusterOptions {
  uint32_t classes = 256;
  uint32_t min_count = 3;  // words seen fewer times stay outside the vocabulary
  int iterations = 6;      // passes over the vocabulary (fewer when no word moves)
  std::function<void(const std::string&)> progress;
};

class WordClusters {
 public:
  // Clusters the words of `sentences` (already tokenised and normalised as the caller looks
  // them up later, e.g. lower-cased). Deterministic.
  static WordClusters Train(const std::vector<std::vector<std::string>>& sentences,
                            const ClusterOptions& options);

  // The class of a word, or -1 when it has none.
  int Find(std::string_view word) const {
    auto v = map_.Find(word);
    if (!v || v->size() != 2) return -1;
    return static_cast<uint8_t>((*v)[0]) | static_cast<uint8_t>((*v)[1]) << 8;
  }
  uint32_t classes() const { return classes_; }
  size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

  std::string Serialize() const;
  static bool Deserialize(std::string_view bytes, WordClusters* out);

 private:
  uint32_t classes_ = 0;
  // word -> class as 2 bytes (u16 little-endian): a flat map, no allocation per word at load.
  StringMap map_;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_WORD_CLUSTERS_H_
