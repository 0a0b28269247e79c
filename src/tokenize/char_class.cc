#include "tokenize/char_class.h"

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace kroniek::tok {

namespace {
constexpr CharClass S = kSymbol;
}  // namespace

// clang-format off
const CharClass kAsciiClass[128] = {
  // 0x00-0x0F: controls; \t space; \n \v \f \r line breaks
  S, S, S, S, S, S, S, S, S, kSpace, kLineBreak, kLineBreak, kLineBreak, kLineBreak, S, S,
  // 0x10-0x1F: controls; 0x1C-0x1E line breaks (as Python's splitlines), 0x1F space
  S, S, S, S, S, S, S, S, S, S, S, S, kLineBreak, kLineBreak, kLineBreak, kSpace,
  // ' ' ! " # $ % & ' ( ) * + , - . /
  kSpace, kExclaim, kDoubleQuote, kJoiner, S, kJoiner, kJoiner, kApos,
  kOpenBracket, kCloseBracket, kJoiner, kJoiner, kComma, kHyphen, kPeriod, kSlash,
  // 0-9 : ; < = > ?
  kDigit, kDigit, kDigit, kDigit, kDigit, kDigit, kDigit, kDigit, kDigit, kDigit,
  kColon, kSemicolon, S, kJoiner, S, kQuestion,
  // @ A-O
  kJoiner, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper,
  kUpper, kUpper, kUpper, kUpper, kUpper,
  // P-Z [ \ ] ^ _
  kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper, kUpper,
  kOpenBracket, kJoiner, kCloseBracket, kJoiner, kJoiner,
  // ` a-o
  kBacktick, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower,
  kLower, kLower, kLower, kLower, kLower,
  // p-z { | } ~ DEL
  kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower, kLower,
  kOpenBracket, kJoiner, kCloseBracket, kJoiner, S,
};
// clang-format on

bool IsSpace(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool IsExtender(uint32_t cp) {
  if (cp < 0x300) return false;
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return true;  // emoji skin-tone modifiers
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
      return true;
    default:
      return false;
  }
}

CharClass ClassOf(uint32_t cp) {
  if (cp < 0x80) return kAsciiClass[cp];
  switch (cp) {
    case 0x85:
    case 0x2028:
      return kLineBreak;
    case 0x2029:
      return kParaBreak;
    case 0xA0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return kSpace;
    case 0xAB:
    case 0x201C:
    case 0x201E:
    case 0x201F:
      return kOpenDouble;
    case 0xBB:
    case 0x201D:
    case 0x203A:
      return kCloseDouble;
    case 0x2018:
    case 0x201A:
    case 0x2039:
      return kLeftSingle;
    case 0x2019:
    case 0x02BC:
    case 0xB4:
      return kRightSingle;
    case 0x2010:
    case 0x2011:
      return kHyphen;
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return kDash;
    case 0x2026:
      return kEllipsis;
    case 0xA1:
    case 0x203C:
      return kExclaim;
    case 0xBF:
    case 0x2047:
    case 0x2048:
    case 0x2049:
      return kQuestion;
    case 0xB0:
      return kJoiner;  // degree sign: 20°C
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return kSpace;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return kUpper;
    case U_LOWERCASE_LETTER:
      return kLower;
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_FORMAT_CHAR:
      return kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return kDigit;
    case U_DASH_PUNCTUATION:
      return kDash;
    case U_START_PUNCTUATION:
      return kOpenBracket;
    case U_END_PUNCTUATION:
      return kCloseBracket;
    case U_INITIAL_PUNCTUATION:
      return kOpenDouble;
    case U_FINAL_PUNCTUATION:
      return kCloseDouble;
    case U_CONNECTOR_PUNCTUATION:
      return kJoiner;
    case U_SPACE_SEPARATOR:
      return kSpace;
    case U_LINE_SEPARATOR:
      return kLineBreak;
    case U_PARAGRAPH_SEPARATOR:
      return kParaBreak;
    default:
      return kSymbol;
  }
}

uint32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  size_t n = utf8::SequenceLength(text, i);
  if (n == 0) {
    *len = 1;
    return utf8::kReplacement;
  }
  *len = n;
  size_t j = i;
  return utf8::Next(text, j);
}

}  // namespace kroniek::tok
