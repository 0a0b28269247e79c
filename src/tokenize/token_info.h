// Internal to the tokenizer: what the token splitter tells the sentence splitter about each token,
// and the word tables both use.
#ifndef KRONIEK_TOKENIZE_TOKEN_INFO_H_
#define KRONIEK_TOKENIZE_TOKEN_INFO_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"

namespace kroniek::tok {

// What a token is, as far as sentence splitting cares.
enum TokenKind : uint8_t {
  kWordToken,       // letters (possibly with digits, hyphens, apostrophes)
  kNumberToken,     // starts with a digit or a sign and a digit
  kPeriodToken,     // .
  kExclaimToken,    // ! (and ¡ ‼)
  kQuestionToken,   // ? (and ¿ ⁇ ⁈ ⁉)
  kEllipsisToken,   // .. ... …
  kCommaToken,      // ,
  kColonToken,      // :
  kSemicolonToken,  // ;
  kOpenQuoteToken,  // ,, „ “ « ‘ ` ``, a " or ' glued to the word after it, or a lone " or '
                    // when no quote of its kind is open
  kCloseQuoteToken,  // '' ” » ’, a " or ' glued to the word before it, or a lone one closing
  kApostropheToken,  // a word opening with an apostrophe: 's 't 'n '80 's-Hertogenbosch
  kOpenBracketToken,
  kCloseBracketToken,
  kDashToken,        // - – — -- standing alone
  kAbbrevToken,      // a listed abbreviation with its period (class in AbbrevClass)
  kInitialToken,     // a single letter with a period: J.
  kInitialsToken,    // letters separated by periods: J.P. V.S. d.w.z.
  kListNumberToken,  // 1. at the start of a line
  kSymbolToken,      // anything else: € % & emoji ...
};

// Token flags.
enum TokenFlag : uint8_t {
  kCapital = 1,        // first character is an uppercase letter
  kLowerStart = 2,     // first character is a lowercase letter
  kAllCaps = 4,        // two or more letters, all uppercase
  kNewlineBefore = 8,  // a line break precedes the token
  kParaBefore = 16,    // a paragraph break (blank line) precedes the token
  kAbbrevEnds = 32,    // for kAbbrevToken: an "end" abbreviation (enz., etc.)
  kAbbrevTitle = 64,   // for kAbbrevToken: a title (mr., dr.)
  kDoubleKind = 128,   // for quote tokens: a double quote (else single)
};

enum AbbrevClass : uint8_t {
  kAbbrevNone = 0,
  kAbbrevTitleClass,
  kAbbrevMid,
  kAbbrevEnd,
  kAbbrevWord
};

// A small immutable hash table from byte strings to a one-byte value (open addressing).
class WordTable {
 public:
  void Insert(std::string_view key, uint8_t value);
  // 0 when absent (values must be nonzero).
  uint8_t Find(std::string_view key) const;
  // Find of the key with ASCII A-Z lowered, without copying it.
  uint8_t FindLower(std::string_view key) const;
  // Whether a key has the hash `h` = XXH3_64bits(key) | 1 (KeyHash), for callers that have
  // hashed the word already.
  bool ContainsHash(uint64_t h) const;
  static uint64_t KeyHash(std::string_view key);
  size_t size() const { return count_; }

 private:
  static uint64_t Hash(std::string_view s);
  void Grow();
  struct Slot {
    uint32_t offset = 0;
    uint16_t length = 0;
    uint8_t value = 0;
  };
  std::string keys_;  // all keys, concatenated
  std::vector<Slot> slots_;
  size_t count_ = 0;
  std::vector<uint64_t> hashes_;  // KeyHash of each key, open addressing (0: empty)
};

// The word lists of src/tokenize/data/.
struct WordLists {
  WordTable abbreviations;   // "o.a." -> AbbrevClass
  WordTable apostrophe;      // "s", "t" ... (after the apostrophe)
  WordTable function_words;  // "de", "het" ... lowercase
  WordTable name_particles;  // "van", "der" ... lowercase
  WordTable glue_words;      // "van", "de", "en" ... lowercase: a sentence does not end after them
  WordTable finite_verbs;    // "werd", "heeft" ... lowercase: nearly always a finite verb
};

class GapDecider;

// Splits a Doc's tokens into sentences (fills doc.sentences). `kinds` and `flags` are per token.
// The gaps the rules leave open (sentence_model.h) are decided by `decider`, or by the heading
// and list heuristics of the rules when it is null.
void SplitSentences(const WordLists& lists, const std::vector<uint8_t>& kinds,
                    const std::vector<uint8_t>& flags, bool wrapped, GapDecider* decider, Doc& doc);

// True when the word (any case) is in the table of lowercase words.
bool InTableLower(const WordTable& table, std::string_view word);
inline bool IsFunctionWord(const WordLists& lists, std::string_view word) {
  return InTableLower(lists.function_words, word);
}
inline bool IsNameParticle(const WordLists& lists, std::string_view word) {
  return InTableLower(lists.name_particles, word);
}
inline bool IsFiniteVerb(const WordLists& lists, std::string_view word) {
  return InTableLower(lists.finite_verbs, word);
}
inline bool IsGlueWord(const WordLists& lists, std::string_view word) {
  return InTableLower(lists.glue_words, word);
}

}  // namespace kroniek::tok

#endif  // KRONIEK_TOKENIZE_TOKEN_INFO_H_
