// Character classes for the tokenizer: what role a code point can play in Dutch text.
//
// ASCII is classified by a table; everything else by a short switch over the punctuation that
// matters for Dutch news (quotes, dashes, ellipsis, guillemets) and then by ICU's general
// category. White space is exactly what Python's str.isspace() accepts, so the tokenizer, the
// evaluator and shared/tools/score.py agree on which characters a token can hold.
#ifndef KRONIEK_TOKENIZE_CHAR_CLASS_H_
#define KRONIEK_TOKENIZE_CHAR_CLASS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kroniek::tok {

enum CharClass : uint8_t {
  kSpace,         // white space other than a line break
  kLineBreak,     // \n \r \v \f U+001C-U+001E U+0085 U+2028
  kParaBreak,     // U+2029 PARAGRAPH SEPARATOR
  kUpper,         // an upper- or titlecase letter
  kLower,         // a lowercase letter
  kLetter,        // any other letter, a mark, a format character, superscripts: part of words
  kDigit,         // a decimal digit
  kPeriod,        // .
  kComma,         // ,
  kApos,          // ' (ASCII apostrophe)
  kRightSingle,   // ’ U+2019 (apostrophe or closing single quote)
  kLeftSingle,    // ‘ U+2018, ‚ U+201A, ‹ U+2039 (opening single quote)
  kBacktick,      // ` (opening single quote in old newspaper style)
  kDoubleQuote,   // " (either side)
  kOpenDouble,    // „ U+201E, “ U+201C, « U+00AB
  kCloseDouble,   // ” U+201D, » U+00BB, › U+203A
  kHyphen,        // - U+2010 U+2011
  kDash,          // – — ― U+2212 (as a separate mark)
  kOpenBracket,   // ( [ { and other opening brackets
  kCloseBracket,  // ) ] } and other closing brackets
  kExclaim,       // ! ¡ ‼
  kQuestion,      // ? ¿ ⁇ ⁈ ⁉
  kColon,         // :
  kSemicolon,     // ;
  kEllipsis,      // … U+2026
  kSlash,         // /
  kJoiner,        // & + = ^ _ @ # * ~ % \ | : kept inside a token between word characters
  kSymbol,        // anything else (currency, emoji, math, control characters)
};

// True for classes that make up ordinary words and numbers.
inline bool IsWordClass(CharClass c) { return c >= kUpper && c <= kDigit; }
inline bool IsLetterClass(CharClass c) { return c >= kUpper && c <= kLetter; }
inline bool IsSpaceClass(CharClass c) { return c <= kParaBreak; }

// The class of a code point.
CharClass ClassOf(uint32_t cp);

// True when `cp` extends the character before it (combining marks, variation selectors, zero
// width joiners, emoji modifiers): it is kept in the same unit as that character.
bool IsExtender(uint32_t cp);

// Python's str.isspace().
bool IsSpace(uint32_t cp);

// The class table for ASCII.
extern const CharClass kAsciiClass[128];

// Decodes the code point at text[i] and sets *len to its byte length. Ill-formed bytes decode
// as U+FFFD with length 1, so arbitrary bytes never make a caller read past the end.
uint32_t DecodeAt(std::string_view text, size_t i, size_t* len);

}  // namespace kroniek::tok

#endif  // KRONIEK_TOKENIZE_CHAR_CLASS_H_
