// Word statistics for the sentence boundary model, counted on sentence-split raw text: how
// often a word form starts a sentence, occurs inside one, ends one, and occurs at all. They tell
// the model what a few thousand labelled gaps cannot: that "Morgan" or "Dewinter" is a name
// (never lowercase, rarely first), that "Bosbouw" is a capitalised common noun ("bosbouw" is
// frequent inside sentences) and so starts a heading or a sentence, that a sentence can end after
// "leden" but hardly after "schrijft".
//
// Counted on a list of person names, it also knows first names ("Mark", "Frieda") and surnames,
// which tell a list of names ("Kris Van Dijck Mark Demesmaeker") from one long name.
//
// Each count is kept as a 3-bit log2 bucket (0 = never, 1 = once, 2 = 2-3, ..., 7 = 64 or
// more), six to a 32-bit code, in a table keyed by a 32-bit hash of the exact form. The table
// is a section (LEXI) of the sentence model file.
#ifndef KRONIEK_TOKENIZE_SENTENCE_LEXICON_H_
#define KRONIEK_TOKENIZE_SENTENCE_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kroniek::tok {

struct LexCode {
  uint8_t start = 0;  // first word of a sentence
  uint8_t mid = 0;    // inside a sentence, after a word, a number or a comma
  uint8_t end = 0;    // last word of a sentence
  uint8_t total = 0;  // anywhere
  uint8_t first = 0;  // first word of a person's name (in a list of names)
  uint8_t last = 0;   // last word of a person's name
};

class SentenceLexicon {
 public:
  // Counts the sentences of a corpus (each a list of tokens). Call Finish() after the last one.
  void Count(const std::vector<std::string>& tokens);
  // Counts a person's name of two or more words ("Jan Peter van der Berg").
  void CountName(const std::vector<std::string>& words);
  // Keeps the forms seen at least `min_total` times and builds the table.
  void Finish(uint32_t min_total);

  // The buckets of a form (all zero when unknown).
  LexCode Find(std::string_view form) const;
  size_t size() const { return count_; }

  std::string Serialize() const;
  // False when the bytes are not a whole, well-formed table.
  static bool Deserialize(std::string_view bytes, SentenceLexicon* out);

  static uint8_t Bucket(uint64_t count);

 private:
  static uint32_t KeyOf(std::string_view form);

  void Build(std::vector<std::pair<uint32_t, uint32_t>> entries);

  struct Counts {
    uint32_t start = 0, mid = 0, end = 0, total = 0, first = 0, last = 0;
  };
  std::unordered_map<std::string, Counts> pending_;  // while counting
  // Open-addressing table; key 0 = empty.
  std::vector<uint32_t> keys_;
  std::vector<uint32_t> codes_;
  uint32_t mask_ = 0;
  size_t count_ = 0;
};

}  // namespace kroniek::tok

#endif  // KRONIEK_TOKENIZE_SENTENCE_LEXICON_H_
