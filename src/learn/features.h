// Feature hashing for the linear models. A feature is a template id plus one or more string
// values ("suffix3" + "ing"); it is hashed to a 64-bit key with XXH3, seeded by the template id,
// so features never need a string table at run time. 64-bit keys make collisions between the
// few million features of a model vanishingly rare (and harmless when they happen).
//
//   FeatureVector fv;
//   fv.Add(kSuffix3, word.substr(word.size() - 3));
//   fv.Add(kPrevTagWord, prev_tag, word);
//   model.AddScores(fv.keys(), scores);
#ifndef KRONIEK_LEARN_FEATURES_H_
#define KRONIEK_LEARN_FEATURES_H_

#include <xxhash.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kroniek::learn {

// The key of feature template `templ` with value `value`.
inline uint64_t FeatureKey(uint32_t templ, std::string_view value) {
  return XXH3_64bits_withSeed(value.data(), value.size(), 0x9e3779b97f4a7c15ULL * (templ + 1));
}
// The key of a conjunction of two values.
inline uint64_t FeatureKey(uint32_t templ, std::string_view a, std::string_view b) {
  uint64_t ha = XXH3_64bits_withSeed(a.data(), a.size(), 0x9e3779b97f4a7c15ULL * (templ + 1));
  return XXH3_64bits_withSeed(b.data(), b.size(), ha);
}
// A fast 64-bit mix of two words (the 128-bit multiply-fold of wyhash); used for integer-valued
// features, which are most of a tagger's, because it costs a nanosecond where a hash call costs
// several.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  unsigned __int128 m =
      static_cast<unsigned __int128>(a ^ 0xa0761d6478bd642fULL) * (b ^ 0xe7037ed1a0b428dbULL);
  return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
}
// The key of a template with an integer value (a class id, a cluster, a hashed word).
inline uint64_t FeatureKey(uint32_t templ, uint64_t value) {
  return Mix(value, 0x9e3779b97f4a7c15ULL * (templ + 1));
}
// Mixes an integer into an existing key (for conjunctions).
inline uint64_t FeatureKey(uint64_t key, uint32_t templ, uint64_t value) {
  return Mix(key ^ (0x8ebc6af09c88c6e3ULL * (templ + 1)), value + 0x589965cc75374cc3ULL);
}

// The features of one example: a list of keys.
class FeatureVector {
 public:
  void clear() { keys_.clear(); }
  void Add(uint64_t key) { keys_.push_back(key); }
  void Add(uint32_t templ, std::string_view value) { keys_.push_back(FeatureKey(templ, value)); }
  void Add(uint32_t templ, std::string_view a, std::string_view b) {
    keys_.push_back(FeatureKey(templ, a, b));
  }
  void AddInt(uint32_t templ, uint64_t value) { keys_.push_back(FeatureKey(templ, value)); }
  std::span<const uint64_t> keys() const { return keys_; }
  size_t size() const { return keys_.size(); }

 private:
  std::vector<uint64_t> keys_;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_FEATURES_H_
