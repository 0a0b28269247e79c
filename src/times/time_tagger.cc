#include "times/time_tagger.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "times/calendar.h"
#include "times/time_lexicon.h"

namespace kroniek {

using times::Anchor;
using times::DayPart;
using times::LexEntry;
using times::Lexicon;
using times::Season;
using times::Unit;
using times::Ymd;

namespace {

// ------------------------------------------------------------------------------------------------
// Words: the tokens as the matcher sees them.

enum class NumKind : uint8_t {
  kNone,
  kInt,       // 2022, 24, 1.000
  kDecimal,   // 2,5
  kClock,     // 16.30, 16:30, 16u30, 20u
  kDate,      // 24-03-2022, 2022-03-24, 24/3/22
  kYear2,     // '80
  kOrdinal,   // 1e, 21ste, 3de
  kDayRange,  // 9-11
  kQuarter,   // q1 .. q4
};

struct Word {
  uint32_t begin = 0;  // byte span of the word in doc.text, outer punctuation excluded
  uint32_t end = 0;
  uint32_t token = 0;  // the (first) token it comes from
  std::string lower;   // lower-cased text; ’ folded to '
  const LexEntry* lex = nullptr;
  uint64_t cats = 0;
  uint8_t brk = 0;  // what separates it from the previous word: 0 nothing, 1 weak, 2 strong
  bool paren_before = false;  // an opening bracket right before
  bool paren_after = false;   // a closing bracket right after
  bool upper = false;         // starts with a capital
  NumKind nk = NumKind::kNone;
  int ndigits = 0;          // kInt: digits written
  int iv = 0;               // kInt, kOrdinal, kYear2, kQuarter value
  double dv = 0;            // kDecimal value (also kInt)
  int a = 0, b = 0, c = 0;  // kClock: hh, mm, (c = 1 when unambiguous: colon or u/h suffix);
                            // kDate: y, m, d; kDayRange: first, last
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Length of the punctuation character at s[i] (0 when s[i] is not punctuation that can wrap a
// word). `leading` allows the characters that open, `!leading` those that close.
size_t PunctAt(std::string_view s, size_t i, bool leading) {
  unsigned char ch = static_cast<unsigned char>(s[i]);
  if (ch < 0x80) {
    static constexpr std::string_view kOpen = "([{\"'`*<";
    static constexpr std::string_view kClose = ")]}\"'`*>,.;:!?";
    return (leading ? kOpen : kClose).find(static_cast<char>(ch)) != std::string_view::npos ? 1 : 0;
  }
  // Multi-byte quotes, guillemets, dashes and the ellipsis.
  static constexpr std::string_view kMulti[] = {
      "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xE2\x80\x98", "\xE2\x80\x99",
      "\xE2\x80\x9A", "\xC2\xAB",     "\xC2\xBB",     "\xE2\x80\xB9", "\xE2\x80\xBA",
      "\xE2\x80\xA6", "\xE2\x80\x93", "\xE2\x80\x94"};
  for (std::string_view m : kMulti) {
    if (s.substr(i, m.size()) == m) return m.size();
  }
  return 0;
}

// Appends `s` lower-cased (ASCII and Latin-1 capitals), with ’ folded to '.
void AppendLower(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out->push_back(static_cast<char>(c + 32));
    } else if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      out->push_back(static_cast<char>(c));
      out->push_back(static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d));
      ++i;
    } else if (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\x99") {
      out->push_back('\'');
      i += 2;
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

// Reads digits at s[*i]; returns how many (at most 9).
int Digits(std::string_view s, size_t* i, int* v) {
  int n = 0;
  *v = 0;
  while (*i < s.size() && IsDigit(s[*i])) {
    if (n < 9) *v = *v * 10 + (s[*i] - '0');
    ++n;
    ++*i;
  }
  return n;
}

// Classifies a lower-cased word that starts with a digit, an apostrophe or q.
void ParseNumber(Word& w) {
  std::string_view s = w.lower;
  if (s.empty()) return;
  if (s[0] == '\'' && s.size() == 3 && IsDigit(s[1]) && IsDigit(s[2])) {
    w.nk = NumKind::kYear2;
    w.iv = (s[1] - '0') * 10 + (s[2] - '0');
    return;
  }
  if (s[0] == 'q' && s.size() == 2 && s[1] >= '1' && s[1] <= '4') {
    w.nk = NumKind::kQuarter;
    w.iv = s[1] - '0';
    return;
  }
  if (!IsDigit(s[0])) return;
  size_t i = 0;
  int v1 = 0;
  int n1 = Digits(s, &i, &v1);
  if (n1 > 9) return;
  if (i == s.size()) {
    w.nk = NumKind::kInt;
    w.iv = v1;
    w.dv = v1;
    w.ndigits = n1;
    return;
  }
  char sep = s[i];
  std::string_view rest = s.substr(i);
  // Ordinals: 1e, 2de, 21ste, 1ste.
  if (rest == "e" || rest == "de" || rest == "ste" || rest == "ste" || rest == "en") {
    if (rest != "en") {
      w.nk = NumKind::kOrdinal;
      w.iv = v1;
    }
    return;
  }
  // Flemish and informal clock times: 20u, 16u30, 20h, 20h30.
  if ((sep == 'u' || sep == 'h') && n1 <= 2) {
    size_t j = i + 1;
    int v2 = 0;
    int n2 = Digits(s, &j, &v2);
    if (j == s.size() && (n2 == 0 || n2 == 2) && v1 <= 24 && v2 <= 59) {
      w.nk = NumKind::kClock;
      w.a = v1;
      w.b = v2;
      w.c = 1;
    }
    return;
  }
  if (sep != '.' && sep != ',' && sep != ':' && sep != '-' && sep != '/') return;
  size_t j = i + 1;
  int v2 = 0;
  int n2 = Digits(s, &j, &v2);
  if (n2 == 0) return;
  if (j == s.size() || (s[j] == 'u' && j + 1 == s.size())) {
    bool usuffix = j < s.size();
    if (sep == ',' && !usuffix) {
      w.nk = NumKind::kDecimal;
      w.dv = v1 + v2 / std::pow(10.0, n2);
      return;
    }
    if ((sep == '.' || sep == ':') && n2 == 2 && n1 <= 2 && v1 <= 24 && v2 <= 59) {
      w.nk = NumKind::kClock;
      w.a = v1;
      w.b = v2;
      w.c = usuffix ? 1 : 0;
      return;
    }
    if (sep == '.' && n2 == 3 && n1 <= 3 && !usuffix) {
      w.nk = NumKind::kInt;  // 1.000
      w.iv = v1 * 1000 + v2;
      w.dv = w.iv;
      w.ndigits = n1 + 3;
      return;
    }
    if (sep == '-' && n1 <= 2 && n2 <= 2 && v1 >= 1 && v2 <= 31 && v1 < v2 && !usuffix) {
      w.nk = NumKind::kDayRange;
      w.a = v1;
      w.b = v2;
    }
    return;
  }
  // Three-part dates.
  char sep2 = s[j];
  if (sep2 != sep || sep == ',' || sep == ':') return;
  size_t k = j + 1;
  int v3 = 0;
  int n3 = Digits(s, &k, &v3);
  if (k != s.size() || n3 == 0) return;
  int y = 0, m = 0, d = 0;
  if (n1 == 4 && n2 <= 2 && n3 <= 2) {
    y = v1, m = v2, d = v3;
  } else if (n1 <= 2 && n2 <= 2 && (n3 == 4 || n3 == 2)) {
    d = v1, m = v2, y = v3;
    if (n3 == 2) y += y <= 40 ? 2000 : 1900;
  } else {
    return;
  }
  if (!times::IsValidYmd(y, m, d)) return;
  w.nk = NumKind::kDate;
  w.a = y;
  w.b = m;
  w.c = d;
}

bool IsAbbreviationWithDot(const Word& w) {
  if (w.lower.size() == 1 && IsAsciiAlpha(w.lower[0])) return true;
  return (w.cats & (times::kMonthAbbr | times::kApprox | times::kSuffix)) != 0;
}

// Words are handed to the matcher in chunks that end at a strong break (a sentence end or a
// paragraph) once this many have been collected, so that scratch memory stays small on very
// long documents. No expression crosses a strong break, so chunking changes nothing.
constexpr size_t kChunkWords = 512;

// Builds the words of a document into `words` (scratch, reused between calls) and calls
// flush(words.data(), n) for each chunk.
template <typename Flush>
void BuildWords(const Doc& doc, const Lexicon& lex, std::vector<Word>& words, Flush flush) {
  size_t n = 0;
  std::string_view text = doc.text;
  uint8_t pending_brk = 2;
  bool pending_paren = false;
  size_t next_sentence = 0;
  uint32_t prev_end = 0;
  bool merge_apostrophe = false;  // the previous token was a lone apostrophe glued to this one
  uint32_t apostrophe_begin = 0;
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    while (next_sentence < doc.sentences.size() && doc.sentences[next_sentence].token_begin <= t) {
      if (doc.sentences[next_sentence].token_begin == t) pending_brk = 2;
      ++next_sentence;
    }
    Span sp = doc.tokens[t];
    if (sp.end > text.size() || sp.begin >= sp.end) continue;
    // Paragraph breaks (a blank line) end whatever was going on; a single newline is weak.
    if (t > 0 && sp.begin > prev_end) {
      std::string_view gap = text.substr(prev_end, sp.begin - prev_end);
      size_t nl = gap.find('\n');
      if (nl != std::string_view::npos) {
        pending_brk = std::max<uint8_t>(pending_brk,
                                        gap.find('\n', nl + 1) != std::string_view::npos ? 2 : 1);
      }
    }
    bool glued_to_prev = t > 0 && sp.begin == prev_end;
    prev_end = sp.end;
    std::string_view tok = text.substr(sp.begin, sp.size());
    // A lone apostrophe glued to the next token ('s, '80) is merged into it.
    if ((tok == "'" || tok == "\xE2\x80\x99") && t + 1 < doc.tokens.size() &&
        doc.tokens[t + 1].begin == sp.end) {
      merge_apostrophe = true;
      apostrophe_begin = sp.begin;
      continue;
    }
    size_t b = 0, e = tok.size();
    bool keep_apostrophe = merge_apostrophe;
    uint32_t word_begin = sp.begin;
    if (merge_apostrophe) {
      word_begin = apostrophe_begin;
      glued_to_prev = false;
    }
    merge_apostrophe = false;
    // Strip leading punctuation, but keep the apostrophe of 's and '80.
    while (b < e) {
      size_t p = PunctAt(tok, b, true);
      if (p == 0) break;
      if (tok[b] == '\'' || (p == 3 && tok.substr(b, 3) == "\xE2\x80\x99")) {
        std::string_view after = tok.substr(b + p, e - b - p);
        bool s_word =
            after.size() >= 1 && after[0] == 's' && (after.size() == 1 || !IsAsciiAlpha(after[1]));
        bool year2 = after.size() >= 2 && IsDigit(after[0]) && IsDigit(after[1]) &&
                     (after.size() == 2 || !IsDigit(after[2]));
        if (s_word || year2) break;
      }
      if (tok[b] == '(' || tok[b] == '[') pending_paren = true;
      pending_brk = std::max<uint8_t>(pending_brk, 1);
      b += p;
    }
    // Strip trailing punctuation (multi-byte characters are found by scanning back).
    uint8_t trailing_brk = 0;
    bool trailing_paren = false;
    bool trailing_dot = false;
    while (e > b) {
      size_t p = 0;
      if (static_cast<unsigned char>(tok[e - 1]) < 0x80) {
        p = PunctAt(tok, e - 1, false);
      } else {
        for (size_t len = 2; len <= 3 && len <= e - b; ++len) {
          if (PunctAt(tok, e - len, false) == len || PunctAt(tok, e - len, true) == len) {
            p = len;
            break;
          }
        }
      }
      if (p == 0) break;
      char c = tok[e - p];
      if (c == '.' && p == 1) trailing_dot = true;
      if (c == '.' || c == '!' || c == '?') {
        trailing_brk = 2;
      } else {
        trailing_brk = std::max<uint8_t>(trailing_brk, 1);
      }
      if (c == ')' || c == ']') trailing_paren = true;
      e -= p;
    }
    if (b >= e) {
      // A punctuation token: it separates the words around it, unless it is the full stop of
      // an abbreviation glued to the previous word (ca . with a tokenizer that splits it).
      bool dot_only = tok == ".";
      if (dot_only && glued_to_prev && n > 0 && IsAbbreviationWithDot(words[n - 1])) continue;
      for (char c : tok) {
        if (c == '(' || c == '[') pending_paren = true;
        if ((c == ')' || c == ']') && n > 0) words[n - 1].paren_after = true;
      }
      bool strong = tok.find_first_of(".!?") != std::string_view::npos;
      pending_brk = std::max<uint8_t>(pending_brk, strong ? 2 : 1);
      continue;
    }
    if (pending_brk == 2 && n >= kChunkWords) {
      flush(words.data(), n);
      n = 0;
    }
    if (n == words.size()) words.emplace_back();
    Word& w = words[n++];
    w.begin = keep_apostrophe ? word_begin : sp.begin + static_cast<uint32_t>(b);
    w.end = sp.begin + static_cast<uint32_t>(e);
    w.token = static_cast<uint32_t>(t);
    w.lower.clear();
    AppendLower(text.substr(w.begin, w.end - w.begin), &w.lower);
    w.brk = pending_brk;
    w.paren_before = pending_paren;
    w.paren_after = trailing_paren;
    unsigned char first = static_cast<unsigned char>(text[w.begin]);
    w.upper =
        (first >= 'A' && first <= 'Z') || (first == 0xC3 && w.begin + 1 < text.size() &&
                                           static_cast<unsigned char>(text[w.begin + 1]) < 0xA0);
    w.lex = lex.Find(w.lower);
    w.cats = w.lex ? w.lex->cats : 0;
    w.nk = NumKind::kNone;
    w.ndigits = 0;
    w.iv = 0;
    w.dv = 0;
    w.a = w.b = w.c = 0;
    char f = w.lower[0];
    if (IsDigit(f) || f == '\'' || f == 'q') ParseNumber(w);
    pending_paren = false;
    pending_brk = 0;
    if (trailing_brk) {
      // "ca." and "jan." keep their full stop without ending anything.
      if (trailing_brk == 2 && trailing_dot && IsAbbreviationWithDot(w) &&
          tok.substr(e).find_first_not_of('.') == std::string_view::npos) {
        trailing_brk = 0;
      }
      pending_brk = trailing_brk;
    }
  }
  flush(words.data(), n);
}

// ------------------------------------------------------------------------------------------------
// Values.

// A normalised value before formatting. Unknown parts are 0.
struct TV {
  enum Kind : uint8_t {
    kNone,
    kStr,      // str as is (durations, sets, *_REF)
    kYear,     // y
    kMonth,    // y, m
    kDay,      // y, m, d (+ hh:mm or dp for TIME)
    kWeek,     // y = ISO year, m = week
    kWeekend,  // y, m as kWeek
    kSeason,   // y, s
    kQuarter,  // y, m = quarter
    kHalf,     // y, m = half
    kDecade,   // y = decade prefix (198)
    kCentury,  // y = century prefix (19)
  } k = kNone;
  int y = 0, m = 0, d = 0;
  int hh = -1, mm = 0;
  DayPart dp = DayPart::kNone;
  Season s = Season::kNone;
  std::string str;
};

TV Str(std::string s) {
  TV v;
  v.k = TV::kStr;
  v.str = std::move(s);
  return v;
}

std::string Format(const TV& v) {
  char buf[32];
  switch (v.k) {
    case TV::kNone:
      return "";
    case TV::kStr:
      return v.str;
    case TV::kYear:
      return times::FormatYear(v.y);
    case TV::kMonth:
      return times::FormatYearMonth(v.y, v.m);
    case TV::kDay: {
      std::string s = times::FormatDate(v.y, v.m, v.d);
      if (v.hh >= 0) {
        std::snprintf(buf, sizeof buf, "T%02d:%02d", v.hh, v.mm);
        s += buf;
      } else if (v.dp != DayPart::kNone) {
        s += 'T';
        s += times::DayPartCode(v.dp);
      }
      return s;
    }
    case TV::kWeek:
      return times::FormatWeek(v.y, v.m);
    case TV::kWeekend:
      return times::FormatWeek(v.y, v.m) + "-WE";
    case TV::kSeason:
      return times::FormatYear(v.y) + "-" + times::SeasonCode(v.s);
    case TV::kQuarter:
      return times::FormatYear(v.y) + "-Q" + (v.m ? std::to_string(v.m) : std::string("X"));
    case TV::kHalf:
      return times::FormatYear(v.y) + "-H" + (v.m ? std::to_string(v.m) : std::string("X"));
    case TV::kDecade:
      return v.y > 0 ? std::to_string(v.y) : "XXX";
    case TV::kCentury:
      std::snprintf(buf, sizeof buf, "%02d", v.y);
      return v.y > 0 ? std::string(buf) : "XX";
  }
  return "";
}

// A number in a TIMEX3 duration: integral, or with up to two decimals.
std::string Num(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

bool Integral(double v) { return std::fabs(v - std::round(v)) < 1e-9; }

// The TIMEX3 duration of `v` units; fractions go to the next smaller unit when they fit.
std::string Duration(double v, Unit u) {
  switch (u) {
    case Unit::kSecond:
      return "PT" + Num(v) + "S";
    case Unit::kMinute:
      return "PT" + Num(v) + "M";
    case Unit::kQuarterHour:
      return Integral(v * 15 / 60) ? "PT" + Num(v * 15 / 60) + "H" : "PT" + Num(v * 15) + "M";
    case Unit::kHour:
      if (Integral(v)) return "PT" + Num(v) + "H";
      if (Integral(v * 60)) {
        double h = std::floor(v);
        return "PT" + (h > 0 ? Num(h) + "H" : "") + Num((v - h) * 60) + "M";
      }
      return "PT" + Num(v) + "H";
    case Unit::kDay:
      if (Integral(v)) return "P" + Num(v) + "D";
      if (Integral(v * 24)) {
        double d = std::floor(v);
        return "P" + (d > 0 ? Num(d) + "D" : "") + "T" + Num((v - d) * 24) + "H";
      }
      return "P" + Num(v) + "D";
    case Unit::kWeek:
      if (Integral(v)) return "P" + Num(v) + "W";
      if (Integral(v * 7)) return "P" + Num(v * 7) + "D";
      return "P" + Num(v) + "W";
    case Unit::kMonth:
      return "P" + Num(v) + "M";
    case Unit::kQuarter:
      return "P" + Num(v * 3) + "M";
    case Unit::kHalfYear:
      return "P" + Num(v * 6) + "M";
    case Unit::kYear:
      if (Integral(v)) return "P" + Num(v) + "Y";
      if (Integral(v * 12)) {
        double y = std::floor(v);
        return "P" + (y > 0 ? Num(y) + "Y" : "") + Num((v - y) * 12) + "M";
      }
      return "P" + Num(v) + "Y";
    case Unit::kDecade:
      return "P" + Num(v * 10) + "Y";
    case Unit::kCentury:
      return "P" + Num(v * 100) + "Y";
    case Unit::kWeekend:
    case Unit::kNone:
      break;
  }
  return "";
}

std::string VagueDuration(Unit u) {
  switch (u) {
    case Unit::kSecond:
      return "PTXS";
    case Unit::kMinute:
    case Unit::kQuarterHour:
      return "PTXM";
    case Unit::kHour:
      return "PTXH";
    case Unit::kDay:
      return "PXD";
    case Unit::kWeek:
      return "PXW";
    case Unit::kMonth:
    case Unit::kQuarter:
    case Unit::kHalfYear:
      return "PXM";
    case Unit::kYear:
      return "PXY";
    case Unit::kDecade:
      return "PXDE";
    case Unit::kCentury:
      return "PXCE";
    case Unit::kWeekend:
    case Unit::kNone:
      break;
  }
  return "";
}

// The SET value of "elke <unit>" / "per <unit>".
std::string SetOfUnit(double n, Unit u) {
  if (u == Unit::kWeekend) return "XXXX-WXX-WE";
  return Duration(n, u);
}

int SeasonFirstMonth(Season s) {
  switch (s) {
    case Season::kSP:
      return 3;
    case Season::kSU:
      return 6;
    case Season::kFA:
      return 9;
    case Season::kWI:
      return 12;
    case Season::kNone:
      break;
  }
  return 0;
}

// ------------------------------------------------------------------------------------------------
// The matcher.

struct Found {
  size_t b = 0, e = 0;  // words [b, e)
  const char* type = nullptr;
  TV v;
  bool ok() const { return e > b; }
};

constexpr uint64_t kAnyNumberCat = times::kNum;

class Matcher {
 public:
  // `words` (n of them) must outlive the matcher.
  Matcher(const Lexicon& lex, const Word* words, size_t n, const Anchor& anchor, const Doc& doc)
      : lex_(lex), w_(words), n_(n), a_(anchor), doc_(doc) {}

  void Run(std::vector<TimeExpr>* out) {
    size_t i = 0;
    while (i < n_) {
      const Word& w = w_[i];
      if (w.cats == 0 && w.nk == NumKind::kNone) {
        ++i;
        continue;
      }
      Found f = TryAt(i);
      if (!f.ok()) {
        ++i;
        continue;
      }
      Emit(f, out);
      // A day in a list before its month ("9 en 10 juli") was found alone; the rest follows.
      i = f.e;
    }
  }

 private:
  // --- word tests
  bool Valid(size_t j) const { return j < n_; }
  // Word j follows word j-1 with nothing in between.
  bool Joined(size_t j) const { return j < n_ && w_[j].brk == 0; }
  bool Is(size_t j, std::string_view s) const { return j < n_ && w_[j].lower == s; }
  bool Has(size_t j, uint64_t cats) const { return j < n_ && (w_[j].cats & cats) != 0; }
  const LexEntry& Lex(size_t j) const { return *w_[j].lex; }
  bool IsInt(size_t j) const { return j < n_ && w_[j].nk == NumKind::kInt; }
  // A day of the month written in digits (or 1e, 21ste).
  int DayNumber(size_t j) const {
    if (j >= n_) return 0;
    const Word& w = w_[j];
    if ((w.nk == NumKind::kInt && w.ndigits <= 2) || w.nk == NumKind::kOrdinal) {
      return w.iv >= 1 && w.iv <= 31 ? w.iv : 0;
    }
    return 0;
  }
  // A four-digit year number (1000..2199), or a '80 style year; 0 when not.
  int YearNumber(size_t j) const {
    if (j >= n_) return 0;
    const Word& w = w_[j];
    if (w.nk == NumKind::kInt && w.ndigits == 4 && w.iv >= 1000 && w.iv <= 2199) return w.iv;
    if (w.nk == NumKind::kYear2) return ExpandYear2(w.iv);
    return 0;
  }
  int ExpandYear2(int yy) const {
    int pivot = a_.HasYear() ? a_.year % 100 + 5 : 30;
    int century = a_.HasYear() ? a_.year / 100 * 100 : 2000;
    return yy <= pivot ? century + yy : century - 100 + yy;
  }
  // A small whole number (digits or a number word), -1 when not.
  int SmallNumber(size_t j) const {
    if (j >= n_) return -1;
    const Word& w = w_[j];
    if (w.nk == NumKind::kInt && w.ndigits <= 4) return w.iv;
    if (w.cats & times::kNum) return w.lex->num;
    return -1;
  }

  // --- tense of the clause around word i: -1 past, 1 future, 0 unknown.
  int Tense(size_t i) const {
    size_t b = i, e = i + 1;
    while (b > 0 && w_[b].brk < 2 && i - b < 40) --b;
    while (e < n_ && w_[e].brk < 2 && e - i < 40) ++e;
    int past = 0, future = 0;
    bool perfect = false, participle = false;
    bool feats = doc_.feats.size() == doc_.tokens.size();
    for (size_t j = b; j < e; ++j) {
      const Word& w = w_[j];
      if (w.cats & times::kPast) ++past;
      if (w.cats & times::kFuture) ++future;
      if (w.cats & times::kPerfect) perfect = true;
      std::string_view s = w.lower;
      if (s.size() >= 6 && s.substr(0, 2) == "ge" &&
          (s.back() == 'd' || s.back() == 't' || s.substr(s.size() - 2) == "en")) {
        participle = true;
      }
      if (feats && doc_.feats[w.token].find("Tense=Past") != std::string::npos) ++past;
    }
    if (perfect && participle) ++past;
    return past > future ? -1 : future > past ? 1 : 0;
  }

  // --- relative values
  TV Day(int y, int m, int d) const {
    TV v;
    v.k = TV::kDay;
    v.y = y, v.m = m, v.d = d;
    return v;
  }
  TV DayRel(int off) const {
    if (a_.HasDay()) {
      Ymd x = times::AddDays(a_.Date(), off);
      return Day(x.y, x.m, x.d);
    }
    return Day(a_.year, a_.HasMonth() ? a_.month : 0, 0);
  }
  TV WeekRel(int off, TV::Kind kind = TV::kWeek) const {
    TV v;
    v.k = kind;
    if (a_.HasDay()) {
      times::IsoWeek(times::AddDays(a_.Date(), 7 * off), &v.y, &v.m);
    } else {
      v.y = a_.year;
    }
    return v;
  }
  TV MonthRel(int off) const {
    TV v;
    v.k = TV::kMonth;
    if (a_.HasMonth()) {
      int t = a_.year * 12 + (a_.month - 1) + off;
      v.y = t / 12;
      v.m = t % 12 + 1;
    } else {
      v.y = a_.year;
    }
    return v;
  }
  TV YearRel(int off) const {
    TV v;
    v.k = TV::kYear;
    v.y = a_.HasYear() ? a_.year + off : 0;
    return v;
  }
  TV QuarterRel(int off) const {
    TV v;
    v.k = TV::kQuarter;
    if (a_.HasMonth()) {
      int t = a_.year * 4 + (a_.month - 1) / 3 + off;
      v.y = t / 4;
      v.m = t % 4 + 1;
    } else {
      v.y = a_.year;
    }
    return v;
  }
  TV DecadeRel(int off) const {
    TV v;
    v.k = TV::kDecade;
    v.y = a_.HasYear() ? a_.year / 10 + off : 0;
    return v;
  }
  TV CenturyRel(int off) const {
    TV v;
    v.k = TV::kCentury;
    v.y = a_.HasYear() ? a_.year / 100 + off : 0;
    return v;
  }
  // The weekday `wd` near the document date: dir < 0 the last one, dir > 0 the next one, 0 the
  // nearest; the document day itself counts unless `strict`.
  TV WeekdayRel(int wd, int dir, bool strict) const {
    if (!a_.HasDay()) return Day(a_.year, a_.HasMonth() ? a_.month : 0, 0);
    Ymd d = a_.Date();
    int dw = times::Weekday(d);
    int back = (dw - wd + 7) % 7;
    int fwd = (wd - dw + 7) % 7;
    int off = 0;
    if (dir < 0) {
      off = -(back == 0 && strict ? 7 : back);
    } else if (dir > 0) {
      off = fwd == 0 && strict ? 7 : fwd;
    } else {
      off = back == 0 ? 0 : (back < fwd ? -back : fwd);
    }
    Ymd x = times::AddDays(d, off);
    return Day(x.y, x.m, x.d);
  }
  // The weekday `wd` of the ISO week `off` weeks from the document's.
  TV WeekdayOfWeek(int wd, int off) const {
    if (!a_.HasDay()) return Day(a_.year, a_.HasMonth() ? a_.month : 0, 0);
    Ymd d = a_.Date();
    Ymd x = times::AddDays(d, 7 * off + (wd - times::Weekday(d)));
    return Day(x.y, x.m, x.d);
  }
  // The year of a month (and day) given without one: the document year, moved one back for a
  // later date in a past-tense clause and one on for an earlier date in a future-tense clause.
  int YearFor(int m, int d, int dir) const {
    if (!a_.HasYear()) return 0;
    if (!a_.HasMonth() || dir == 0) return a_.year;
    int here = a_.month * 100 + (a_.HasDay() ? a_.day : 0);
    int there = m * 100 + (a_.HasDay() ? d : 0);
    if (dir < 0 && there > here) return a_.year - 1;
    if (dir > 0 && there < here) return a_.year + 1;
    return a_.year;
  }
  // Same, but a strict reading: "afgelopen maart" is never the current month.
  int YearForStrict(int m, int d, int dir) const {
    if (!a_.HasYear()) return 0;
    if (!a_.HasMonth()) return a_.year;
    int here = a_.month * 100 + (a_.HasDay() ? a_.day : (d ? 15 : 0));
    int there = m * 100 + d;
    if (dir < 0) return there < here ? a_.year : a_.year - 1;
    if (dir > 0) return there > here ? a_.year : a_.year + 1;
    return a_.year;
  }
  // The season near the document date (dir as above; 0: the one of this year).
  TV SeasonRel(Season s, int dir, bool strict) const {
    TV v;
    v.k = TV::kSeason;
    v.s = s;
    if (!a_.HasYear()) return v;
    v.y = a_.year;
    if (!a_.HasMonth()) return v;
    int first = SeasonFirstMonth(s);
    int m = a_.month;
    // Winter belongs to the year of its December: in January and February "this winter"
    // started last year; in March and April "the winter" is the one just past.
    if (s == Season::kWI) {
      int cur = m <= 2 ? a_.year - 1 : a_.year;
      bool in = m == 12 || m <= 2;
      if (dir == 0) {
        v.y = m >= 3 && m <= 4 ? a_.year - 1 : cur;
      } else if (dir < 0) {
        v.y = in ? (strict ? cur - 1 : cur) : a_.year - 1;
      } else {
        v.y = in ? (strict ? cur + 1 : cur) : a_.year;
      }
      return v;
    }
    int last = first + 2;
    if (dir < 0) {
      if (m < first || (strict && m <= last)) v.y = a_.year - 1;
    } else if (dir > 0) {
      if (m > last || (strict && m >= first)) v.y = a_.year + 1;
    }
    return v;
  }

  TV HolidayDate(const times::Holiday& h, int y) const {
    using R = times::Holiday::Rule;
    if (y <= 0) {
      if (h.rule == R::kFixed) return Day(0, h.month, h.day);
      return Day(0, 0, 0);
    }
    Ymd x{y, 1, 1};
    switch (h.rule) {
      case R::kFixed:
        x = Ymd{y, h.month, h.day};
        break;
      case R::kEaster:
        x = times::AddDays(times::EasterSunday(y), h.offset);
        break;
      case R::kNth:
        x = times::NthWeekdayOfMonth(y, h.month, h.weekday, h.nth);
        break;
      case R::kKingsDay:
        x = Ymd{y, 4, 27};
        if (times::Weekday(x) == 7) x.d = 26;
        break;
      case R::kQueensDay:
        x = Ymd{y, 4, 30};
        if (times::Weekday(x) == 7) x.d = 29;
        break;
    }
    return Day(x.y, x.m, x.d);
  }

  // --- results
  static Found Make(size_t b, size_t e, const char* type, TV v) {
    Found f;
    f.b = b;
    f.e = e;
    f.type = type;
    f.v = std::move(v);
    return f;
  }
  static void Better(const Found& cand, Found* best) {
    if (cand.ok() && (!best->ok() || cand.e > best->e)) *best = cand;
  }

  void Emit(const Found& f, std::vector<TimeExpr>* out) {
    TimeExpr t;
    t.span = Span{w_[f.b].begin, w_[f.e - 1].end};
    // "vrijdag jl.", "maandag a.s.": the full stop belongs to the abbreviation.
    const Word& last = w_[f.e - 1];
    if ((last.cats & (times::kSuffix | times::kMonthAbbr)) && last.lower.size() <= 4 &&
        t.span.end < doc_.text.size() && doc_.text[t.span.end] == '.') {
      ++t.span.end;
    }
    t.type = f.type;
    t.value = Format(f.v);
    if (t.value.empty()) return;
    out->push_back(std::move(t));
    last_ = f;
    has_last_ = true;
  }

  // The date a clock time belongs to: that of a day expression just before it in the same
  // clause ("gisteravond rond 20.00 uur"), else the document date.
  TV ClockDate(size_t i, DayPart* dp) const {
    if (has_last_ && last_.e <= i && i - last_.e <= 3 && last_.v.k == TV::kDay) {
      bool broken = false;
      for (size_t j = last_.e; j <= i && j < n_; ++j) broken |= w_[j].brk == 2;
      if (!broken) {
        *dp = last_.v.dp;
        return Day(last_.v.y, last_.v.m, last_.v.d);
      }
    }
    *dp = DayPart::kNone;
    return DayRel(0);
  }

  // ------------------------------------------------------------------------------------------
  // Recognisers. Each returns the longest expression starting at word i (or nothing).

  Found TryAt(size_t i) {
    Found best = Core(i);
    Better(Approx(i), &best);
    Better(Modified(i), &best);
    Better(EarlierLater(i), &best);
    return best;
  }

  Found Core(size_t i) {
    Found best;
    const Word& w = w_[i];
    if (w.cats & times::kPhraseStart) Better(PhraseAt(i), &best);
    if (w.cats & times::kHolidayStart) Better(HolidayAt(i, 0, i), &best);
    if (w.cats & (times::kRelDet | times::kArticle | times::kOrd)) Better(Relative(i), &best);
    Better(ArticleForms(i), &best);
    if (w.cats & (times::kDeictic | times::kDeicticPart)) Better(Deictic(i), &best);
    if (w.cats & (times::kWeekday | times::kWeekdayPart)) Better(WeekdayAt(i), &best);
    Better(DateAt(i), &best);
    Better(YearAt(i), &best);
    Better(ClockAt(i), &best);
    Better(DurationAt(i), &best);
    Better(SetAt(i), &best);
    Better(SingleAt(i), &best);
    return best;
  }

  // "op dit moment", "lange tijd", "eerder op de dag" ...
  Found PhraseAt(size_t i) {
    Found best;
    const auto* list = lex_.PhrasesFrom(w_[i].lower);
    if (!list) return best;
    for (uint32_t pi : *list) {
      const times::Phrase& p = lex_.phrases()[pi];
      size_t k = 0;
      while (k < p.words.size() && (k == 0 || Joined(i + k)) && Is(i + k, p.words[k])) ++k;
      if (k != p.words.size()) continue;
      size_t e = i + k;
      bool blocked = false;
      if (Joined(e)) {
        for (const auto& nn : p.not_next) blocked |= w_[e].lower == nn;
      }
      if (blocked) continue;
      TV v;
      std::string_view val = p.value;
      if (!val.empty() && val[0] == '@') {
        if (val.size() >= 4 && val[1] == 'D' && (val[2] == '+' || val[2] == '-')) {
          int off = (val[3] - '0') * (val[2] == '-' ? -1 : 1);
          v = DayRel(off);
          if (val.size() > 5 && val[4] == ':') {
            v.dp = ParseDp(val.substr(5));
          }
        } else if (val.substr(0, 4) == "@DP:") {
          v = DayRel(0);
          v.dp = ParseDp(val.substr(4));
        } else if (val.substr(0, 2) == "@T" && val.size() == 7) {
          v = DayRel(0);
          v.hh = (val[2] - '0') * 10 + (val[3] - '0');
          v.mm = (val[5] - '0') * 10 + (val[6] - '0');
        } else {
          continue;
        }
      } else {
        v = Str(p.value);
      }
      Better(Make(i + static_cast<size_t>(p.skip), e, p.type.c_str(), v), &best);
    }
    // A phrase whose span starts later than i ("in de toekomst" -> "de toekomst") is still the
    // match at i: the words before it are simply not part of the expression.
    return best;
  }

  static DayPart ParseDp(std::string_view s) {
    if (s == "MO") return DayPart::kMO;
    if (s == "AF") return DayPart::kAF;
    if (s == "EV") return DayPart::kEV;
    if (s == "NI") return DayPart::kNI;
    return DayPart::kNone;
  }

  // Holidays; `dir` and `strict` come from a preceding "afgelopen"/"komende" (span from `from`).
  Found HolidayAt(size_t i, int dir, size_t from) {
    Found best;
    const auto* list = lex_.HolidaysFrom(w_[i].lower);
    if (!list) return best;
    for (uint32_t hi : *list) {
      const times::Holiday& h = lex_.holidays()[hi];
      size_t k = 0;
      while (k < h.words.size() && (k == 0 || Joined(i + k)) && Is(i + k, h.words[k])) ++k;
      if (k != h.words.size()) continue;
      size_t e = i + k;
      int y = 0;
      if (Joined(e) && YearNumber(e)) {
        y = YearNumber(e);
        ++e;
      } else if (a_.HasYear()) {
        // Choose the year by comparing this year's date with the document date.
        TV cur = HolidayDate(h, a_.year);
        int d = dir != 0 ? dir : Tense(i);
        y = dir != 0 ? YearForStrict(cur.m, cur.d, d) : YearFor(cur.m, cur.d, d);
      }
      Better(Make(from, e, "DATE", HolidayDate(h, y)), &best);
    }
    return best;
  }

  // [de|het] deze/vorige/volgende/afgelopen/komende ... + unit, weekday, month, season,
  // holiday, number + unit; "de laatste jaren".
  Found Relative(size_t i) {
    Found none;
    size_t j = i;
    bool article = false;
    if (Has(i, times::kArticle)) {
      if (!Joined(i + 1)) return none;
      article = true;
      j = i + 1;
    }
    int off = 0;
    bool last = false;  // "de laatste"
    if (Has(j, times::kRelDet)) {
      off = Lex(j).reldet;
    } else if (article && Has(j, times::kOrd) && Lex(j).ord == -1) {
      off = -1;
      last = true;
    } else {
      return none;
    }
    std::string_view det = w_[j].lower;
    // "de vorig jaar aangekondigde ...": an uninflected vorig/volgend/komend does not go with
    // the article, which belongs to a later noun.
    if (article && !last && det.back() != 'e' && det != "afgelopen" && det != "verleden") {
      return none;
    }
    size_t k = j + 1;
    if (!Joined(k)) return none;
    // Number or vague quantity + unit: a duration ("de afgelopen 2,5 jaar").
    Qty q;
    if (ParseQty(k, &q) && Joined(q.e) && Has(q.e, times::kUnit) &&
        Lex(q.e).unit != Unit::kWeekend && !q.een) {
      Unit u = Lex(q.e).unit;
      return Make(i, q.e + 1, "DURATION", Str(q.vague ? VagueDuration(u) : Duration(q.v, u)));
    }
    if (Has(k, times::kUnit)) {
      const LexEntry& e = Lex(k);
      Unit u = e.unit;
      if (e.unit_plural) {
        if (off == 0 || u == Unit::kWeekend) return none;  // "deze dagen": not normalised
        return Make(i, k + 1, "DURATION", Str(VagueDuration(u)));
      }
      if (last) return none;
      bool stretch = det == "afgelopen" || det == "komende" || det == "voorbije" ||
                     det == "eerstvolgende" || det == "eerstkomende";
      if (article && u != Unit::kWeekend) {
        if (stretch) return Make(i, k + 1, "DURATION", Str(Duration(1, u)));
        if (off == 0 || u == Unit::kDay || u == Unit::kHour || u == Unit::kMinute ||
            u == Unit::kSecond) {
          return none;
        }
      }
      TV v;
      switch (u) {
        case Unit::kWeek: {
          // "vorige week maandag"
          if (Joined(k + 1) && Has(k + 1, times::kWeekday | times::kWeekdayPart)) {
            v = WeekdayOfWeek(Lex(k + 1).weekday, off);
            v.dp = Lex(k + 1).daypart;
            return Make(i, k + 2, v.dp == DayPart::kNone ? "DATE" : "TIME", v);
          }
          v = WeekRel(off);
          break;
        }
        case Unit::kWeekend: {
          int o = off;
          if (off > 0 && a_.HasDay() && times::Weekday(a_.Date()) <= 5 && det != "volgende" &&
              det != "volgend") {
            o = 0;  // "komend weekend" on a weekday is this week's
          }
          v = WeekRel(o, TV::kWeekend);
          break;
        }
        case Unit::kMonth:
          v = MonthRel(off);
          break;
        case Unit::kQuarter:
          v = QuarterRel(off);
          break;
        case Unit::kYear:
          v = YearRel(off);
          break;
        case Unit::kDecade:
          v = DecadeRel(off);
          break;
        case Unit::kCentury:
          v = CenturyRel(off);
          break;
        case Unit::kDay:
          if (off != 0) return none;  // "volgende dag": relative to the story, not the date
          v = DayRel(0);
          break;
        default:
          return none;
      }
      return Make(i, k + 1, "DATE", v);
    }
    if (article) {
      // "het afgelopen weekend" is handled above; "de komende maandag" reads as the next one.
      if (!Has(k, times::kWeekday | times::kSeason)) return none;
    }
    if (Has(k, times::kWeekday | times::kWeekdayPart)) {
      const LexEntry& e = Lex(k);
      TV v = off == 0 ? WeekdayRel(e.weekday, Tense(k), false) : WeekdayRel(e.weekday, off, true);
      v.dp = e.daypart;
      return Make(i, k + 1, v.dp == DayPart::kNone ? "DATE" : "TIME", v);
    }
    // "deze avond"; "afgelopen nacht" is the night that just ended (as vannacht).
    if (Has(k, times::kDaypart) &&
        (off == 0 || (off < 0 && Lex(k).daypart == DayPart::kNI && !article))) {
      TV v = DayRel(0);
      v.dp = Lex(k).daypart;
      return Make(i, k + 1, "TIME", v);
    }
    if (Has(k, times::kSeason)) {
      return Make(i, k + 1, "DATE", SeasonRel(Lex(k).season, off == 0 ? 0 : off, off != 0));
    }
    if (Has(k, times::kMonth) && off != 0) {
      int m = Lex(k).month;
      TV v;
      v.k = TV::kMonth;
      v.y = YearForStrict(m, 0, off);
      v.m = m;
      return Make(i, k + 1, "DATE", v);
    }
    if (Has(k, times::kHolidayStart) && off != 0) {
      return HolidayAt(k, off, i);
    }
    return none;
  }

  // Expressions that start with an article or a fixed word: seasons, decades, centuries,
  // quarters, halves, ISO weeks, "het jaar 2020", "van de zomer", "het weekend",
  // "de nacht van zaterdag op zondag".
  Found ArticleForms(size_t i) {
    Found best;
    const Word& w = w_[i];
    bool article = (w.cats & times::kArticle) != 0;
    size_t j = article ? i + 1 : i;
    if (article && !Joined(j)) return best;
    // van de zomer: a fixed expression for this year's summer.
    if (w.lower == "van" && Is(i + 1, "de") && Joined(i + 1) && Joined(i + 2) &&
        Has(i + 2, times::kSeason) && !(Joined(i + 3) && Is(i + 3, "van"))) {
      Better(Make(i, i + 3, "DATE", SeasonRel(Lex(i + 2).season, 0, false)), &best);
    }
    // Seasons: de zomer [van 2020], zomer 2020.
    if (Has(j, times::kSeason) && (article || (Joined(j + 1) && YearNumber(j + 1)))) {
      Season s = Lex(j).season;
      if (Joined(j + 1) && YearNumber(j + 1)) {
        TV v;
        v.k = TV::kSeason;
        v.s = s;
        v.y = YearNumber(j + 1);
        Better(Make(i, j + 2, "DATE", v), &best);
      } else if (Joined(j + 1) && Is(j + 1, "van") && Joined(j + 2) && YearNumber(j + 2)) {
        TV v;
        v.k = TV::kSeason;
        v.s = s;
        v.y = YearNumber(j + 2);
        Better(Make(i, j + 3, "DATE", v), &best);
      } else {
        Better(Make(i, j + 1, "DATE", SeasonRel(s, Tense(j), false)), &best);
      }
    }
    // Decades: de jaren 80, jaren '80, de jaren tachtig, de jaren 2000.
    if (Is(j, "jaren") && Joined(j + 1)) {
      int decade = DecadeOf(j + 1);
      if (decade > 0) Better(Make(i, j + 2, "DATE", DecadeTV(decade)), &best);
    }
    // Centuries: de twintigste eeuw, de 21e eeuw.
    if (article && Joined(j + 1) && Is(j + 1, "eeuw")) {
      int ord = Has(j, times::kOrd) ? Lex(j).ord : w_[j].nk == NumKind::kOrdinal ? w_[j].iv : 0;
      if (ord >= 1 && ord <= 30) {
        TV v;
        v.k = TV::kCentury;
        v.y = ord - 1;
        Better(Make(i, j + 2, "DATE", v), &best);
      }
    }
    // Quarters and halves: het eerste kwartaal [van 2022], de tweede helft van 2020.
    if (article && Joined(j + 1)) {
      int ord = Has(j, times::kOrd) ? Lex(j).ord : w_[j].nk == NumKind::kOrdinal ? w_[j].iv : 0;
      bool quarter = Is(j + 1, "kwartaal");
      bool half = Is(j + 1, "halfjaar") || Is(j + 1, "jaarhelft") || Is(j + 1, "helft");
      if ((quarter && (ord == -1 || (ord >= 1 && ord <= 4))) || (half && (ord == 1 || ord == 2))) {
        size_t e = j + 2;
        int y = a_.year;
        bool ok = true;
        if (Joined(e) && Is(e, "van") && Joined(e + 1)) {
          if (YearNumber(e + 1)) {
            y = YearNumber(e + 1);
            e += 2;
          } else if (Is(e + 1, "het") && Joined(e + 2) && Is(e + 2, "jaar")) {
            e += 3;
          } else if (Has(e + 1, times::kRelDet) && Joined(e + 2) && Is(e + 2, "jaar")) {
            y = a_.HasYear() ? a_.year + Lex(e + 1).reldet : 0;
            e += 3;
          } else if (Is(j + 1, "helft")) {
            ok = false;
          }
        } else if (Is(j + 1, "helft")) {
          ok = false;
        }
        if (ok) {
          TV v;
          v.k = quarter ? TV::kQuarter : TV::kHalf;
          v.y = y;
          v.m = ord == -1 ? (quarter ? 4 : 2) : ord;
          Better(Make(i, e, "DATE", v), &best);
        }
      }
    }
    // Q1 2022.
    if (!article && w.nk == NumKind::kQuarter) {
      TV v;
      v.k = TV::kQuarter;
      v.m = w.iv;
      v.y = a_.year;
      size_t e = i + 1;
      if (Joined(e) && YearNumber(e)) v.y = YearNumber(e++);
      Better(Make(i, e, "DATE", v), &best);
    }
    // ISO weeks: week 12 [van 2022].
    if (!article && w.lower == "week" && Joined(i + 1) && IsInt(i + 1) && w_[i + 1].iv >= 1 &&
        w_[i + 1].iv <= 53 && w_[i + 1].ndigits <= 2) {
      TV v;
      v.k = TV::kWeek;
      v.y = a_.year;
      v.m = w_[i + 1].iv;
      size_t e = i + 2;
      if (Joined(e) && Is(e, "van") && Joined(e + 1) && YearNumber(e + 1)) {
        v.y = YearNumber(e + 1);
        e += 2;
      } else if (Joined(e) && YearNumber(e)) {
        v.y = YearNumber(e++);
      }
      Better(Make(i, e, "DATE", v), &best);
    }
    // het jaar 2020.
    if (article && Is(j, "jaar") && Joined(j + 1) && YearNumber(j + 1)) {
      TV v;
      v.k = TV::kYear;
      v.y = YearNumber(j + 1);
      Better(Make(i, j + 2, "DATE", v), &best);
    }
    // het weekend.
    if (article && w.lower == "het" && Is(j, "weekend")) {
      int off = 0;
      if (a_.HasDay() && times::Weekday(a_.Date()) <= 4 && Tense(j) < 0) off = -1;
      Better(Make(i, j + 1, "DATE", WeekRel(off, TV::kWeekend)), &best);
    }
    // de nacht van zaterdag op zondag.
    if (article && Is(j, "nacht") && Joined(j + 1) && Is(j + 1, "van") && Joined(j + 2) &&
        Has(j + 2, times::kWeekday) && Joined(j + 3) && Is(j + 3, "op") && Joined(j + 4) &&
        Has(j + 4, times::kWeekday)) {
      TV v = WeekdayRel(Lex(j + 2).weekday, Tense(j), false);
      v.dp = DayPart::kNI;
      Better(Make(i, j + 5, "TIME", v), &best);
    }
    return best;
  }

  // The decade written at word j (80, '80, tachtig, 1980, 2000, nul), as 198 / 200; 0 if none.
  int DecadeOf(size_t j) const {
    const Word& w = w_[j];
    int v = -1;
    if (w.nk == NumKind::kInt && (w.ndigits == 2 || w.ndigits == 4)) v = w.iv;
    if (w.nk == NumKind::kYear2) v = w.iv;
    if (w.nk == NumKind::kNone && (w.cats & times::kNum)) v = w.lex->num;
    if (w.lower == "nul") v = 0;
    if (v < 0 || v % 10 != 0) return 0;
    if (v >= 1000) return v >= 1000 && v <= 2190 ? v / 10 : 0;
    if (v >= 100) return 0;
    return v == 0 ? 200 : 190 + v / 10;
  }
  TV DecadeTV(int decade) const {
    TV v;
    v.k = TV::kDecade;
    v.y = decade;
    return v;
  }

  // vandaag, gisteren, morgen, gisteravond, vanochtend [+ 's avonds].
  Found Deictic(size_t i) {
    Found none;
    const Word& w = w_[i];
    const LexEntry& e = *w.lex;
    if (w.lower == "morgen") {
      // A capital inside a sentence is a name (De Financiële Morgen).
      if (w.upper && w.brk == 0 && i > 0) return none;
      // "de morgen", "deze morgen", "'s morgens" and the newspaper De Morgen are mornings.
      if (i > 0 && Joined(i)) {
        std::string_view p = w_[i - 1].lower;
        if (p == "de" || p == "deze" || p == "die" || p == "elke" || p == "iedere" ||
            p == "goede" || p == "goeie" || p == "één" || p == "een" || p == "hele" ||
            p == "volgende" || p == "vroege") {
          return none;
        }
      }
    }
    TV v = DayRel(e.deictic);
    size_t end = i + 1;
    if (w.cats & times::kDeicticPart) {
      v.dp = e.daypart;
    } else if (Joined(end) && Is(end, "'s") && Joined(end + 1) &&
               Has(end + 1, times::kDaypartAdv)) {
      v.dp = Lex(end + 1).daypart;
      end += 2;
    }
    return Make(i, end, v.dp == DayPart::kNone ? "DATE" : "TIME", v);
  }

  // "een zondag", "op die maandag", "een nieuwe zwarte zondag", "de eerste maandag": a weekday
  // after a determiner and adjectives is generic or not normalisable. ("sneuvelde donderdag" and
  // "een jongen die vrijdag ..." are dates: a verb or a relative pronoun before them.)
  bool GenericWeekday(size_t i) const {
    size_t k = i;
    int adjectives = 0;
    while (k > 0 && Joined(k) && adjectives < 2) {
      const Word& p = w_[k - 1];
      std::string_view s = p.lower;
      bool adjective = !p.upper && s.size() >= 3 && s.back() == 'e' &&
                       !(p.cats & (times::kRelDet | times::kArticle)) && s != "die" &&
                       s != "deze" && s != "elke" && s != "iedere" &&
                       std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!adjective) break;
      ++adjectives;
      --k;
    }
    if (k == 0 || !Joined(k)) return false;
    std::string_view d = w_[k - 1].lower;
    if (d == "een" || d == "elke" || d == "iedere" || d == "geen" || d == "zo'n" || d == "zijn" ||
        d == "haar" || d == "hun" || d == "onze" || d == "mijn") {
      return true;
    }
    if (adjectives > 0 && (d == "de" || d == "het" || d == "die" || d == "deze" || d == "dit")) {
      return true;
    }
    if (d == "die" && k >= 2 && Joined(k - 1) &&
        (Has(k - 2, times::kTimePrep | times::kYearPrep) || Is(k - 2, "op"))) {
      return true;  // "op die maandag"
    }
    return false;
  }

  // Weekdays: maandag, zaterdagavond, maandag 24 maart, vrijdag jl., maandag 's avonds.
  Found WeekdayAt(size_t i) {
    Found none;
    const Word& w = w_[i];
    const LexEntry& e = *w.lex;
    if (i > 0 && Joined(i)) {
      if (GenericWeekday(i)) return none;
    }
    size_t end = i + 1;
    int dir = 0;
    bool strict = false;
    if (Joined(end) && Has(end, times::kSuffix)) {
      dir = Lex(end).suffix;
      strict = true;
      ++end;
    }
    if (dir == 0) dir = Tense(i);
    TV v = WeekdayRel(e.weekday, dir, strict);
    v.dp = e.daypart;
    if (v.dp == DayPart::kNone && Joined(end) && Is(end, "'s") && Joined(end + 1) &&
        Has(end + 1, times::kDaypartAdv)) {
      v.dp = Lex(end + 1).daypart;
      end += 2;
    }
    return Make(i, end, v.dp == DayPart::kNone ? "DATE" : "TIME", v);
  }

  // The year after a month: 2022, '22, vorig jaar, van dit jaar, van 2020. Sets *y and *end.
  bool YearAfter(size_t e, int* y, size_t* end) const {
    size_t k = e;
    if (!Joined(k)) return false;
    if (YearNumber(k)) {
      *y = YearNumber(k);
      *end = k + 1;
      return true;
    }
    if (Is(k, "van") && Joined(k + 1)) ++k;
    if (YearNumber(k) && k != e) {
      *y = YearNumber(k);
      *end = k + 1;
      return true;
    }
    if (Has(k, times::kRelDet) && Joined(k + 1) && Is(k + 1, "jaar")) {
      *y = a_.HasYear() ? a_.year + Lex(k).reldet : 0;
      *end = k + 2;
      return true;
    }
    return false;
  }

  // Dates: [weekday] 24 maart [2022], maart [2022], 24-03-2022, day lists "9 en 10 juli".
  Found DateAt(size_t i) {
    Found none;
    size_t j = i;
    if (Has(i, times::kWeekday) && Valid(i + 1) && w_[i + 1].brk <= 1) j = i + 1;
    // Numeric dates.
    if (w_[j].nk == NumKind::kDate) {
      return Make(i, j + 1, "DATE", Day(w_[j].a, w_[j].b, w_[j].c));
    }
    int d = DayNumber(j);
    bool range = w_[j].nk == NumKind::kDayRange;
    if ((d || range) && Joined(j + 1) && Has(j + 1, times::kMonth | times::kMonthAbbr)) {
      if (range) d = w_[j].a;
      int m = Lex(j + 1).month;
      size_t e = j + 2;
      int y = 0;
      if (!YearAfter(e, &y, &e)) {
        int dir = 0;
        bool strict = false;
        if (Joined(e) && Has(e, times::kSuffix)) {
          dir = Lex(e).suffix;
          strict = true;
          ++e;
        }
        y = strict ? YearForStrict(m, d, dir) : YearFor(m, d, Tense(j));
      }
      if (d > times::DaysInMonth(y ? y : 2000, m)) return none;
      return Make(i, e, "DATE", Day(y, m, d));
    }
    if (j != i) return none;
    // A day before others and a month: "9 en 10 juli", "9 tot en met 11 juli", "1, 2 en 3 mei".
    if (d && w_[i].nk == NumKind::kInt) {
      size_t k = i + 1;
      bool sep_seen = false;
      while (k < n_ && k - i < 10 && w_[k].brk < 2) {
        std::string_view s = w_[k].lower;
        if (s == "en" || s == "of" || s == "tot" || s == "met" || s == "t/m" || s == "&" ||
            s == "-" || s == "à") {
          sep_seen = true;
          ++k;
          continue;
        }
        if (DayNumber(k) && w_[k].nk == NumKind::kInt) {
          if (Joined(k + 1) && Has(k + 1, times::kMonth | times::kMonthAbbr)) {
            if (!sep_seen && w_[i + 1].brk == 0) return none;
            Found rest = DateAt(k);
            if (!rest.ok() || DayNumber(k) <= d) return none;
            TV v = rest.v;
            v.d = d;
            return Make(i, i + 1, "DATE", v);
          }
          sep_seen = false;
          ++k;
          continue;
        }
        break;
      }
    }
    // Month names: maart, maart 2022, mrt. 2022.
    if (Has(i, times::kMonth | times::kMonthAbbr)) {
      int m = Lex(i).month;
      bool full = Has(i, times::kMonth);
      int y = 0;
      size_t ye = 0;
      if (YearAfter(i + 1, &y, &ye) && (full || YearNumber(i + 1))) {
        TV v;
        v.k = TV::kMonth;
        v.y = y;
        v.m = m;
        return Make(i, ye, "DATE", v);
      }
      if (!full) return none;
      // "mei" and "maart" as names of people or things are rare enough; a capital in mid
      // sentence followed by another capital (Mei Li) is a name.
      if (w_[i].upper && w_[i].brk == 0 && Joined(i + 1) && w_[i + 1].upper) return none;
      size_t e = i + 1;
      int dir = 0;
      bool strict = false;
      if (Joined(e) && Has(e, times::kSuffix)) {
        dir = Lex(e).suffix;
        strict = true;
        ++e;
      }
      TV v;
      v.k = TV::kMonth;
      v.m = m;
      v.y = strict ? YearForStrict(m, 0, dir) : YearFor(m, 0, Tense(i));
      return Make(i, e, "DATE", v);
    }
    return none;
  }

  // Bare years after a preposition or in a list: "in 1997", "sinds 2014", "2018 en 2019".
  Found YearAt(size_t i) {
    Found none;
    int y = YearNumber(i);
    if (!y) return none;
    if (Joined(i + 1) && (Has(i + 1, times::kCountNoun | times::kUnit))) return none;
    if (w_[i].nk == NumKind::kYear2 && !(Joined(i) && Has(i - 1, times::kYearPrep))) return none;
    bool ok = false;
    if (i > 0 && Joined(i)) {
      const Word& p = w_[i - 1];
      if (p.cats & times::kYearPrep) ok = true;
      std::string_view s = p.lower;
      if ((s == "en" || s == "of" || s == "tot" || s == "-" || s == "t/m" || s == "met") &&
          i >= 2 && YearNumber(i - 2)) {
        ok = true;
      }
      if (s == "met" && i >= 3 && Is(i - 2, "en") && Is(i - 3, "tot")) ok = true;
    }
    // A year in brackets, "(1997)", or the first of a range, "1830 - 1930", "1972 tot 1980".
    if (w_[i].paren_before && w_[i].paren_after) ok = true;
    if (Joined(i + 1) && Joined(i + 2) && YearNumber(i + 2) &&
        (Is(i + 1, "-") || Is(i + 1, "tot") || Is(i + 1, "en") || Is(i + 1, "of") ||
         Is(i + 1, "t/m"))) {
      ok = true;
    }
    if (Is(i + 1, "tot") && Is(i + 2, "en") && Is(i + 3, "met") && Joined(i + 1) && Joined(i + 2) &&
        Joined(i + 3) && Joined(i + 4) && YearNumber(i + 4)) {
      ok = true;
    }
    if (!ok) return none;
    TV v;
    v.k = TV::kYear;
    v.y = y;
    return Make(i, i + 1, "DATE", v);
  }

  // The hour of "N uur" when it is a time of day ("om 8 uur", "sinds 18 uur", "tussen 10 en 12
  // uur", "8 uur 's avonds"), not a duration ("al na 20 uur", "24 uur").
  bool HourIsTimeOfDay(size_t num, size_t uur) const {
    if (Joined(uur + 1) && Is(uur + 1, "'s") && Joined(uur + 2) &&
        Has(uur + 2, times::kDaypartAdv)) {
      return true;
    }
    if (DaypartAfter(uur + 1) != DayPart::kNone) return true;
    if (Joined(uur + 1) && (Is(uur + 1, "lang") || Is(uur + 1, "geleden") || Is(uur + 1, "later") ||
                            Is(uur + 1, "eerder"))) {
      return false;
    }
    if (Joined(uur + 1) && Is(uur + 2, "tijd") &&
        (Is(uur + 1, "nederlandse") || Is(uur + 1, "lokale") || Is(uur + 1, "belgische") ||
         Is(uur + 1, "plaatselijke"))) {
      return true;
    }
    size_t k = num;
    // tussen 10 en 12 uur, van 9 tot 17 uur: walk back over the first number.
    bool range = false;
    if (k >= 2 && Joined(k) && (Is(k - 1, "en") || Is(k - 1, "tot") || Is(k - 1, "-")) &&
        ((SmallNumber(k - 2) >= 0 && SmallNumber(k - 2) <= 24) ||
         w_[k - 2].nk == NumKind::kClock)) {
      k -= 2;
      range = true;
    }
    if (k == 0 || !Joined(k)) return false;
    const Word& p = w_[k - 1];
    if (range && (p.lower == "van" || p.lower == "vanaf")) return true;
    if (p.lower == "rond" || p.lower == "omstreeks" || p.lower == "rondom") return true;
    if (!(p.cats & times::kTimePrep)) return false;
    if ((p.lower == "na" || p.lower == "voor" || p.lower == "binnen") && k >= 2 && Joined(k - 1)) {
      std::string_view pp = w_[k - 2].lower;
      if (pp == "al" || pp == "pas" || pp == "nog" || pp == "reeds" || pp == "zelfs" ||
          pp == "ruim" || pp == "bijna" || pp == "slechts" || pp == "maar") {
        return false;
      }
    }
    return true;
  }

  // Clock times: 16.30 uur, om 8 uur, half acht, kwart over negen, tien over half drie,
  // acht uur 's avonds.
  Found ClockAt(size_t i) {
    Found none;
    const Word& w = w_[i];
    int hh = -1, mm = 0;
    size_t e = i + 1;
    bool explicit_time = false;
    if (w.nk == NumKind::kClock) {
      hh = w.a;
      mm = w.b;
      if (Joined(e) && (Is(e, "uur") || Is(e, "u"))) {
        ++e;
        explicit_time = true;
      }
      explicit_time |= w.c == 1;
      if (!explicit_time) {
        // 16.30 or 16:30 without "uur" is a time after om/rond/tot..., before 's avonds, or
        // right after a day ("zaterdag 20:00"); otherwise it may be a score or a race time.
        bool prep = i > 0 && Joined(i) &&
                    (Has(i - 1, times::kTimePrep | times::kApprox) || Is(i - 1, "even") ||
                     Is(i - 1, "kort"));
        bool after_day = has_last_ && last_.e == i && Joined(i) && last_.v.k == TV::kDay;
        bool daypart = Joined(i + 1) && Is(i + 1, "'s") && Has(i + 2, times::kDaypartAdv);
        if (!prep && !after_day && !daypart) return none;
      }
    } else if (SmallNumber(i) >= 0 && SmallNumber(i) <= 24 && w.nk != NumKind::kDecimal) {
      int v = SmallNumber(i);
      if (Joined(i + 1) && Is(i + 1, "uur") && HourIsTimeOfDay(i, i + 1)) {
        hh = v;
        e = i + 2;
      } else if (Joined(i + 1) && (Is(i + 1, "en") || Is(i + 1, "tot") || Is(i + 1, "-")) &&
                 Joined(i + 2) && SmallNumber(i + 2) >= 0 && SmallNumber(i + 2) <= 24 &&
                 Joined(i + 3) && Is(i + 3, "uur") && i > 0 && Joined(i) &&
                 (Is(i - 1, "tussen") || Is(i - 1, "van") || Is(i - 1, "vanaf"))) {
        hh = v;  // the first hour of "tussen 10 en 12 uur"
        e = i + 1;
      } else if (v >= 1 && v <= 29 && Joined(i + 1) && (Is(i + 1, "over") || Is(i + 1, "voor"))) {
        // tien over acht, vijf voor half negen
        bool before = Is(i + 1, "voor");
        size_t k = i + 2;
        bool half = false;
        if (Joined(k) && Is(k, "half")) {
          half = true;
          ++k;
        }
        int h = HourWord(k);
        if (!Joined(k) || h < 0 || !ClockContext(i, k + 1)) return none;
        int base = half ? (h == 1 ? 12 : h - 1) * 60 + 30 : h * 60;
        int t = base + (before ? -v : v);
        t = (t + 24 * 60) % (24 * 60);
        hh = t / 60;
        mm = t % 60;
        e = k + 1;
      }
    } else if (w.lower == "half") {
      int h = HourWord(i + 1);
      if (!Joined(i + 1) || h < 0 || !ClockContext(i, i + 2)) return none;
      hh = h == 1 ? 12 : h - 1;
      mm = 30;
      e = i + 2;
    } else if (w.lower.size() > 5 && w.lower.compare(0, 4, "half") == 0) {
      // halfnegen, halfvier: written as one word.
      const LexEntry* h = lex_.Find(std::string_view(w.lower).substr(4));
      if (!h || !(h->cats & times::kNum) || h->num < 1 || h->num > 12) return none;
      hh = h->num == 1 ? 12 : h->num - 1;
      mm = 30;
    } else if (w.lower == "kwart" && Joined(i + 1) && (Is(i + 1, "over") || Is(i + 1, "voor"))) {
      bool before = Is(i + 1, "voor");
      size_t k = i + 2;
      bool half = false;
      if (Joined(k) && Is(k, "half")) {
        half = true;
        ++k;
      }
      int h = HourWord(k);
      if (!Joined(k) || h < 0 || !ClockContext(i, k + 1)) return none;
      int base = half ? (h == 1 ? 12 : h - 1) * 60 + 30 : h * 60;
      int t = (base + (before ? -15 : 15) + 24 * 60) % (24 * 60);
      hh = t / 60;
      mm = t % 60;
      e = k + 1;
    }
    if (hh < 0) return none;
    DayPart ctx = DayPart::kNone;
    TV v = ClockDate(i, &ctx);
    DayPart dp = ctx;
    if (Joined(e) && Is(e, "'s") && Joined(e + 1) && Has(e + 1, times::kDaypartAdv)) {
      dp = Lex(e + 1).daypart;
      e += 2;
    } else if (DaypartAfter(e) != DayPart::kNone) {
      dp = DaypartAfter(e);
      e += 3;
    }
    if (hh < 12) {
      if ((dp == DayPart::kAF && hh >= 1 && hh <= 7) || (dp == DayPart::kEV && hh >= 1) ||
          (dp == DayPart::kNI && hh >= 8)) {
        hh += 12;
      }
    } else if (hh == 12 && dp == DayPart::kNI) {
      hh = 0;
    }
    v.hh = hh == 24 ? 24 : hh;
    v.mm = mm;
    v.dp = DayPart::kNone;
    return Make(i, e, "TIME", v);
  }

  // "in de avond" / "'s avonds" at word k (the part of the day), or kNone.
  DayPart DaypartAfter(size_t k) const {
    if (Joined(k) && Is(k, "in") && Joined(k + 1) && Is(k + 1, "de") && Joined(k + 2) &&
        Has(k + 2, times::kDaypart)) {
      return Lex(k + 2).daypart;
    }
    return DayPart::kNone;
  }

  // The hour named by word k (1..12 as a word or number), -1 when not.
  int HourWord(size_t k) const {
    int h = SmallNumber(k);
    return h >= 1 && h <= 12 ? h : -1;
  }
  // "half acht" and "kwart over negen" are times only after om/rond/tot/... or before 's avonds
  // or uur ("vijf voor twaalf" is mostly a figure of speech).
  bool ClockContext(size_t start, size_t after) const {
    if (Joined(after) && (Is(after, "uur") || Is(after, "'s"))) return true;
    if (start > 0 && Joined(start) &&
        (Has(start - 1, times::kTimePrep | times::kApprox) || Is(start - 1, "even"))) {
      return true;
    }
    return false;
  }

  // Quantities before a unit: 3, 2,5, drie, een, anderhalf, een half, twee en een half,
  // een paar, enkele.
  struct Qty {
    size_t e = 0;
    double v = 0;
    bool vague = false;
    bool een = false;           // the article-like "een"
    bool explicit_one = false;  // "één", "1"
  };
  bool ParseQty(size_t i, Qty* q) const {
    if (i >= n_) return false;
    const Word& w = w_[i];
    *q = Qty();
    if (w.lower == "een" || w.lower == "één" || w.lower == "eén") {
      if (Joined(i + 1) && (Is(i + 1, "paar") || Is(i + 1, "aantal") || Is(i + 1, "stuk"))) {
        if (Is(i + 1, "stuk")) return false;
        q->vague = true;
        q->e = i + 2;
        return true;
      }
      if (Joined(i + 1) && (Is(i + 1, "half") || Is(i + 1, "halve"))) {
        q->v = 0.5;
        q->e = i + 2;
        return true;
      }
      q->v = 1;
      q->een = w.lower == "een";
      q->explicit_one = !q->een;
      q->e = i + 1;
      return true;
    }
    if (w.cats & times::kVague || w.lower == "paar") {
      q->vague = true;
      q->e = i + 1;
      return true;
    }
    if (w.cats & times::kFrac) {
      q->v = w.lex->frac;
      q->e = i + 1;
      return true;
    }
    double v = -1;
    if (w.nk == NumKind::kInt || w.nk == NumKind::kDecimal) {
      v = w.dv;
    } else if (w.nk == NumKind::kNone && (w.cats & kAnyNumberCat)) {
      v = w.lex->num;
    }
    if (v < 0) return false;
    q->v = v;
    q->e = i + 1;
    q->explicit_one = true;
    // twee en een half jaar
    if (Joined(i + 1) && Is(i + 1, "en") && Joined(i + 2) && Is(i + 2, "een") && Joined(i + 3) &&
        (Is(i + 3, "half") || Is(i + 3, "halve"))) {
      q->v += 0.5;
      q->e = i + 4;
    }
    return true;
  }

  // An age rather than a duration: "70 jaar oud", "jongeren van 15 tot 19 jaar",
  // "van 15, 16, 17 en 18 jaar", "werd 90 jaar", "(45 jaar)".
  bool IsAge(size_t num, size_t unit) const {
    if (Joined(unit + 1) && (Is(unit + 1, "oud") || Is(unit + 1, "jong"))) return true;
    // "toen hij zeventien jaar was", "U bent 69 jaar."
    bool clause_end = unit + 1 >= n_ || w_[unit + 1].brk > 0;
    if (Joined(unit + 1) && (Is(unit + 1, "was") || Is(unit + 1, "is") || Is(unit + 1, "werd")) &&
        (unit + 2 >= n_ || w_[unit + 2].brk > 0)) {
      return true;
    }
    // "ik ben (pas) 25 jaar", "kinderen onder 12 jaar".
    if (num > 0 && Joined(num)) {
      size_t v = num - 1;
      static constexpr std::string_view kAdverbs[] = {"pas",  "al",        "nog",  "net", "bijna",
                                                      "ruim", "inmiddels", "toen", "nu"};
      for (std::string_view a : kAdverbs) {
        if (Is(v, a) && v > 0 && Joined(v)) {
          --v;
          break;
        }
      }
      bool copula = Is(v, "ben") || Is(v, "bent") || Is(v, "is") || Is(v, "was");
      if (copula && (clause_end || (Joined(unit + 1) && Is(unit + 1, "en")))) return true;
      if (Is(num - 1, "onder") || Is(num - 1, "boven")) return true;
    }
    if (w_[num].paren_before && w_[unit].paren_after) return true;
    size_t k = num;
    while (k > 0 && w_[k].brk < 2) {
      const Word& p = w_[k - 1];
      std::string_view s = p.lower;
      bool number = p.nk == NumKind::kInt || (p.cats & times::kNum);
      if (number || s == "en" || s == "of" || s == "tot" || s == "à" || s == "-" || s == "t/m") {
        --k;
        continue;
      }
      break;
    }
    if (k == 0 || w_[k].brk == 2) return false;
    // "tussen de dertien en 25 jaar", "vrouwen boven de 35 jaar"
    if (Is(k - 1, "de") && k >= 2 && w_[k - 1].brk < 2 &&
        (Is(k - 2, "tussen") || Is(k - 2, "van") || Is(k - 2, "boven") || Is(k - 2, "onder"))) {
      --k;
    }
    const Word& p = w_[k - 1];
    if (p.lower == "werd" || p.lower == "wordt" || p.lower == "worden" || p.lower == "werden" ||
        p.lower == "boven" || p.lower == "onder") {
      return true;
    }
    // "De kinderen zijn 4, 2 en 1 jaar."
    if (k < num && clause_end &&
        (p.lower == "zijn" || p.lower == "waren" || p.lower == "is" || p.lower == "was")) {
      return true;
    }
    if ((p.lower == "van" || p.lower == "tussen") && k >= 2 && w_[k - 1].brk < 2) {
      const Word& pp = w_[k - 2];
      if (pp.cats & times::kPerson) return true;
      if (pp.lower == "de" && k >= 3 && (w_[k - 3].cats & times::kPerson)) return true;
    }
    return false;
  }

  // Durations, and the dates "drie jaar geleden" / "over een week".
  Found DurationAt(size_t i) {
    Found none;
    bool over = false;
    size_t qi = i;
    if (w_[i].lower == "over" && Joined(i + 1)) {
      // "gespreid over twee dagen", "een boek over dertig jaar oorlog": over is not "in".
      static constexpr std::string_view kAcross[] = {
          "gespreid", "verspreid", "verdeeld",  "uitgesmeerd", "gemiddeld", "praten",  "spreken",
          "gaat",     "ging",      "gingen",    "gaan",        "boek",      "film",    "verhaal",
          "debat",    "discussie", "nagedacht", "nadenken",    "vertelt",   "vertelde"};
      bool across = false;
      if (i > 0 && Joined(i)) {
        for (std::string_view x : kAcross) across |= w_[i - 1].lower == x;
      }
      if (across) return none;
      over = true;
      qi = i + 1;
    }
    Qty q;
    if (!ParseQty(qi, &q)) {
      if (over) return none;
      return PluralUnitAlone(i);
    }
    size_t u = q.e;
    if (!Joined(u) || !Has(u, times::kUnit)) return none;
    const LexEntry& ue = Lex(u);
    Unit unit = ue.unit;
    if (unit == Unit::kWeekend) return none;
    if (q.een && ue.unit_plural) return none;
    if (q.een && unit == Unit::kDay && qi > 0 && Joined(qi) && Is(qi - 1, "op")) {
      return none;  // "op een dag": some day
    }
    if (!q.vague && unit == Unit::kHour && HourIsTimeOfDay(qi, u) && q.v <= 24) return none;
    if (unit == Unit::kYear && !q.vague && IsAge(qi, u)) return none;
    // "een vijf maanden oude dochter", "drie weken oud"
    if (Joined(u + 1) && (Is(u + 1, "oud") || Is(u + 1, "oude") || Is(u + 1, "jong"))) return none;
    if (unit == Unit::kSecond && w_[qi].nk == NumKind::kDecimal) return none;  // race times
    size_t e = u + 1;
    if (Joined(e) && Is(e, "geleden") && !over) {
      return Make(i, e + 1, "DATE", Shifted(q, unit, -1));
    }
    if (over) {
      if (q.vague) return Make(i, e, "DATE", Str("FUTURE_REF"));
      return Make(i, e, "DATE", Shifted(q, unit, 1));
    }
    if (Joined(e) && Is(e, "lang")) ++e;
    return Make(i, e, "DURATION", Str(q.vague ? VagueDuration(unit) : Duration(q.v, unit)));
  }

  // The date q units before (sign -1) or after (1) the document date.
  TV Shifted(const Qty& q, Unit unit, int sign) const {
    if (q.vague) return Str(sign < 0 ? "PAST_REF" : "FUTURE_REF");
    double v = q.v * sign;
    auto months = [&](double m) { return MonthRel(static_cast<int>(std::lround(m))); };
    switch (unit) {
      case Unit::kYear:
        if (Integral(v)) return YearRel(static_cast<int>(std::lround(v)));
        return months(v * 12);
      case Unit::kHalfYear:
        return months(v * 6);
      case Unit::kQuarter:
        return months(v * 3);
      case Unit::kMonth:
        return months(v);
      case Unit::kWeek:
        if (Integral(v)) return WeekRel(static_cast<int>(std::lround(v)));
        return DayRel(static_cast<int>(std::lround(v * 7)));
      case Unit::kDay:
        return DayRel(static_cast<int>(std::lround(v)));
      case Unit::kDecade:
        return YearRel(static_cast<int>(std::lround(v * 10)));
      case Unit::kCentury:
        return YearRel(static_cast<int>(std::lround(v * 100)));
      default:
        return DayRel(0);  // hours and minutes ago: today
    }
  }

  // "al jaren", "sinds maanden", "weken": a plural unit without a determiner is vague.
  Found PluralUnitAlone(size_t i) {
    Found none;
    if (!Has(i, times::kUnit) || !Lex(i).unit_plural) return none;
    Unit u = Lex(i).unit;
    if (u == Unit::kWeekend || u == Unit::kQuarter || u == Unit::kQuarterHour) return none;
    if (i > 0 && Joined(i)) {
      const Word& p = w_[i - 1];
      std::string_view s = p.lower;
      static constexpr std::string_view kDeterminers[] = {
          "de",   "het",    "die",  "deze",   "dit",      "dat",      "zijn",   "haar",
          "hun",  "mijn",   "onze", "ons",    "jullie",   "uw",       "je",     "welke",
          "alle", "beide",  "geen", "elke",   "iedere",   "hoeveel",  "zoveel", "zo",
          "meer", "minder", "veel", "weinig", "sommige",  "andere",   "eerste", "laatste",
          "wat",  "twee",   "der",  "zulke",  "dezelfde", "diezelfde"};
      for (std::string_view d : kDeterminers) {
        if (s == d) return none;
      }
      if (p.nk != NumKind::kNone || (p.cats & (times::kNum | times::kVague))) return none;
      // An adjective before it ("zware weken") or an article-like word.
      if (s.size() >= 3 && s.back() == 'e' && !(p.cats & (times::kTimePrep | times::kYearPrep))) {
        return none;
      }
    }
    // "jaren 80" is a decade, "jaren geleden" a past reference.
    if (Joined(i + 1)) {
      if (u == Unit::kYear && DecadeOf(i + 1) > 0) return none;
      if (Is(i + 1, "geleden")) return Make(i, i + 2, "DATE", Str("PAST_REF"));
      if (Is(i + 1, "lang")) return Make(i, i + 2, "DURATION", Str(VagueDuration(u)));
    }
    return Make(i, i + 1, "DURATION", Str(VagueDuration(u)));
  }

  // Frequencies: elke dag, iedere maandag, elke twee weken, om de twee weken, per jaar,
  // 's maandags, 's zomers, wekelijks.
  Found SetAt(size_t i) {
    Found none;
    const Word& w = w_[i];
    if ((w.cats & times::kEach) && Joined(i + 1)) {
      size_t k = i + 1;
      Qty q;
      double n = 1;
      if (ParseQty(k, &q) && !q.vague && !q.een && Joined(q.e) && Has(q.e, times::kUnit)) {
        n = q.v;
        k = q.e;
      }
      if (Has(k, times::kUnit)) {
        Unit u = Lex(k).unit;
        return Make(i, k + 1, "SET", Str(SetOfUnit(n, u)));
      }
      if (k != i + 1) return none;
      if (Has(k, times::kWeekday | times::kWeekdayPart)) {
        std::string v = "XXXX-WXX-" + std::to_string(Lex(k).weekday);
        if (Lex(k).daypart != DayPart::kNone)
          v += std::string("T") + times::DayPartCode(Lex(k).daypart);
        return Make(i, k + 1, "SET", Str(v));
      }
      if (Has(k, times::kDaypart)) {
        return Make(i, k + 1, "SET",
                    Str(std::string("XXXX-XX-XXT") + times::DayPartCode(Lex(k).daypart)));
      }
      if (Has(k, times::kSeason)) {
        return Make(i, k + 1, "SET", Str(std::string("XXXX-") + times::SeasonCode(Lex(k).season)));
      }
      if (Has(k, times::kMonth)) {
        return Make(i, k + 1, "SET", Str(times::FormatYearMonth(0, Lex(k).month)));
      }
      return none;
    }
    // om de twee weken, eens in de twee maanden
    size_t de = 0;
    if (w.lower == "om" && Is(i + 1, "de") && Joined(i + 1)) de = i + 1;
    if (w.lower == "eens" && Is(i + 1, "in") && Is(i + 2, "de") && Joined(i + 1) && Joined(i + 2)) {
      de = i + 2;
    }
    if (de && Joined(de + 1)) {
      Qty q;
      if (ParseQty(de + 1, &q) && !q.vague && Joined(q.e) && Has(q.e, times::kUnit)) {
        return Make(i, q.e + 1, "SET", Str(SetOfUnit(q.v, Lex(q.e).unit)));
      }
      return none;
    }
    if ((w.cats & times::kPer) && Joined(i + 1) && Has(i + 1, times::kUnit) &&
        !Lex(i + 1).unit_plural) {
      Unit u = Lex(i + 1).unit;
      if (u == Unit::kHour || u == Unit::kMinute || u == Unit::kSecond || u == Unit::kQuarterHour ||
          u == Unit::kWeekend) {
        return none;  // speeds and rates: "km per uur"
      }
      return Make(i, i + 2, "SET", Str(SetOfUnit(1, u)));
    }
    if (w.lower == "'s" && Joined(i + 1)) {
      if (Has(i + 1, times::kWeekdays)) {
        return Make(i, i + 2, "SET", Str("XXXX-WXX-" + std::to_string(Lex(i + 1).weekday)));
      }
      if (Has(i + 1, times::kSeasonAdv)) {
        return Make(i, i + 2, "SET",
                    Str(std::string("XXXX-") + times::SeasonCode(Lex(i + 1).season)));
      }
      if (Has(i + 1, times::kDaypartAdv)) {
        // 's avonds: the evening of the document day (or of the day just named).
        DayPart ctx = DayPart::kNone;
        TV v = ClockDate(i, &ctx);
        v.dp = Lex(i + 1).daypart;
        return Make(i, i + 2, "TIME", v);
      }
      return none;
    }
    // maandags; maandagen only after op/alle ("culturele zondagen" are events, not a SET).
    if ((w.cats & times::kWeekdays) &&
        (w.lower.back() == 's' ||
         (i > 0 && Joined(i) && (Is(i - 1, "op") || Is(i - 1, "alle") || Is(i - 1, "'s"))))) {
      return Make(i, i + 1, "SET", Str("XXXX-WXX-" + std::to_string(w.lex->weekday)));
    }
    if (w.cats & times::kSet) return Make(i, i + 1, "SET", Str(w.lex->value));
    return none;
  }

  // Single words: nu, momenteel, onlangs, binnenkort, jarenlang.
  Found SingleAt(size_t i) {
    Found none;
    const Word& w = w_[i];
    if (w.cats & times::kRef) {
      if (w.lower == "nu" && Joined(i + 1) && Is(i + 1, "eenmaal")) return none;
      if (w.lower == "vroeger" && Joined(i + 1) && Is(i + 1, "dan")) return none;
      // "uit recent onderzoek", "een recent rapport": an adjective, not a time.
      if (w.lower == "recent" && i > 0 && Joined(i) &&
          (Has(i - 1, times::kArticle | times::kYearPrep) || Is(i - 1, "een") || Is(i - 1, "dit") ||
           Is(i - 1, "op") || Is(i - 1, "met") || Is(i - 1, "door") || Is(i - 1, "bij") ||
           Is(i - 1, "zijn") || Is(i - 1, "haar") || Is(i - 1, "hun"))) {
        return none;
      }
      return Make(i, i + 1, "DATE", Str(w.lex->value));
    }
    if (w.cats & times::kVDur) return Make(i, i + 1, "DURATION", Str(w.lex->value));
    return none;
  }

  // Approximators kept in the span: rond 16.30 uur, even na 13.30 uur, ruim twee jaar.
  Found Approx(size_t i) {
    Found none;
    size_t k = 0;
    if (Has(i, times::kApprox)) {
      k = i + 1;
    } else if (Has(i, times::kApprox1) && Joined(i + 1) && (Is(i + 1, "na") || Is(i + 1, "voor"))) {
      k = i + 2;
    } else {
      return none;
    }
    if (!Joined(k)) return none;
    Found f = Core(k);
    if (!f.ok() || f.b != k) return none;
    if (f.v.k == TV::kStr &&
        (f.v.str == "PRESENT_REF" || f.v.str == "PAST_REF" || f.v.str == "FUTURE_REF")) {
      return none;
    }
    f.b = i;
    return f;
  }

  // begin maart, eind dit jaar, medio 2020, het einde van het jaar, begin jaren 90.
  Found Modified(size_t i) {
    Found none;
    size_t j = i;
    if (Has(i, times::kArticle) && Joined(i + 1) && Has(i + 1, times::kModifier)) j = i + 1;
    if (!Has(j, times::kModifier)) return none;
    char mod = Lex(j).modifier;
    size_t k = j + 1;
    bool van = false;
    if (Joined(k) && Is(k, "van")) {
      van = true;
      ++k;
    }
    if (j != i && !van) return none;  // "het begin" alone is not a time
    if (!Joined(k)) return none;
    Found x;
    if (van && (Is(k, "het") || Is(k, "de")) && Joined(k + 1) && Has(k + 1, times::kUnit) &&
        !Lex(k + 1).unit_plural) {
      // het einde van het jaar / de maand / de week: the current one.
      switch (Lex(k + 1).unit) {
        case Unit::kYear:
          x = Make(k, k + 2, "DATE", YearRel(0));
          break;
        case Unit::kMonth:
          x = Make(k, k + 2, "DATE", MonthRel(0));
          break;
        case Unit::kWeek:
          x = Make(k, k + 2, "DATE", WeekRel(0));
          break;
        default:
          return none;
      }
    } else {
      x = Core(k);
    }
    if (!x.ok() || x.b != k || std::string_view(x.type) != "DATE") return none;
    if (w_[j].lower == "half" && x.v.k != TV::kMonth && x.v.k != TV::kYear) return none;
    TV v = x.v;
    switch (v.k) {
      case TV::kYear:
        v.k = TV::kMonth;
        v.m = mod == 'B' ? 1 : mod == 'E' ? 12 : 6;
        if (v.y == 0) v.k = TV::kYear;
        break;
      case TV::kMonth:
      case TV::kWeek:
      case TV::kDecade:
      case TV::kSeason:
      case TV::kQuarter:
      case TV::kHalf:
      case TV::kCentury:
      case TV::kDay:
      case TV::kWeekend:
        break;
      default:
        return none;
    }
    return Make(i, x.e, "DATE", v);
  }

  // eerder deze week, later dit jaar, eerder vandaag.
  Found EarlierLater(size_t i) {
    Found none;
    if (!Has(i, times::kEarlierLater) || !Joined(i + 1)) return none;
    bool rel0 = Has(i + 1, times::kRelDet) && Lex(i + 1).reldet == 0;
    bool today = Has(i + 1, times::kDeictic) && Lex(i + 1).deictic == 0;
    if (!rel0 && !today) return none;
    Found x = Core(i + 1);
    if (!x.ok() || x.b != i + 1 || std::string_view(x.type) == "DURATION") return none;
    x.b = i;
    return x;
  }

  const Lexicon& lex_;
  const Word* w_;
  size_t n_;
  Anchor a_;
  const Doc& doc_;
  Found last_;
  bool has_last_ = false;
};

class TimeTaggerStage : public Stage {
 public:
  explicit TimeTaggerStage(std::shared_ptr<const TimeTagger> t) : t_(std::move(t)) {}
  std::string Name() const override { return "times"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences}; }
  LayerSet Writes() const override { return {Layer::kTimes}; }
  Status Process(Doc& doc) const override {
    t_->Tag(doc);
    return Status();
  }

 private:
  std::shared_ptr<const TimeTagger> t_;
};

}  // namespace

Result<std::shared_ptr<const TimeTagger>> TimeTagger::Create() {
  auto lex = Lexicon::Load();
  if (!lex.ok()) return lex.status();
  return CreateWith(std::move(lex).value());
}

std::shared_ptr<const TimeTagger> TimeTagger::CreateWith(std::shared_ptr<const Lexicon> lexicon) {
  return std::shared_ptr<const TimeTagger>(new TimeTagger(std::move(lexicon)));
}

void TimeTagger::Tag(Doc& doc) const {
  doc.times.clear();
  thread_local std::vector<Word> words;
  Anchor anchor =
      Anchor::Parse(doc.meta.date ? std::optional<std::string_view>(*doc.meta.date) : std::nullopt);
  BuildWords(doc, *lex_, words, [&](const Word* w, size_t n) {
    Matcher m(*lex_, w, n, anchor, doc);
    m.Run(&doc.times);
  });
}

std::unique_ptr<Stage> MakeTimeTaggerStage(std::shared_ptr<const TimeTagger> tagger) {
  return std::make_unique<TimeTaggerStage>(std::move(tagger));
}

}  // namespace kroniek
