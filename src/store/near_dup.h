// Near-duplicate detection for the corpus store: MinHash over word shingles with LSH banding.
//
// The same agency story printed by several outlets differs in a headline, an intro line or a
// closing sentence. Two such texts share most of their 5-word shingles, so their Jaccard
// similarity is high; MinHash estimates it from a fixed-size signature, and banding the signature
// finds candidate pairs with an index lookup instead of comparing against every stored article.
//
// Words are maximal runs of letters and digits (any byte >= 0x80 counts as a letter), ASCII
// lower-cased. Texts shorter than kShingle words are one shingle.
#ifndef KRONIEK_STORE_NEAR_DUP_H_
#define KRONIEK_STORE_NEAR_DUP_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace kroniek::store {

inline constexpr int kShingle = 5;     // words per shingle
inline constexpr int kMinHashes = 64;  // signature length
inline constexpr int kBands = 16;      // LSH bands
inline constexpr int kRowsPerBand = kMinHashes / kBands;
// Estimated Jaccard similarity at or above which a later article is flagged as a near-duplicate.
inline constexpr double kNearDupThreshold = 0.7;

struct MinHash {
  std::array<uint32_t, kMinHashes> h{};
  bool empty = true;  // the text has no words
};

// The MinHash signature of `text`.
MinHash ComputeMinHash(std::string_view text);

// The estimated Jaccard similarity of two signatures (share of equal positions); 0 when either
// is empty.
double EstimateJaccard(const MinHash& a, const MinHash& b);

// The LSH band keys of a signature (one per band); two signatures sharing any key are candidates.
std::array<int64_t, kBands> BandKeys(const MinHash& m);

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_NEAR_DUP_H_
