// The sentence splitter: walks the tokens the token splitter made, with the kind and flags it
// recorded for each, and decides where sentences end.
#include <string_view>

#include "tokenize/token_info.h"

namespace kroniek::tok {
namespace {

enum Strength { kNoStart = 0, kWeakStart = 1, kStrongStart = 2 };

class Splitter {
 public:
  Splitter(const WordLists& lists, const std::vector<uint8_t>& kinds,
           const std::vector<uint8_t>& flags, bool wrapped, Doc& doc)
      : lists_(lists),
        kinds_(kinds),
        flags_(flags),
        wrapped_(wrapped),
        doc_(doc),
        n_(doc.tokens.size()) {}

  void Run();

 private:
  std::string_view Text(size_t i) const { return doc_.TokenText(i); }
  bool IsLowerWord(size_t i) const {
    return (kinds_[i] == kWordToken || kinds_[i] == kApostropheToken) && (flags_[i] & kLowerStart);
  }
  // How much token j looks like the first token of a sentence.
  Strength StartStrength(size_t j) const;
  bool IsTerminal(size_t i) const;
  bool OpenerWord(size_t j) const;
  bool EndsBefore(size_t i, size_t j) const;
  bool LineBreakEnds(size_t j) const;
  bool DatelineAt(size_t i) const;
  bool HeadingEndsBefore(size_t i) const;
  bool RepeatStartsAt(size_t i) const;
  bool BracketEndsBefore(size_t i) const;
  bool BulletStartsAt(size_t i) const;
  void Close(size_t end);

  const WordLists& lists_;
  const std::vector<uint8_t>& kinds_;
  const std::vector<uint8_t>& flags_;
  const bool wrapped_;
  Doc& doc_;
  const size_t n_;
  size_t start_ = 0;
  uint32_t paragraph_ = 0;
  int depth_ = 0;  // brackets open in the current sentence, up to the current token
};

Strength Splitter::StartStrength(size_t j) const {
  const uint8_t f = flags_[j];
  switch (kinds_[j]) {
    case kWordToken:
      if (f & kLowerStart) return kNoStart;
      if ((f & kCapital) && IsFunctionWord(lists_, Text(j))) return kStrongStart;
      return kWeakStart;
    case kOpenQuoteToken:
    case kApostropheToken:
    case kDashToken:
    case kListNumberToken:
    case kOpenBracketToken:
      return kStrongStart;
    case kNumberToken:
    case kSymbolToken:
      return kWeakStart;
    case kAbbrevToken:
    case kInitialToken:
    case kInitialsToken:
      return (f & kCapital) ? kWeakStart : kNoStart;
    default:
      return kNoStart;
  }
}

// A capitalised function word that is not a name particle: Hij, Maar, Het (not De, Van).
bool Splitter::OpenerWord(size_t j) const {
  if (kinds_[j] != kWordToken || !(flags_[j] & kCapital)) return false;
  std::string_view t = Text(j);
  return IsFunctionWord(lists_, t) && !IsNameParticle(lists_, t);
}

bool Splitter::IsTerminal(size_t i) const {
  switch (kinds_[i]) {
    case kCloseQuoteToken:
      return (flags_[i] & kDoubleKind) != 0;
    case kPeriodToken:
    case kExclaimToken:
    case kQuestionToken:
    case kEllipsisToken:
    case kInitialsToken:
      return true;
    case kAbbrevToken:
      return !(flags_[i] & kAbbrevTitle);
    default:
      return false;
  }
}

// Token i is a terminal mark (or abbreviation) and j the first token after it and the closing
// marks that belong to it.
bool Splitter::EndsBefore(size_t i, size_t j) const {
  Strength s = StartStrength(j);
  if (s == kNoStart) return false;
  const bool digit = kinds_[j] == kNumberToken;
  switch (kinds_[i]) {
    case kPeriodToken:
    case kExclaimToken:
    case kQuestionToken:
      return true;
    case kEllipsisToken:
      return !digit;
    case kAbbrevToken:
      if (flags_[i] & kAbbrevEnds) return !digit;
      return OpenerWord(j);
    case kInitialsToken:
      return OpenerWord(j);
    case kCloseQuoteToken:
      // ,,Hij heeft er zin in'' De premier ...: a quotation without final punctuation. A lone "
      // may have been taken for a closing quote wrongly, so it needs a sentence opener.
      if (kinds_[j] != kWordToken) return false;
      if (Text(i) == "\"" && doc_.tokens[i].begin > 0 &&
          static_cast<unsigned char>(doc_.text[doc_.tokens[i].begin - 1]) <= ' ') {
        return s == kStrongStart;
      }
      return true;
    default:
      return false;
  }
}

// A single line break before token j: does it end the sentence?
bool Splitter::LineBreakEnds(size_t j) const {
  if (IsLowerWord(j)) return false;
  size_t p = j - 1;
  // After terminal punctuation (and its closing marks) a line break always ends a sentence.
  size_t q = p;
  while (q > start_ && q + 8 > p &&
         (kinds_[q] == kCloseQuoteToken || kinds_[q] == kCloseBracketToken)) {
    --q;
  }
  if (IsTerminal(q) && !(kinds_[q] == kAbbrevToken && !(flags_[q] & kAbbrevEnds))) {
    return StartStrength(j) != kNoStart;
  }
  if (wrapped_) return false;
  switch (kinds_[p]) {
    case kCommaToken:
    case kOpenQuoteToken:
    case kOpenBracketToken:
    case kApostropheToken:
      return false;
    case kWordToken: {
      std::string_view t = Text(p);
      if (!t.empty() && t.back() == '-') return false;  // a compound cut at the line end
      if ((flags_[p] & kLowerStart) && IsFunctionWord(lists_, t)) return false;
      break;
    }
    case kSymbolToken:
      if (Text(p) == "&") return false;
      break;
    default:
      break;
  }
  switch (kinds_[j]) {
    case kCommaToken:
    case kPeriodToken:
    case kCloseBracketToken:
    case kSemicolonToken:
    case kColonToken:
      return false;
    case kCloseQuoteToken:
      return false;
    default:
      return true;
  }
}

// "BRUSSEL - ", "DEN HAAG, ROME - ", "SCHIPHOL (ANP) - " at token i, followed by a capital.
bool Splitter::DatelineAt(size_t i) const {
  if (kinds_[i] != kWordToken || !(flags_[i] & kAllCaps)) return false;
  const size_t p = i - 1;
  if (kinds_[p] == kWordToken && (flags_[p] & kAllCaps)) return false;  // not its first word
  if (kinds_[p] == kCommaToken || kinds_[p] == kOpenQuoteToken || kinds_[p] == kOpenBracketToken ||
      kinds_[p] == kDashToken || kinds_[p] == kColonToken) {
    return false;
  }
  if (IsLowerWord(p) && IsFunctionWord(lists_, Text(p))) return false;
  size_t k = i;
  size_t words = 0, letters = 0;
  while (k < n_ && words < 6) {
    if (k > i && (flags_[k] & kNewlineBefore)) return false;
    if (kinds_[k] == kWordToken && (flags_[k] & kAllCaps)) {
      ++words;
      letters += doc_.tokens[k].size();
      ++k;
    } else if (kinds_[k] == kCommaToken && k + 1 < n_ && kinds_[k + 1] == kWordToken &&
               (flags_[k + 1] & kAllCaps)) {
      ++k;
    } else {
      break;
    }
  }
  // Place names are longer than club and party acronyms ("AZ - Ajax", "PSV - NEC").
  if (k >= n_ || letters < 4) return false;
  if (kinds_[k] == kOpenBracketToken && k + 3 < n_ && kinds_[k + 1] == kWordToken &&
      kinds_[k + 2] == kCloseBracketToken && !(flags_[k + 1] & kLowerStart)) {
    k += 3;
  }
  if (k + 1 >= n_ || kinds_[k] != kDashToken) return false;
  if (flags_[k + 1] & kNewlineBefore) return false;
  Strength s = StartStrength(k + 1);
  return s != kNoStart;
}

// A capitalised function word followed by lowercase, after a content word, a number or a closing
// bracket, starts a sentence even without punctuation before it: the line before was a
// heading, a caption or a list item ("Geschiedenis In 1921 werd ...", "Programma Het grote
// kernpunt ..."). Capitalised function words inside a sentence are nearly always part of a name
// (Van der Vaart, "de krant De Morgen"), which the word after them shows.
bool Splitter::HeadingEndsBefore(size_t i) const {
  if (kinds_[i] != kWordToken || !(flags_[i] & kCapital) || i + 1 >= n_) return false;
  const size_t p = i - 1, q = i + 1;
  switch (kinds_[p]) {
    case kWordToken: {
      std::string_view t = Text(p);
      if (t.back() == '-' || IsFunctionWord(lists_, t)) return false;
      break;
    }
    case kNumberToken:
    case kCloseBracketToken:
      break;
    default:
      return false;
  }
  if (flags_[q] & kNewlineBefore) return false;
  if (kinds_[q] == kNumberToken) {
    // "In 2003 verdween ..."
  } else if (IsLowerWord(q)) {
    if (q + 1 < n_ && (flags_[q + 1] & kCapital) && IsNameParticle(lists_, Text(q)) &&
        IsNameParticle(lists_, Text(i))) {
      return false;  // Van der Vaart, Van de Poel
    }
  } else {
    return false;
  }
  return IsFunctionWord(lists_, Text(i));
}

// A capitalised word or two repeated right away starts a sentence: a heading followed by the
// paragraph it heads ("Landbouw Landbouw is ...", "Balkan De Balkan kwam ...").
bool Splitter::RepeatStartsAt(size_t i) const {
  if (kinds_[i] != kWordToken || !(flags_[i] & kCapital) || i + 1 >= n_) return false;
  auto same = [&](size_t a, size_t b) {
    return kinds_[a] == kWordToken && kinds_[b] == kWordToken && Text(a) == Text(b) &&
           !(flags_[b] & kNewlineBefore);
  };
  const size_t p = i - 1;
  if (kinds_[p] != kWordToken || !(flags_[p] & kCapital)) return false;
  if (same(p, i)) return true;
  if (p > start_ && same(p - 1, i) && same(p, i + 1)) return true;
  std::string_view t = Text(i);
  if (t == "De" || t == "Het" || t == "Een") {
    if (same(p, i + 1)) return true;
    if (p > start_ && i + 2 < n_ && same(p - 1, i + 1) && same(p, i + 2)) return true;
  }
  return false;
}

// A closing bracket followed by a capitalised word: a list item or caption ended at the bracket
// ("Provincieraadslid ( 1985-1987 ) Volksvertegenwoordiger ..."). Not after an enumeration
// marker "(1)", whose item goes on.
bool Splitter::BracketEndsBefore(size_t i) const {
  const size_t p = i - 1;
  if (kinds_[p] != kCloseBracketToken || kinds_[i] != kWordToken || !(flags_[i] & kCapital)) {
    return false;
  }
  size_t open = p;
  while (open > start_ && kinds_[open] != kOpenBracketToken) --open;
  if (kinds_[open] != kOpenBracketToken) return false;
  if (open + 2 == p && (kinds_[open + 1] == kNumberToken || Text(open + 1).size() == 1)) {
    return false;  // (1) (a)
  }
  return true;
}

// A bullet (* • ▪) after a word starts a list item.
bool Splitter::BulletStartsAt(size_t i) const {
  if (kinds_[i] != kSymbolToken || i + 1 >= n_) return false;
  std::string_view t = Text(i);
  if (t != "*" && t != "\xE2\x80\xA2" && t != "\xE2\x96\xAA" && t != "\xC2\xB7") return false;
  const size_t p = i - 1;
  if (kinds_[p] != kWordToken && kinds_[p] != kNumberToken && kinds_[p] != kCloseBracketToken) {
    return false;
  }
  return (flags_[i + 1] & kCapital) != 0;
}

void Splitter::Close(size_t end) {
  if (end <= start_) return;
  Sentence s;
  s.token_begin = static_cast<uint32_t>(start_);
  s.token_end = static_cast<uint32_t>(end);
  s.paragraph = paragraph_;
  doc_.sentences.push_back(std::move(s));
  start_ = end;
  depth_ = 0;
}

void Splitter::Run() {
  for (size_t i = 0; i < n_; ++i) {
    const uint8_t f = flags_[i];
    if (i > start_) {
      if ((f & kParaBefore) || ((f & kNewlineBefore) && LineBreakEnds(i)) || DatelineAt(i) ||
          HeadingEndsBefore(i) || RepeatStartsAt(i) || BracketEndsBefore(i) || BulletStartsAt(i)) {
        Close(i);
      }
    }
    if ((f & kParaBefore) && i > 0) ++paragraph_;
    if (kinds_[i] == kOpenBracketToken) ++depth_;
    if (kinds_[i] == kCloseBracketToken && depth_ > 0) --depth_;
    if (!IsTerminal(i)) continue;
    // The closing quotes and brackets (and further marks) after a terminal go with it.
    size_t j = i + 1;
    int depth = depth_;
    while (j < n_ && !(flags_[j] & kNewlineBefore)) {
      uint8_t k = kinds_[j];
      if (k == kCloseQuoteToken || k == kPeriodToken || k == kExclaimToken || k == kQuestionToken ||
          k == kEllipsisToken) {
        ++j;
      } else if (k == kCloseBracketToken && depth > 0) {
        --depth;
        ++j;
      } else {
        break;
      }
    }
    const bool decided_later = j >= n_ || (flags_[j] & kNewlineBefore);
    if (decided_later || EndsBefore(i, j)) {
      depth_ = depth;
      if (!decided_later) Close(j);
      i = j - 1;  // at the end or a line break, the next round decides
    }
  }
  Close(n_);
}

}  // namespace

void SplitSentences(const WordLists& lists, const std::vector<uint8_t>& kinds,
                    const std::vector<uint8_t>& flags, bool wrapped, Doc& doc) {
  if (doc.tokens.empty()) return;
  Splitter s(lists, kinds, flags, wrapped, doc);
  s.Run();
}

}  // namespace kroniek::tok
