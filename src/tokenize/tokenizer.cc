// The token splitter: white-space separated chunks are cut into tokens by peeling punctuation
// off their start and end and then splitting what is left at the marks that never occur inside
// a Dutch word. Sentence splitting is in sentence_splitter.cc.
#include "tokenize/tokenizer.h"

#include <string>
#include <vector>

#include "base/embedded_data.h"
#include "base/errors.h"
#include "tokenize/char_class.h"
#include "tokenize/sentence_model.h"
#include "tokenize/token_info.h"

namespace kroniek {
namespace tok {
namespace {

inline bool IsApostropheClass(CharClass c) {
  return c == kApos || c == kRightSingle || c == kLeftSingle || c == kBacktick;
}
inline bool IsVowel(char c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// Parses "word<TAB>class" lines (or bare words) of an embedded list into a table.
Status LoadList(std::string_view name, WordTable* table, uint8_t (*value_of)(std::string_view)) {
  std::optional<std::string_view> data = EmbeddedData(name);
  if (!data) {
    return MakeError(StatusCode::kNotFound, ErrorId::kModelNotFound,
                     "tokenizer word list " + std::string(name) + " is not compiled in");
  }
  std::string_view rest = *data;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    std::string_view word = line.substr(0, tab);
    std::string_view cls =
        tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    uint8_t v = value_of(cls);
    if (v == 0) {
      return MakeError(StatusCode::kCorruption, ErrorId::kModelCorrupt,
                       std::string(name) + ": unknown class '" + std::string(cls) + "'");
    }
    table->Insert(word, v);
  }
  return Status();
}

uint8_t AbbrevClassOf(std::string_view cls) {
  if (cls == "title") return kAbbrevTitleClass;
  if (cls == "mid") return kAbbrevMid;
  if (cls == "end") return kAbbrevEnd;
  if (cls == "word") return kAbbrevWord;
  return 0;
}
uint8_t PresentValue(std::string_view) { return 1; }

// Scratch memory of one Tokenize call, kept per thread so that a warm tokenizer never allocates
// beyond the Doc's own vectors.
struct Scratch {
  std::vector<uint32_t> pos;  // byte offset of each unit of the current chunk, plus the end
  std::vector<uint8_t> cls;   // class of each unit
  std::vector<uint8_t> kinds;
  std::vector<uint8_t> flags;
};

constexpr uint32_t kMaxSuffixes = 64;

struct Pending {
  uint32_t b, e;  // unit indexes
  uint8_t kind, flags;
};

class ChunkSplitter {
 public:
  ChunkSplitter(const WordLists& lists, const std::string& text, Scratch& s, Doc& doc)
      : lists_(lists),
        text_(text),
        pos_(s.pos),
        cls_(s.cls),
        kinds_(s.kinds),
        flags_(s.flags),
        doc_(doc) {}

  // Tokenises the whole text. Returns true when the text looks hard-wrapped (many line breaks
  // inside sentences), which the sentence splitter needs to know.
  bool Run();

 private:
  void ScanChunk(size_t* i);
  void ProcessChunk();
  void Emit(uint32_t b, uint32_t e, uint8_t kind, uint8_t flags = 0);
  void EmitCore(uint32_t b, uint32_t e);
  void EmitAuto(uint32_t b, uint32_t e);
  void SplitCore(uint32_t b, uint32_t e);
  uint8_t WordFlags(uint32_t b, uint32_t e) const;
  bool ApostropheWordAt(uint32_t b, uint32_t e) const;
  bool InternalOpenParen(uint32_t b, uint32_t e) const;
  bool InternalCloseParen(uint32_t b, uint32_t e) const;
  bool UrlAt(uint32_t b, uint32_t e) const;
  bool EmailIn(uint32_t b, uint32_t e) const;
  // Decides whether the piece [b, e), which ends with a single period, keeps it. On yes, sets
  // *kind and *flags for the token.
  bool KeepsFinalPeriod(uint32_t b, uint32_t e, uint8_t* kind, uint8_t* flags) const;
  // True when the text after unit e (in this chunk, or the next chunk on the same line) goes on
  // in lowercase, with a digit or with a comma-like mark.
  bool Continues(uint32_t e) const;
  // True when the next chunk, on the same line, is a capitalised function word that is not a
  // name particle (Maar, Hij; not De, Van).
  bool NextIsSentenceOpener() const;
  bool AbbreviationEndsAt(uint32_t b, uint32_t e) const;
  char Ascii(uint32_t u) const { return text_[pos_[u]]; }
  std::string_view UnitText(uint32_t b, uint32_t e) const {
    return std::string_view(text_).substr(pos_[b], pos_[e] - pos_[b]);
  }
  CharClass C(uint32_t u) const { return static_cast<CharClass>(cls_[u]); }
  bool IsOpener(uint32_t u, uint32_t e) const;

  const WordLists& lists_;
  const std::string& text_;
  std::vector<uint32_t>& pos_;
  std::vector<uint8_t>& cls_;
  std::vector<uint8_t>& kinds_;
  std::vector<uint8_t>& flags_;
  Doc& doc_;

  uint32_t n_ = 0;               // units in the current chunk
  uint32_t mask_ = 0;            // classes present in the current chunk
  uint8_t first_flags_ = 0;      // kNewlineBefore / kParaBefore for the chunk's first token
  bool line_start_ = true;       // the chunk is the first on its line
  CharClass next_cls_ = kSpace;  // class of the next chunk's first unit (kSpace: none)
  bool next_same_line_ = false;
  size_t next_start_ = 0;     // byte offset of the next chunk
  bool open_single_ = false;  // a single quote was opened and not closed yet
  bool open_double_ = false;  // the same for "
};

void ChunkSplitter::Emit(uint32_t b, uint32_t e, uint8_t kind, uint8_t flags) {
  doc_.tokens.push_back(Span{pos_[b], pos_[e]});
  kinds_.push_back(kind);
  flags_.push_back(flags | first_flags_);
  first_flags_ = 0;
}

uint8_t ChunkSplitter::WordFlags(uint32_t b, uint32_t e) const {
  uint32_t letters = 0, upper = 0;
  uint8_t f = 0;
  for (uint32_t u = b; u < e; ++u) {
    CharClass c = C(u);
    if (c == kUpper || c == kLower) {
      if (letters == 0) f = c == kUpper ? kCapital : kLowerStart;
      ++letters;
      if (c == kUpper) ++upper;
    } else if (c == kLetter) {
      ++letters;
    }
  }
  if (letters >= 2 && upper == letters) f |= kAllCaps;
  return f;
}

// A token for the units [b, e) whose kind follows from its first units.
void ChunkSplitter::EmitAuto(uint32_t b, uint32_t e) {
  CharClass c = C(b);
  uint8_t kind = kWordToken;
  if (c == kDigit) {
    kind = kNumberToken;
  } else if (IsApostropheClass(c) && e > b + 1) {
    kind = kApostropheToken;
  } else if ((c == kHyphen || c == kDash || (c == kJoiner && Ascii(b) == '+')) && e > b + 1 &&
             C(b + 1) == kDigit) {
    kind = kNumberToken;
  } else if (!IsWordClass(c) && e == b + 1) {
    kind = kSymbolToken;
  }
  Emit(b, e, kind, kind == kWordToken || kind == kApostropheToken ? WordFlags(b, e) : 0);
}

// The last piece of a core: decides about a final period.
void ChunkSplitter::EmitCore(uint32_t b, uint32_t e) {
  if (C(e - 1) == kPeriod && (e - b == 1 || C(e - 2) != kPeriod)) {
    if (e - b == 1) {
      Emit(b, e, kPeriodToken);
      return;
    }
    uint8_t kind = 0, flags = 0;
    if (KeepsFinalPeriod(b, e, &kind, &flags)) {
      Emit(b, e, kind, flags | WordFlags(b, e));
    } else {
      EmitAuto(b, e - 1);
      Emit(e - 1, e, kPeriodToken);
    }
    return;
  }
  EmitAuto(b, e);
}

bool ChunkSplitter::Continues(uint32_t e) const {
  if (e < n_) {
    CharClass c = C(e);
    return c == kLower || c == kDigit || c == kComma || c == kSemicolon || c == kColon ||
           c == kCloseBracket;
  }
  return next_same_line_ && (next_cls_ == kLower || next_cls_ == kDigit);
}

// "K.N.S.M." or "enz." ends at unit e (after its period): for a double period after it.
bool ChunkSplitter::AbbreviationEndsAt(uint32_t b, uint32_t e) const {
  uint32_t ws = e - 1;
  while (ws > b && (IsLetterClass(C(ws - 1)) || C(ws - 1) == kPeriod)) --ws;
  if (e - ws >= 3 && C(e - 3) == kPeriod) return true;  // initials
  std::string_view word = UnitText(ws, e);
  if (word.size() > 16) return false;
  char buf[16];
  for (size_t i = 0; i < word.size(); ++i) {
    char ch = word[i];
    buf[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  }
  uint8_t cls = lists_.abbreviations.Find(std::string_view(buf, word.size()));
  return cls != 0 && cls != kAbbrevWord;
}

bool ChunkSplitter::NextIsSentenceOpener() const {
  if (!next_same_line_ || next_cls_ != kUpper) return false;
  size_t j = next_start_;
  const size_t n = text_.size();
  while (j < n && j - next_start_ < 16) {
    unsigned char ch = static_cast<unsigned char>(text_[j]);
    if (ch >= 0x80 || !IsLetterClass(kAsciiClass[ch])) break;
    ++j;
  }
  if (j < n && static_cast<unsigned char>(text_[j]) >= 0x80) return false;
  std::string_view word = std::string_view(text_).substr(next_start_, j - next_start_);
  return IsFunctionWord(lists_, word) && !IsNameParticle(lists_, word);
}

bool ChunkSplitter::KeepsFinalPeriod(uint32_t b, uint32_t e, uint8_t* kind, uint8_t* flags) const {
  const uint32_t w = e - 1;  // the period
  CharClass last = C(w - 1);
  if (last == kDigit) {
    // "1." opening a numbered line.
    if (b != 0 || e != n_ || !line_start_ || !next_same_line_ || next_cls_ == kSpace) return false;
    if (w - b > 3) return false;
    for (uint32_t u = b; u < w; ++u) {
      if (C(u) != kDigit) return false;
    }
    *kind = kListNumberToken;
    return true;
  }
  if (!IsLetterClass(last)) return false;
  std::string_view word = UnitText(b, e);
  // Listed abbreviations, as written or in lowercase.
  if (word.size() <= 16) {
    uint8_t cls = lists_.abbreviations.Find(word);
    if (cls == 0) {
      char buf[16];
      bool changed = false;
      for (size_t i = 0; i < word.size(); ++i) {
        char ch = word[i];
        if (ch >= 'A' && ch <= 'Z') {
          ch = static_cast<char>(ch + 32);
          changed = true;
        }
        buf[i] = ch;
      }
      if (changed) cls = lists_.abbreviations.Find(std::string_view(buf, word.size()));
    }
    if (cls != 0) {
      if (cls == kAbbrevWord && !Continues(e)) return false;
      // "330 v. Chr. Bijna ...", "8 pct. Het ...": UD splits the period off an abbreviation that
      // ends a sentence, except the list closers (enz., etc.) and titles.
      if ((cls == kAbbrevMid || cls == kAbbrevWord) && e == n_ && NextIsSentenceOpener()) {
        return false;
      }
      *kind = kAbbrevToken;
      *flags = cls == kAbbrevTitleClass ? kAbbrevTitle : cls == kAbbrevEnd ? kAbbrevEnds : 0;
      return true;
    }
  }
  // Initials and letter abbreviations: J. J.P. d.w.z. U.S.A.
  {
    uint32_t u = b, segments = 0;
    bool ok = true, upper = true;
    while (u < e) {
      if (!IsLetterClass(C(u)) || u + 1 >= e || C(u + 1) != kPeriod) {
        ok = false;
        break;
      }
      if (C(u) != kUpper) upper = false;
      ++segments;
      u += 2;
    }
    if (ok) {
      if (segments == 1) {
        // A lowercase letter: inside a sentence, or after another abbreviation (v. d. Berg).
        if (!upper && !Continues(e) &&
            !(b == 0 && !kinds_.empty() &&
              (kinds_.back() == kInitialToken || kinds_.back() == kAbbrevToken))) {
          return false;
        }
        // "eigenschap B. Maar": a letter that ends a sentence, not an initial.
        if (e == n_ && NextIsSentenceOpener()) return false;
        *kind = kInitialToken;
      } else {
        *kind = kInitialsToken;
      }
      return true;
    }
  }
  // Short ASCII words without a vowel: before lowercase or a digit (blz., str.), or
  // capitalised and short before anything (Th., Wm., Chr.).
  if (e - b <= 5) {
    uint32_t upper = 0;
    for (uint32_t u = b; u < w; ++u) {
      CharClass c = C(u);
      unsigned char ch = static_cast<unsigned char>(Ascii(u));
      if ((c != kUpper && c != kLower) || ch >= 0x80 || IsVowel(ch)) return false;
      if (c == kUpper) ++upper;
    }
    if (upper >= 2) return false;  // an acronym (KLM.) ends a sentence
    bool name_part = upper == 1 && C(b) == kUpper && w - b >= 2 && w - b <= 3;
    if (!name_part && !Continues(e)) return false;
    if (e == n_ && NextIsSentenceOpener()) return false;
    *kind = kAbbrevToken;
    return true;
  }
  return false;
}

// 's 't 'n 'k 'm 'r 'ns 'em 'ie, '80 '80s, 's-Hertogenbosch.
bool ChunkSplitter::ApostropheWordAt(uint32_t b, uint32_t e) const {
  uint32_t u = b + 1;
  if (u >= e) return false;
  if (C(u) == kDigit) {
    if (u + 1 >= e || C(u + 1) != kDigit) return false;
    u += 2;
    if (u < e && C(u) == kLower && Ascii(u) == 's') ++u;
    return u == e || !IsWordClass(C(u));
  }
  uint32_t v = u;
  while (v < e && (C(v) == kLower || C(v) == kUpper) && v - u < 3) ++v;
  if (v == u || (v < e && IsWordClass(C(v)))) return false;
  char buf[4];
  for (uint32_t k = u; k < v; ++k) buf[k - u] = static_cast<char>(Ascii(k) | 0x20);
  if (lists_.apostrophe.Find(std::string_view(buf, v - u)) == 0) return false;
  // 's-Hertogenbosch: the apostrophe word joins a hyphenated name.
  return true;
}

// "(werk)dag", "(tbs-)behandeling": an opening bracket whose closing one is followed by letters.
bool ChunkSplitter::InternalOpenParen(uint32_t b, uint32_t e) const {
  for (uint32_t u = b + 1; u < e; ++u) {
    CharClass c = C(u);
    if (c == kCloseBracket) return u > b + 1 && u + 1 < e && IsLetterClass(C(u + 1));
    if (!IsWordClass(c) && c != kHyphen) return false;
  }
  return false;
}

// "zuurstoftent(je)", "woord(en)": a closing bracket whose opening one follows a word character.
bool ChunkSplitter::InternalCloseParen(uint32_t b, uint32_t e) const {
  // e - 1 is the closing bracket.
  for (uint32_t u = e - 1; u-- > b;) {
    CharClass c = C(u);
    if (c == kOpenBracket) return u > b && IsWordClass(C(u - 1)) && u + 1 < e - 1;
    if (!IsWordClass(c) && c != kHyphen) return false;
  }
  return false;
}

bool ChunkSplitter::UrlAt(uint32_t b, uint32_t e) const {
  if (!(mask_ & ((1u << kColon) | (1u << kPeriod)))) return false;
  std::string_view s = UnitText(b, e);
  auto starts = [&](std::string_view p) {
    if (s.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if ((s[i] | 0x20) != p[i] && s[i] != p[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://") || starts("ftp://") || starts("www.");
}

bool ChunkSplitter::EmailIn(uint32_t b, uint32_t e) const {
  if (!(mask_ & (1u << kJoiner)) || !(mask_ & (1u << kPeriod))) return false;
  uint32_t at = e;
  for (uint32_t u = b + 1; u < e; ++u) {
    if (C(u) == kJoiner && Ascii(u) == '@') {
      at = u;
      break;
    }
  }
  if (at == e || !IsWordClass(C(at - 1))) return false;
  for (uint32_t u = at + 1; u + 1 < e; ++u) {
    if (C(u) == kPeriod && IsLetterClass(C(u + 1))) return true;
  }
  return false;
}

// Whether the unit u (a quote mark) opens: it is followed by a word or by an opening mark.
bool ChunkSplitter::IsOpener(uint32_t u, uint32_t e) const {
  if (u + 1 >= e) return false;
  CharClass c = C(u + 1);
  return IsWordClass(c) || c == kOpenBracket || c == kOpenDouble || c == kLeftSingle ||
         c == kApos || c == kHyphen || c == kPeriod || c == kEllipsis || c == kJoiner ||
         c == kSymbol || c == kBacktick;
}

void ChunkSplitter::ProcessChunk() {
  const uint32_t n = n_;
  // Fast path: only letters and digits.
  constexpr uint32_t kWordMask = (1u << kUpper) | (1u << kLower) | (1u << kLetter) | (1u << kDigit);
  if ((mask_ & ~kWordMask) == 0) {
    EmitAuto(0, n);
    return;
  }
  uint32_t b = 0, e = n;
  // Prefixes.
  while (b < e) {
    CharClass c = C(b);
    if (IsWordClass(c)) break;
    uint32_t len = 1;
    uint8_t kind = kSymbolToken, flags = 0;
    bool to_core = false;
    switch (c) {
      case kComma: {
        uint32_t r = 1;
        while (b + r < e && C(b + r) == kComma) ++r;
        if (r % 2 == 0) {  // ,, (an odd run starts with a comma: "gisteren,,, maar")
          len = 2;
          kind = kOpenQuoteToken;
          flags = kDoubleKind;
          open_double_ = true;
        } else {
          kind = kCommaToken;
        }
        break;
      }
      case kApos:
      case kRightSingle:
      case kLeftSingle:
      case kBacktick:
        if (ApostropheWordAt(b, e)) {
          to_core = true;
          break;
        }
        if (b + 1 < e && C(b + 1) == c) {  // '' `` ’’ ‘‘
          len = 2;
          flags = kDoubleKind;
          kind = (c == kBacktick || c == kLeftSingle || IsOpener(b + 1, e)) ? kOpenQuoteToken
                                                                            : kCloseQuoteToken;
          if (kind == kOpenQuoteToken) open_double_ = true;
        } else if (c == kBacktick || c == kLeftSingle || IsOpener(b, e)) {
          kind = kOpenQuoteToken;
          open_single_ = true;
        } else if (b + 1 == e) {  // a lone quote: opens unless one is open
          kind = open_single_ ? kCloseQuoteToken : kOpenQuoteToken;
          open_single_ = !open_single_;
        } else {
          kind = kCloseQuoteToken;
          open_single_ = false;
        }
        break;
      case kDoubleQuote:
        if (IsOpener(b, e)) {
          kind = kOpenQuoteToken;
          open_double_ = true;
        } else if (b + 1 == e) {
          kind = open_double_ ? kCloseQuoteToken : kOpenQuoteToken;
          open_double_ = !open_double_;
        } else {
          kind = kCloseQuoteToken;
          open_double_ = false;
        }
        flags = kDoubleKind;
        break;
      case kOpenDouble:
        kind = kOpenQuoteToken;
        flags = kDoubleKind;
        open_double_ = true;
        break;
      case kCloseDouble:
        kind = kCloseQuoteToken;
        flags = kDoubleKind;
        open_double_ = false;
        break;
      case kOpenBracket:
        if (InternalOpenParen(b, e)) {
          to_core = true;
          break;
        }
        kind = kOpenBracketToken;
        break;
      case kCloseBracket:
        kind = kCloseBracketToken;
        break;
      case kPeriod:
        while (b + len < e && C(b + len) == kPeriod) ++len;
        if (len >= 2) {
          kind = kEllipsisToken;
        } else {
          kind = kPeriodToken;
        }
        break;
      case kEllipsis:
        kind = kEllipsisToken;
        break;
      case kHyphen:
        while (b + len < e && C(b + len) == kHyphen) ++len;
        if (len == 1 && b + 1 < e && IsWordClass(C(b + 1))) {
          to_core = true;  // -ie, -tarieven, -3
          break;
        }
        kind = kDashToken;
        break;
      case kDash:
        kind = kDashToken;
        break;
      case kExclaim:
        kind = kExclaimToken;
        break;
      case kQuestion:
        kind = kQuestionToken;
        break;
      case kColon:
        kind = kColonToken;
        break;
      case kSemicolon:
        kind = kSemicolonToken;
        break;
      case kJoiner: {
        char ch = Ascii(b);
        if (b + 1 < e && ((ch == '#' || ch == '@') ? IsWordClass(C(b + 1))
                                                   : (ch == '+' && C(b + 1) == kDigit))) {
          to_core = true;
        }
        break;
      }
      default:
        break;
    }
    if (to_core) break;
    Emit(b, b + len, kind, flags);
    b += len;
  }
  if (b >= e) return;

  // Suffixes, collected from the end.
  Pending suffix[kMaxSuffixes];
  uint32_t nsuf = 0;
  const bool protect = UrlAt(b, e) || EmailIn(b, e);
  auto push = [&](uint32_t len, uint8_t kind, uint8_t flags = 0) {
    suffix[nsuf++] = Pending{e - len, e, kind, flags};
    e -= len;
  };
  // A longer run of marks is split by SplitCore.
  while (e > b && nsuf < kMaxSuffixes) {
    CharClass c = C(e - 1);
    if (IsWordClass(c)) break;
    if (protect) {
      if (c == kPeriod || c == kComma || c == kColon || c == kSemicolon || c == kExclaim ||
          c == kQuestion || c == kApos || c == kRightSingle || c == kDoubleQuote ||
          c == kCloseDouble || c == kEllipsis ||
          (c == kCloseBracket && !InternalCloseParen(b, e))) {
        uint8_t kind = c == kPeriod         ? kPeriodToken
                       : c == kComma        ? kCommaToken
                       : c == kColon        ? kColonToken
                       : c == kSemicolon    ? kSemicolonToken
                       : c == kExclaim      ? kExclaimToken
                       : c == kQuestion     ? kQuestionToken
                       : c == kEllipsis     ? kEllipsisToken
                       : c == kCloseBracket ? kCloseBracketToken
                                            : kCloseQuoteToken;
        push(1, kind);
        continue;
      }
      break;
    }
    bool stop = false;
    switch (c) {
      case kPeriod: {
        uint32_t r = 1;
        while (e - r > b && C(e - r - 1) == kPeriod) ++r;
        if (r >= 2) {
          // "K.N.S.M.." is an abbreviation and a period; otherwise an ellipsis, except in an
          // open range of years (1995-...).
          if (e - r > b + 1 && C(e - r - 1) == kHyphen && C(e - r - 2) == kDigit) {
            stop = true;
          } else if (r == 2 && e - 2 > b && IsLetterClass(C(e - 3)) &&
                     AbbreviationEndsAt(b, e - 1)) {
            push(1, kPeriodToken);
          } else {
            push(r, kEllipsisToken);
          }
        } else {
          stop = true;  // a single final period is decided with the last piece of the core
        }
        break;
      }
      case kComma:
        if (e - 1 > b && C(e - 2) == kComma) {
          push(2, kOpenQuoteToken, kDoubleKind);
        } else {
          push(1, kCommaToken);
        }
        break;
      case kApos:
      case kRightSingle:
        if (e - 1 > b && C(e - 2) == c) {
          push(2, kCloseQuoteToken, kDoubleKind);
          open_double_ = false;
        } else if (open_single_) {
          push(1, kCloseQuoteToken);
          open_single_ = false;
        } else {
          // Jenkins' (possessive), l' (elision before a word): kept.
          uint32_t len = e - 1 - b;
          char prev = Ascii(e - 2);
          bool letters = IsLetterClass(C(e - 2));
          if (letters && len >= 3 && (prev == 's' || prev == 'x' || prev == 'z')) {
            stop = true;
          } else if (letters && len <= 4 && b == 0 && e == n && next_same_line_ &&
                     IsLetterClass(next_cls_)) {
            stop = true;
          } else {
            push(1, kCloseQuoteToken);
          }
        }
        break;
      case kLeftSingle:
      case kBacktick:
        push(1, kCloseQuoteToken);
        open_single_ = false;
        break;
      case kDoubleQuote:
      case kOpenDouble:
      case kCloseDouble:
        push(1, kCloseQuoteToken, kDoubleKind);
        open_double_ = false;
        break;
      case kCloseBracket:
        if (InternalCloseParen(b, e)) {
          stop = true;
        } else {
          push(1, kCloseBracketToken);
        }
        break;
      case kOpenBracket:
        push(1, kOpenBracketToken);
        break;
      case kHyphen: {
        uint32_t r = 1;
        while (e - r > b && C(e - r - 1) == kHyphen) ++r;
        if (r >= 2) {
          push(r, kDashToken);
        } else if (e - 1 > b && (IsWordClass(C(e - 2)) ||
                                 (C(e - 2) == kComma && e - 2 > b && C(e - 3) == kDigit))) {
          stop = true;  // land- (en tuinbouw), 10,-
        } else {
          push(1, kDashToken);
        }
        break;
      }
      case kDash:
        push(1, kDashToken);
        break;
      case kExclaim:
        push(1, kExclaimToken);
        break;
      case kQuestion:
        push(1, kQuestionToken);
        break;
      case kColon:
        push(1, kColonToken);
        break;
      case kSemicolon:
        push(1, kSemicolonToken);
        break;
      case kEllipsis:
        push(1, kEllipsisToken);
        break;
      case kJoiner: {
        char ch = Ascii(e - 1);
        if ((ch == '%' || static_cast<unsigned char>(ch) == 0xC2) && e - 1 > b &&
            C(e - 2) == kDigit) {
          stop = true;  // 5%, 20°
        } else {
          push(1, kSymbolToken);
        }
        break;
      }
      default:
        push(1, kSymbolToken);
        break;
    }
    if (stop) break;
  }
  if (e > b) {
    if (protect) {
      Emit(b, e, kWordToken, WordFlags(b, e));
    } else {
      SplitCore(b, e);
    }
  }
  while (nsuf > 0) {
    const Pending& p = suffix[--nsuf];
    Emit(p.b, p.e, p.kind, p.flags);
  }
}

// Splits what is left of a chunk after its prefixes and suffixes: the first and last units stay
// (the prefix and suffix loops decided about them), marks inside are split off where they
// cannot be part of a word.
void ChunkSplitter::SplitCore(uint32_t b, uint32_t e) {
  uint32_t s = b;
  uint32_t i = b + 1;
  int depth = C(b) == kOpenBracket ? 1 : 0;  // brackets open in the current piece
  while (i + 1 < e) {
    CharClass c = C(i);
    if (IsWordClass(c)) {
      ++i;
      continue;
    }
    uint32_t len = 0;  // 0: keep the unit in the current piece
    uint8_t kind = kSymbolToken, flags = 0;
    switch (c) {
      case kPeriod: {
        uint32_t r = 1;
        while (i + r < e && C(i + r) == kPeriod) ++r;
        if (r >= 2) {
          if (i + r < e) {
            len = r;
            kind = kEllipsisToken;
          } else {
            i += r;
            continue;
          }
        } else if (i >= s + 2 && C(i - 1) == kLower && C(i - 2) == kLower && i + 2 < e &&
                   C(i + 1) == kUpper && C(i + 2) == kLower) {
          // "gezegd.Hij": a missing space after a sentence.
          len = 1;
          kind = kPeriodToken;
        } else if (i > s && !IsWordClass(C(i + 1)) && C(i + 1) != kHyphen && C(i + 1) != kSlash &&
                   C(i + 1) != kJoiner && C(i + 1) != kApos) {
          // "Verschuere.)": the piece ends here; EmitCore decides about the period.
          EmitCore(s, i + 1);
          s = ++i;
          depth = 0;
          continue;
        }
        break;
      }
      case kComma:
        if (C(i + 1) == kComma) {
          len = 2;
          kind = kOpenQuoteToken;
          flags = kDoubleKind;
          open_double_ = true;
        } else if (!(C(i - 1) == kDigit && (C(i + 1) == kDigit || C(i + 1) == kHyphen))) {
          len = 1;
          kind = kCommaToken;
        }
        break;
      case kColon:
        if (!(C(i - 1) == kDigit && C(i + 1) == kDigit)) {
          len = 1;
          kind = kColonToken;
        }
        break;
      case kApos:
      case kRightSingle:
        if (C(i + 1) == c) {
          len = 2;
          flags = kDoubleKind;
          kind = IsOpener(i + 1, e) ? kOpenQuoteToken : kCloseQuoteToken;
          open_double_ = kind == kOpenQuoteToken;
        } else if ((IsWordClass(C(i - 1)) || C(i - 1) == kHyphen) && IsWordClass(C(i + 1))) {
          // zo'n, auto's, AZ&PC'ers, al-'Iskandariyyah
        } else if (!open_single_ && IsLetterClass(C(i - 1)) && i >= s + 3 &&
                   (Ascii(i - 1) == 's' || Ascii(i - 1) == 'x' || Ascii(i - 1) == 'z')) {
          // Jenkins'.
        } else {
          len = 1;
          kind = IsOpener(i, e) && !IsWordClass(C(i - 1)) ? kOpenQuoteToken : kCloseQuoteToken;
          open_single_ = kind == kOpenQuoteToken;
        }
        break;
      case kLeftSingle:
      case kBacktick:
        len = 1;
        kind = IsOpener(i, e) ? kOpenQuoteToken : kCloseQuoteToken;
        open_single_ = kind == kOpenQuoteToken;
        break;
      case kDoubleQuote:
      case kOpenDouble:
      case kCloseDouble:
        len = 1;
        flags = kDoubleKind;
        kind = (c == kOpenDouble || (c == kDoubleQuote && !IsWordClass(C(i - 1)))) && IsOpener(i, e)
                   ? kOpenQuoteToken
                   : kCloseQuoteToken;
        open_double_ = kind == kOpenQuoteToken;
        break;
      case kOpenBracket:
        if (!IsWordClass(C(i - 1)) && !InternalOpenParen(i, e)) {
          len = 1;
          kind = kOpenBracketToken;
        } else {
          ++depth;
        }
        break;
      case kCloseBracket:
        if (depth > 0) {
          --depth;
        } else {
          len = 1;
          kind = kCloseBracketToken;
        }
        break;
      case kHyphen: {
        uint32_t r = 1;
        while (i + r < e && C(i + r) == kHyphen) ++r;
        if (r >= 2) {
          len = r;
          kind = kDashToken;
        }
        break;
      }
      case kDash:
        if (!(C(i - 1) == kDigit && C(i + 1) == kDigit)) {
          len = 1;
          kind = kDashToken;
        }
        break;
      case kExclaim:
        len = 1;
        kind = kExclaimToken;
        break;
      case kQuestion:
        len = 1;
        kind = kQuestionToken;
        break;
      case kSemicolon:
        len = 1;
        kind = kSemicolonToken;
        break;
      case kEllipsis:
        len = 1;
        kind = kEllipsisToken;
        break;
      case kSlash:
      case kJoiner:
        break;
      default:
        len = 1;
        kind = kSymbolToken;
        break;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    if (i > s) EmitAuto(s, i);
    Emit(i, i + len, kind, flags);
    i += len;
    s = i;
    depth = 0;
  }
  if (s < e) EmitCore(s, e);
}

// Reads the chunk starting at *i (a non-space) into pos_/cls_ and advances *i past it.
void ChunkSplitter::ScanChunk(size_t* i) {
  const std::string& t = text_;
  const size_t n = t.size();
  size_t p = *i;
  pos_.clear();
  cls_.clear();
  uint32_t mask = 0;
  while (p < n) {
    unsigned char ch = static_cast<unsigned char>(t[p]);
    CharClass c;
    size_t len = 1;
    if (ch < 0x80) {
      c = kAsciiClass[ch];
    } else {
      c = ClassOf(DecodeAt(t, p, &len));
    }
    if (IsSpaceClass(c)) break;
    pos_.push_back(static_cast<uint32_t>(p));
    cls_.push_back(c);
    mask |= 1u << c;
    p += len;
    while (p < n && static_cast<unsigned char>(t[p]) >= 0xCC) {
      size_t l2;
      uint32_t cp = DecodeAt(t, p, &l2);
      if (!IsExtender(cp)) break;
      p += l2;
    }
  }
  n_ = static_cast<uint32_t>(cls_.size());
  pos_.push_back(static_cast<uint32_t>(p));
  mask_ = mask;
  *i = p;
}

bool ChunkSplitter::Run() {
  const std::string& t = text_;
  const size_t n = t.size();
  size_t i = 0;
  uint32_t single_breaks = 0, lower_after_break = 0;
  // White space before the first chunk.
  auto skip_space = [&](size_t* p, int* breaks, bool* para) {
    *breaks = 0;
    *para = false;
    while (*p < n) {
      unsigned char ch = static_cast<unsigned char>(t[*p]);
      CharClass c;
      size_t len = 1;
      if (ch < 0x80) {
        c = kAsciiClass[ch];
      } else {
        c = ClassOf(DecodeAt(t, *p, &len));
      }
      if (!IsSpaceClass(c)) break;
      if (c == kLineBreak) {
        if (!(ch == '\n' && *p > 0 && t[*p - 1] == '\r')) ++*breaks;  // \r\n is one break
      } else if (c == kParaBreak) {
        *para = true;
      }
      *p += len;
    }
    if (*breaks >= 2) *para = true;
  };
  int breaks = 0;
  bool para = false;
  skip_space(&i, &breaks, &para);
  line_start_ = true;
  bool first = true;
  while (i < n) {
    ScanChunk(&i);
    size_t j = i;
    int next_breaks = 0;
    bool next_para = false;
    skip_space(&j, &next_breaks, &next_para);
    if (j < n) {
      unsigned char ch = static_cast<unsigned char>(t[j]);
      size_t len;
      next_cls_ = ch < 0x80 ? kAsciiClass[ch] : ClassOf(DecodeAt(t, j, &len));
      next_same_line_ = next_breaks == 0 && !next_para;
      next_start_ = j;
      if (next_breaks == 1 && !next_para) {
        ++single_breaks;
        if (next_cls_ == kLower) ++lower_after_break;
      }
    } else {
      next_cls_ = kSpace;
      next_same_line_ = false;
    }
    first_flags_ = 0;
    if (!first) {
      if (para) {
        first_flags_ = kParaBefore | kNewlineBefore;
        open_single_ = open_double_ = false;
      } else if (breaks > 0) {
        first_flags_ = kNewlineBefore;
      }
    }
    first = false;
    ProcessChunk();
    line_start_ = next_breaks > 0 || next_para;
    breaks = next_breaks;
    para = next_para;
    i = j;
  }
  return lower_after_break >= 2 && lower_after_break * 4 >= single_breaks;
}

// A straight double quote standing alone between spaces ("... toegroeien. \" Er is ...") may open
// or close; the chunk splitter guessed by alternation, which one unbalanced quote upsets for the
// rest of the text (quotations of several sentences, quotes lost in a source). Decides again with
// the tokens around it, and alternation only where they say nothing: before a lowercase word or
// a punctuation mark it closes; after a colon, an opening bracket, a comma or a dash, before a
// capital, it opens. Quotes that are glued to a word keep their kind and set the alternation.
void ResolveLoneQuotes(const Doc& doc, const std::vector<uint8_t>& space_after,
                       std::vector<uint8_t>& kinds, std::vector<uint8_t>& flags) {
  const size_t n = kinds.size();
  bool open = false;
  for (size_t i = 0; i < n; ++i) {
    if (flags[i] & kParaBefore) open = false;
    if (kinds[i] != kOpenQuoteToken && kinds[i] != kCloseQuoteToken) continue;
    if (!(flags[i] & kDoubleKind)) continue;
    const bool lone = doc.TokenText(i) == "\"" && (i == 0 || space_after[i - 1]) &&
                      (i + 1 == n || space_after[i]);
    if (!lone) {
      open = kinds[i] == kOpenQuoteToken;
      continue;
    }
    bool opens = !open;
    if (i + 1 == n) {
      opens = false;
    } else {
      const uint8_t nk = kinds[i + 1], nf = flags[i + 1];
      const uint8_t pk = i > 0 ? kinds[i - 1] : uint8_t{kColonToken};
      if (((nk == kWordToken || nk == kApostropheToken) && (nf & kLowerStart)) ||
          nk == kCommaToken || nk == kPeriodToken || nk == kColonToken || nk == kSemicolonToken ||
          nk == kCloseBracketToken || nk == kExclaimToken || nk == kQuestionToken ||
          nk == kCloseQuoteToken) {
        opens = false;
      } else if (pk == kColonToken || pk == kOpenBracketToken || pk == kCommaToken ||
                 pk == kDashToken || pk == kOpenQuoteToken) {
        opens = true;
      }
    }
    kinds[i] = opens ? kOpenQuoteToken : kCloseQuoteToken;
    open = opens;
  }
}

}  // namespace

bool InTableLower(const WordTable& table, std::string_view word) {
  return word.size() <= 16 && table.FindLower(word) != 0;
}

}  // namespace tok

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;

Result<std::shared_ptr<const Tokenizer>> Tokenizer::Create() { return Create(TokenizerOptions()); }

Result<std::shared_ptr<const Tokenizer>> Tokenizer::Create(const TokenizerOptions& options) {
  std::shared_ptr<Tokenizer> t(new Tokenizer());
  t->lists_ = std::make_unique<tok::WordLists>();
  KRONIEK_RETURN_IF_ERROR(tok::LoadList("tokenize/data/abbreviations.txt",
                                        &t->lists_->abbreviations, tok::AbbrevClassOf));
  KRONIEK_RETURN_IF_ERROR(tok::LoadList("tokenize/data/apostrophe_words.txt",
                                        &t->lists_->apostrophe, tok::PresentValue));
  KRONIEK_RETURN_IF_ERROR(tok::LoadList("tokenize/data/function_words.txt",
                                        &t->lists_->function_words, tok::PresentValue));
  KRONIEK_RETURN_IF_ERROR(tok::LoadList("tokenize/data/name_particles.txt",
                                        &t->lists_->name_particles, tok::PresentValue));
  KRONIEK_RETURN_IF_ERROR(
      tok::LoadList("tokenize/data/glue_words.txt", &t->lists_->glue_words, tok::PresentValue));
  KRONIEK_RETURN_IF_ERROR(
      tok::LoadList("tokenize/data/finite_verbs.txt", &t->lists_->finite_verbs, tok::PresentValue));
  if (options.sentence_model.empty() || options.sentence_model == "builtin") {
    if (auto bytes = EmbeddedData(tok::kEmbeddedSentenceModel)) {
      auto m = tok::SentenceModel::Parse(*bytes, tok::kEmbeddedSentenceModel,
                                         /*bytes_are_static=*/true);
      if (!m.ok()) return m.status();
      t->model_ = std::move(m).value();
    }
  } else if (options.sentence_model != "none") {
    auto m = tok::SentenceModel::Open(options.sentence_model);
    if (!m.ok()) return m.status();
    t->model_ = std::move(m).value();
  }
  return std::shared_ptr<const Tokenizer>(std::move(t));
}

void Tokenizer::Tokenize(Doc& doc) const {
  if (model_) {
    tok::ModelDecider d(*model_);
    TokenizeWith(doc, &d);
  } else {
    TokenizeWith(doc, nullptr);
  }
}

void Tokenizer::TokenizeWith(Doc& doc, tok::GapDecider* decider) const {
  doc.Clear(Layer::kTokens);
  doc.Clear(Layer::kSentences);
  thread_local tok::Scratch scratch;
  scratch.kinds.clear();
  scratch.flags.clear();
  doc.tokens.reserve(doc.text.size() / 5 + 1);
  tok::ChunkSplitter splitter(*lists_, doc.text, scratch, doc);
  bool wrapped = splitter.Run();
  const size_t n = doc.tokens.size();
  doc.space_after.resize(n);
  const std::string& t = doc.text;
  for (size_t i = 0; i < n; ++i) {
    uint32_t end = doc.tokens[i].end;
    uint8_t sa = 0;
    if (end < t.size()) {
      unsigned char ch = static_cast<unsigned char>(t[end]);
      if (ch < 0x80) {
        sa = tok::IsSpaceClass(tok::kAsciiClass[ch]) ? 1 : 0;
      } else {
        size_t len;
        sa = tok::IsSpace(tok::DecodeAt(t, end, &len)) ? 1 : 0;
      }
    }
    doc.space_after[i] = sa;
  }
  tok::ResolveLoneQuotes(doc, doc.space_after, scratch.kinds, scratch.flags);
  tok::SplitSentences(*lists_, scratch.kinds, scratch.flags, wrapped, decider, doc);
  doc.Set(Layer::kTokens);
  doc.Set(Layer::kSentences);
}

namespace {
class TokenizerStage : public Stage {
 public:
  explicit TokenizerStage(std::shared_ptr<const Tokenizer> t) : t_(std::move(t)) {}
  std::string Name() const override { return "tokenizer"; }
  LayerSet Reads() const override { return {}; }
  LayerSet Writes() const override { return {Layer::kTokens, Layer::kSentences}; }
  Status Process(Doc& doc) const override {
    t_->Tokenize(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Tokenizer> t_;
};
}  // namespace

std::unique_ptr<Stage> MakeTokenizerStage(std::shared_ptr<const Tokenizer> tokenizer) {
  return std::make_unique<TokenizerStage>(std::move(tokenizer));
}

}  // namespace kroniek
