// The sentence splitter: walks the tokens the token splitter made, with the kind and flags it
// recorded for each, and decides where sentences end. Terminal punctuation, line breaks,
// paragraphs and datelines are decided by rules; the other gaps before a possible sentence start
// by a GapDecider (the learned model of sentence_model.h) when there is one, else by the heading
// and list heuristics below.
#include <xxhash.h>

#include <algorithm>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "learn/features.h"
#include "tokenize/sentence_model.h"
#include "tokenize/token_info.h"

namespace kroniek::tok {
namespace {

enum Strength { kNoStart = 0, kWeakStart = 1, kStrongStart = 2 };

// Why the current sentence started (a feature of the model).
enum StartReason : uint8_t {
  kStartText = 0,    // the start of the text
  kStartPunct = 1,   // terminal punctuation ended the sentence before
  kStartLayout = 2,  // a line or paragraph break
  kStartDateline = 3,
  kStartGap = 4,  // the model or a heading/list heuristic
};

// Feature templates of the boundary model (changing them means a new kSentenceFeatureSet).
enum Template : uint32_t {
  kTBias = 1,
  kTWordPrev,
  kTWordNext,
  kTWordPrev2,
  kTWordNext2,
  kTWordPrevNext,
  kTShape2,
  kTShape3Left,
  kTShape3Right,
  kTShape4,
  kTWordNextShapeNext2,
  kTShapePrevWordNext,
  kTWordPrevShapeNext,
  kTSegLenShape,
  kTSegLen,
  kTSegFlagsShape,
  kTHeuristics,
  kTReasonShape,
  kTLookPunct,
  kTLookColon,
  kTLookLower,
  kTSuffixPrev,
  kTCapRun,
  kTFirstWordShape,
  kTFirstShapeShape,
  kTLenNext,
  kTWordPrev2Prev,
  kTLexNext,
  kTLexNextRatio,
  kTLexPrev,
  kTLexPrevRatio,
  kTLexNext2,
  kTLexPrevNext,
  kTDocNext,
  kTDocNext2,
  kTDocPairName,
  kTDocPairCount,
  kTDensity,
  kTNameNext,
  kTNamePrev,
  kTNameTriple,
  kTFinite,
  kTFiniteNext2,
  kTFinitePrev,
};

inline int64_t Clip(int64_t v, int64_t lo, int64_t hi) { return std::max(lo, std::min(hi, v)); }

// Buckets of a count: 0 1 2 3 4 5 6-7 8-10 11-15 16-25 26+.
inline uint64_t Bucket(size_t n) {
  if (n <= 5) return n;
  if (n <= 7) return 6;
  if (n <= 10) return 7;
  if (n <= 15) return 8;
  if (n <= 25) return 9;
  return 10;
}

// A map from 64-bit keys to 8-bit values, rebuilt for every text: what the text itself shows
// about its words (the document-centred evidence of Mikheev 2002). Open addressing; a key is
// never 0 (bit 0 is set).
class DocTable {
 public:
  // Room for `expected` keys.
  void Reset(size_t expected) {
    size_t cap = 64;
    while (cap < expected * 2) cap <<= 1;
    keys_.assign(cap, 0);
    vals_.assign(cap, 0);
    mask_ = cap - 1;
    used_ = 0;
    spare_ = 0;
  }
  // The value of `key`, inserted as 0 when absent (when the table is full, a scratch byte).
  uint8_t* Slot(uint64_t key) {
    key |= 1;
    const size_t s = Probe(key);
    if (keys_[s] == 0) {
      if (used_ * 2 >= keys_.size()) return &spare_;
      keys_[s] = key;
      ++used_;
    }
    return &vals_[s];
  }
  // The value of `key`, or null when absent.
  uint8_t* Find(uint64_t key) {
    const size_t s = Probe(key | 1);
    return keys_[s] == 0 ? nullptr : &vals_[s];
  }
  uint8_t Get(uint64_t key) const { return vals_[Probe(key | 1)]; }  // 0 when absent

 private:
  // The slot holding `key`, or the empty slot where it would go.
  size_t Probe(uint64_t key) const {
    size_t s = (key * 0x9E3779B97F4A7C15ULL >> 20) & mask_;
    while (keys_[s] != 0 && keys_[s] != key) s = (s + 1) & mask_;
    return s;
  }

  std::vector<uint64_t> keys_;
  std::vector<uint8_t> vals_;
  size_t mask_ = 0, used_ = 0;
  uint8_t spare_ = 0;
};

// Flags of a word form (lowercased) in the DocTable.
enum DocFlag : uint8_t {
  kDocLower = 1,     // written lowercase somewhere in the text
  kDocCapGlue = 2,   // capitalised after an article, preposition or conjunction
  kDocCapStop = 4,   // capitalised right after . ! ?
  kDocCapOther = 8,  // capitalised anywhere else
};

// What the features need of one token. Neighbouring gaps share tokens, so the last few are
// kept in a small cache indexed by token number.
struct TokInfo {
  uint64_t word = 0;  // hash of the exact form
  size_t token = ~size_t{0};
  LexCode form, lower;
  uint8_t shape = 0;
  uint8_t state = 0;  // 1: word and shape; 2: also the lexicon
};

struct FeatureScratch {
  learn::FeatureVector fv;
  TokInfo info[16];
  DocTable doc;
  std::vector<uint64_t> form;           // hash of each word token's lowercase form (0: not a word)
  std::vector<uint32_t> next_terminal;  // index of the first . ! ? at or after each token
  std::vector<uint32_t> next_colon;
  std::vector<uint32_t> next_lower;   // the first lowercase word
  std::vector<uint32_t> next_finite;  // the first finite verb (finite_verbs.txt)
  std::vector<uint32_t> terminals;    // . ! ? before each token (prefix counts)
  std::vector<uint8_t> finite;  // 1: a finite verb (finite_verbs.txt), 0: not, 2: not looked up
};

class Splitter {
 public:
  Splitter(const WordLists& lists, const std::vector<uint8_t>& kinds,
           const std::vector<uint8_t>& flags, bool wrapped, GapDecider* decider, Doc& doc)
      : lists_(lists),
        kinds_(kinds),
        flags_(flags),
        wrapped_(wrapped),
        decider_(decider),
        doc_(doc),
        n_(doc.tokens.size()),
        function_word_(n_, 0) {}

  void Run();

 private:
  std::string_view Text(size_t i) const { return doc_.TokenText(i); }
  bool IsFiniteVerbAt(size_t i) const {
    return i < n_ && kinds_[i] == kWordToken && IsFiniteVerb(lists_, Text(i));
  }
  // IsFiniteVerbAt from the table PrepareModel made (with a decider only; 2: not looked up).
  bool Finite(size_t i) const {
    if (i >= n_) return false;
    const uint8_t v = fs_->finite[i];
    return v == 2 ? IsFiniteVerbAt(i) : v != 0;
  }
  // IsFunctionWord of token i, looked up once per token.
  bool FunctionWordAt(size_t i) const {
    uint8_t& m = function_word_[i];
    if (m == 0) m = IsFunctionWord(lists_, Text(i)) ? 2 : 1;
    return m == 2;
  }
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
  bool IsBullet(size_t i) const;
  void Close(size_t end, StartReason why);

  // The model's part.
  void PrepareModel();
  void Count(size_t i);
  uint8_t Shape(size_t k) const;
  uint64_t WordKey(size_t k) const;
  // Token k's cached word hash and shape (with lexicon codes when `lex`); k may be n_ (none).
  const TokInfo& Info(size_t k, const SentenceLexicon* lex);
  uint8_t DocFlags(size_t k) const;
  uint64_t SuffixKey(size_t k) const;
  // The lexicon's buckets for token k and for its lowercase form (zeros for non-words).
  std::pair<LexCode, LexCode> Lookup(const SentenceLexicon& lex, size_t k) const;
  bool ModelMayEnd(size_t j) const;
  bool EnumerationBefore(size_t j) const;
  bool ModelEndsBefore(size_t j);

  const WordLists& lists_;
  const std::vector<uint8_t>& kinds_;
  const std::vector<uint8_t>& flags_;
  const bool wrapped_;
  GapDecider* const decider_;
  Doc& doc_;
  const size_t n_;
  mutable std::vector<uint8_t> function_word_;  // FunctionWordAt: 0 not looked up, 1 no, 2 yes
  size_t start_ = 0;
  uint32_t paragraph_ = 0;
  int depth_ = 0;  // brackets open in the current sentence, up to the current token
  // What the current sentence holds so far (kept only with a decider).
  StartReason reason_ = kStartText;
  uint32_t seg_lower_ = 0, seg_capital_ = 0, seg_number_ = 0, seg_comma_ = 0, seg_colon_ = 0;
  uint32_t seg_finite_ = 0;  // finite verbs
  int seg_quote_ = 0;        // open quotes not closed yet
  uint32_t cap_run_ = 0;     // capitalised words in a row up to the current token
  // The word hash and shape of the current sentence's first token (cached for the model).
  size_t first_token_ = ~size_t{0};
  uint64_t first_word_ = 0;
  uint8_t first_shape_ = 0;
  FeatureScratch* fs_ = nullptr;
};

Strength Splitter::StartStrength(size_t j) const {
  const uint8_t f = flags_[j];
  switch (kinds_[j]) {
    case kWordToken:
      if (f & kLowerStart) return kNoStart;
      if ((f & kCapital) && FunctionWordAt(j)) return kStrongStart;
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
  if (IsLowerWord(p) && FunctionWordAt(p)) return false;
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
  return FunctionWordAt(i);
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

bool Splitter::IsBullet(size_t i) const {
  std::string_view t = Text(i);
  return t == "*" || t == "\xE2\x80\xA2" || t == "\xE2\x96\xAA" || t == "\xC2\xB7";
}

// A bullet (* • ▪) after a word starts a list item.
bool Splitter::BulletStartsAt(size_t i) const {
  if (kinds_[i] != kSymbolToken || i + 1 >= n_ || !IsBullet(i)) return false;
  const size_t p = i - 1;
  if (kinds_[p] != kWordToken && kinds_[p] != kNumberToken && kinds_[p] != kCloseBracketToken) {
    return false;
  }
  return (flags_[i + 1] & kCapital) != 0;
}

void Splitter::Close(size_t end, StartReason why) {
  if (end <= start_) return;
  Sentence s;
  s.token_begin = static_cast<uint32_t>(start_);
  s.token_end = static_cast<uint32_t>(end);
  s.paragraph = paragraph_;
  doc_.sentences.push_back(std::move(s));
  start_ = end;
  depth_ = 0;
  reason_ = why;
  seg_lower_ = seg_capital_ = seg_number_ = seg_comma_ = seg_colon_ = seg_finite_ = 0;
  seg_quote_ = 0;
}

void Splitter::PrepareModel() {
  thread_local FeatureScratch scratch;
  fs_ = &scratch;
  for (TokInfo& t : fs_->info) t.token = ~size_t{0};
  // The hash of each word's lowercase form (WordTable::KeyHash for the short ones).
  std::vector<uint64_t>& form = fs_->form;
  form.assign(n_, 0);
  size_t capitalised = 0;
  char buf[64];
  for (size_t k = 0; k < n_; ++k) {
    if (kinds_[k] != kWordToken) continue;
    std::string_view t = Text(k);
    if (t.size() > sizeof buf) t = t.substr(0, sizeof buf);
    for (size_t x = 0; x < t.size(); ++x) {
      char ch = t[x];
      buf[x] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
    }
    form[k] = XXH3_64bits(buf, t.size()) | 1;
    capitalised += (flags_[k] & kCapital) != 0;
  }
  fs_->next_terminal.resize(n_ + 1);
  fs_->next_colon.resize(n_ + 1);
  fs_->next_lower.resize(n_ + 1);
  fs_->next_finite.resize(n_ + 1);
  fs_->finite.resize(n_);
  uint32_t t = static_cast<uint32_t>(n_), c = t, l = t, v = t;
  fs_->next_terminal[n_] = fs_->next_colon[n_] = fs_->next_lower[n_] = fs_->next_finite[n_] = t;
  for (size_t k = n_; k-- > 0;) {
    const uint8_t kind = kinds_[k];
    if (kind == kPeriodToken || kind == kExclaimToken || kind == kQuestionToken) {
      t = static_cast<uint32_t>(k);
    } else if (kind == kColonToken) {
      c = static_cast<uint32_t>(k);
    } else if (IsLowerWord(k)) {
      l = static_cast<uint32_t>(k);
    }
    // Lowercase words are looked up here; the others, rarely asked about, when needed.
    if (kind != kWordToken) {
      fs_->finite[k] = 0;
    } else if (flags_[k] & kLowerStart) {
      // IsFiniteVerb through the hash of the form computed above.
      fs_->finite[k] = doc_.tokens[k].size() <= 16 && lists_.finite_verbs.ContainsHash(form[k]);
      if (fs_->finite[k]) v = static_cast<uint32_t>(k);
    } else {
      fs_->finite[k] = 2;
    }
    fs_->next_finite[k] = v;
    fs_->next_terminal[k] = t;
    fs_->next_colon[k] = c;
    fs_->next_lower[k] = l;
  }
  fs_->terminals.resize(n_ + 1);
  fs_->terminals[0] = 0;
  for (size_t k = 0; k < n_; ++k) {
    const uint8_t kind = kinds_[k];
    fs_->terminals[k + 1] = fs_->terminals[k] + (kind == kPeriodToken || kind == kExclaimToken ||
                                                 kind == kQuestionToken);
  }
  // What the text shows about its words: first the capitalised ones (few), then whether the
  // lowercase ones occur capitalised too.
  DocTable& doc = fs_->doc;
  doc.Reset(3 * capitalised);
  for (size_t k = 1; k < n_; ++k) {
    if (form[k] == 0 || !(flags_[k] & kCapital)) continue;
    uint8_t flag = kDocCapOther;
    const uint8_t pk = kinds_[k - 1];
    if (pk == kPeriodToken || pk == kExclaimToken || pk == kQuestionToken) {
      flag = kDocCapStop;
    } else if (IsLowerWord(k - 1) && IsGlueWord(lists_, Text(k - 1))) {
      flag = kDocCapGlue;
      if (k + 1 < n_ && (flags_[k + 1] & kCapital) && kinds_[k + 1] == kWordToken) {
        // "van De Morgan": the pair is a name.
        std::string_view t2 = Text(k + 1);
        *doc.Slot(learn::FeatureKey(form[k], 1, XXH3_64bits(t2.data(), t2.size()))) = 1;
      }
    }
    if (form[k - 1] != 0) {
      uint8_t* c = doc.Slot(learn::FeatureKey(form[k - 1], 2, form[k]));
      if (*c < 255) ++*c;
    }
    *doc.Slot(form[k]) |= flag;
  }
  for (size_t k = 0; k < n_; ++k) {
    if (form[k] != 0 && (flags_[k] & kLowerStart)) {
      if (uint8_t* v = doc.Find(form[k])) *v |= kDocLower;
    }
  }
}

// The DocFlags of token k's form.
uint8_t Splitter::DocFlags(size_t k) const {
  if (k >= n_ || fs_->form[k] == 0) return 0;
  return fs_->doc.Get(fs_->form[k]) | ((flags_[k] & kLowerStart) ? kDocLower : 0);
}

// Adds token i to the counts of the current sentence.
void Splitter::Count(size_t i) {
  const uint8_t f = flags_[i];
  switch (kinds_[i]) {
    case kWordToken:
    case kApostropheToken:
      if (f & kLowerStart) {
        ++seg_lower_;
        if (Finite(i)) ++seg_finite_;
      }
      if (f & kCapital) ++seg_capital_;
      break;
    case kNumberToken:
      ++seg_number_;
      break;
    case kCommaToken:
      ++seg_comma_;
      break;
    case kColonToken:
      ++seg_colon_;
      break;
    case kOpenQuoteToken:
      ++seg_quote_;
      break;
    case kCloseQuoteToken:
      if (seg_quote_ > 0) --seg_quote_;
      break;
    default:
      break;
  }
  if ((kinds_[i] == kWordToken || kinds_[i] == kInitialToken || kinds_[i] == kAbbrevToken ||
       kinds_[i] == kInitialsToken) &&
      (f & kCapital)) {
    ++cap_run_;
  } else {
    cap_run_ = 0;
  }
}

// A small class of token k: its kind and, for words, case and whether it is a function word.
uint8_t Splitter::Shape(size_t k) const {
  if (k >= n_) return 255;
  const uint8_t kind = kinds_[k], f = flags_[k];
  uint8_t c = 5;
  if (kind == kWordToken || kind == kApostropheToken || kind == kAbbrevToken ||
      kind == kInitialToken || kind == kInitialsToken) {
    if (f & kAllCaps) {
      c = 4;
    } else if (f & (kLowerStart | kCapital)) {
      c = (f & kCapital) ? 2 : 0;
      if (kind == kWordToken && FunctionWordAt(k)) ++c;
    }
  }
  return static_cast<uint8_t>(kind * 6 + c);
}

uint64_t Splitter::WordKey(size_t k) const {
  std::string_view t = Text(k);
  return XXH3_64bits(t.data(), t.size());
}

// The last three bytes of token k, in ASCII lowercase.
uint64_t Splitter::SuffixKey(size_t k) const {
  std::string_view t = Text(k);
  uint64_t v = t.size() >= 3 ? 3 : t.size();
  for (size_t x = t.size() - v; x < t.size(); ++x) {
    char ch = t[x];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    v = (v << 8) | static_cast<unsigned char>(ch);
  }
  return v;
}

std::pair<LexCode, LexCode> Splitter::Lookup(const SentenceLexicon& lex, size_t k) const {
  if (k >= n_ || (kinds_[k] != kWordToken && kinds_[k] != kApostropheToken)) return {};
  std::string_view t = Text(k);
  const LexCode form = lex.Find(t);
  if (!(flags_[k] & kCapital) || t.size() > 32) return {form, form};
  char buf[32];
  for (size_t x = 0; x < t.size(); ++x) {
    char ch = t[x];
    buf[x] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  }
  return {form, lex.Find(std::string_view(buf, t.size()))};
}

const TokInfo& Splitter::Info(size_t k, const SentenceLexicon* lex) {
  static const TokInfo kNone = [] {
    TokInfo t;
    t.word = 0x5eed;
    t.shape = 255;
    t.state = 2;
    return t;
  }();
  if (k >= n_) return kNone;
  TokInfo& t = fs_->info[k & 15];
  if (t.token != k) {
    t.token = k;
    t.word = WordKey(k);
    t.shape = Shape(k);
    t.state = 1;
  }
  if (t.state == 1 && lex) {
    std::tie(t.form, t.lower) = Lookup(*lex, k);
    t.state = 2;
  }
  return t;
}

// Whether the model is asked about the gap before token j: j could start a sentence and is not
// an abbreviation or initials ("Pijpleidingen N.V."), and the gap is not right after an opening
// quote, bracket or bullet (they go with what follows), an article, preposition or conjunction
// ("van Dijck", "de Kamer"), an enumeration marker in running text (EnumerationBefore), or an
// abbreviation or initial other than enz. and etc. ("Drs. Van Son", "Kon. Olie", "F.
// Bruckmann"), after which the rules have decided.
bool Splitter::ModelMayEnd(size_t j) const {
  if (StartStrength(j) == kNoStart || kinds_[j] == kInitialsToken || kinds_[j] == kAbbrevToken) {
    return false;
  }
  const size_t p = j - 1;
  switch (kinds_[p]) {
    case kOpenQuoteToken:
    case kOpenBracketToken:
    case kInitialToken:
    case kInitialsToken:
      return false;
    case kAbbrevToken:
      return (flags_[p] & kAbbrevEnds) != 0;
    case kCloseBracketToken:
      return !EnumerationBefore(j);
    case kSymbolToken:
      return !IsBullet(p);
    case kWordToken:
      return !(IsLowerWord(p) && IsGlueWord(lists_, Text(p)));
    default:
      return true;
  }
}

// An enumeration marker inside running text ends right before token j: ", ( 2 ) Franstaligen",
// ": ( a ) De ..." (a number of one or two digits or a single letter in brackets, after a comma,
// colon, semicolon or lowercase word). The item it opens goes on. After a capitalised word the
// brackets are more often a count closing a heading ("Dubbelspel ( 11 ) Geboren in ...").
bool Splitter::EnumerationBefore(size_t j) const {
  if (j < 4) return false;
  const size_t close = j - 1, mark = j - 2, open = j - 3, before = j - 4;
  if (kinds_[close] != kCloseBracketToken || kinds_[open] != kOpenBracketToken) return false;
  const std::string_view m = Text(mark);
  const bool marker = (kinds_[mark] == kNumberToken && m.size() <= 2) ||
                      (kinds_[mark] == kWordToken && m.size() == 1);
  if (!marker) return false;
  switch (kinds_[before]) {
    case kCommaToken:
    case kColonToken:
    case kSemicolonToken:
      return true;
    default:
      return IsLowerWord(before);
  }
}

// Asks the decider about the gap before token j (j > start_).
bool Splitter::ModelEndsBefore(size_t j) {
  using learn::FeatureKey;
  learn::FeatureVector& fv = fs_->fv;
  fv.clear();
  const size_t p = j - 1;
  const size_t p2 = p > 0 ? p - 1 : n_;  // n_: none
  const size_t j2 = std::min(j + 1, n_);
  const SentenceLexicon* lex = decider_->lexicon();
  if (lex && lex->size() == 0) lex = nullptr;
  const TokInfo& ip = Info(p, lex);
  const TokInfo& ij = Info(j, lex);
  const TokInfo& ip2 = Info(p2, lex);
  const TokInfo& ij2 = Info(j2, lex);
  const uint64_t wp = ip.word, wj = ij.word, wp2 = ip2.word, wj2 = ij2.word;
  const uint64_t sp = ip.shape, sj = ij.shape, sp2 = ip2.shape, sj2 = ij2.shape;
  auto add = [&](uint32_t t, uint64_t a) { fv.Add(FeatureKey(t, a)); };
  auto add2 = [&](uint32_t t, uint64_t a, uint64_t b) {
    fv.Add(FeatureKey(FeatureKey(t, a), t, b));
  };
  // The words and shapes around the gap.
  add(kTBias, 0);
  add(kTWordPrev, wp);
  add(kTWordNext, wj);
  add(kTWordPrev2, wp2);
  add(kTWordNext2, wj2);
  add2(kTWordPrevNext, wp, wj);
  add2(kTWordPrev2Prev, wp2, wp);
  add(kTShape2, sp << 8 | sj);
  add(kTShape3Left, sp2 << 16 | sp << 8 | sj);
  add(kTShape3Right, sp << 16 | sj << 8 | sj2);
  add(kTShape4, sp2 << 24 | sp << 16 | sj << 8 | sj2);
  add2(kTWordNextShapeNext2, wj, sj2);
  add2(kTShapePrevWordNext, sp, wj);
  add2(kTWordPrevShapeNext, wp, sj);
  add(kTSuffixPrev, SuffixKey(p) << 8 | sj);
  // The sentence so far, what follows, and the rules' heading and list heuristics.
  const size_t len = j - start_;
  add(kTSegLen, Bucket(len));
  add(kTSegLenShape, Bucket(len) << 8 | sj);
  const uint64_t seg_flags = (seg_lower_ > 0 ? 1 : 0) | (seg_lower_ > 2 ? 2 : 0) |
                             (seg_comma_ > 0 ? 4 : 0) | (seg_colon_ > 0 ? 8 : 0) |
                             (seg_quote_ > 0 ? 16 : 0) | (depth_ > 0 ? 32 : 0) |
                             (seg_number_ > 0 ? 64 : 0);
  add(kTSegFlagsShape, seg_flags << 8 | sj);
  uint64_t heur = (HeadingEndsBefore(j) ? 1 : 0) | (BracketEndsBefore(j) ? 4 : 0);
  add(kTHeuristics, heur);
  add(kTReasonShape, uint64_t{reason_} << 8 | sj);
  add(kTLookPunct, Bucket(fs_->next_terminal[j] - j) << 8 | sj);
  add(kTLookColon, Bucket(fs_->next_colon[j] - j) << 8 | (seg_colon_ > 0 ? 1 : 0));
  add(kTLookLower, Bucket(fs_->next_lower[j] - j) << 8 | sj);
  add(kTCapRun, uint64_t{std::min<uint32_t>(cap_run_, 5)} << 16 | sj << 8 | sj2);
  // Not through Info: its cache slot may hold one of the tokens above.
  if (first_token_ != start_) {
    first_token_ = start_;
    first_word_ = WordKey(start_);
    first_shape_ = Shape(start_);
  }
  add2(kTFirstWordShape, first_word_, sj);
  add(kTFirstShapeShape, uint64_t{first_shape_} << 8 | sj);
  add(kTLenNext, std::min<uint64_t>(doc_.tokens[j].size(), 12) << 8 | sj);
  {
    // Terminal punctuation around the gap: rare in lists and headings, common in running text.
    const size_t lo = j > 50 ? j - 50 : 0, hi = std::min(n_, j + 50);
    const uint32_t before = fs_->terminals[j] - fs_->terminals[lo];
    const uint32_t after = fs_->terminals[hi] - fs_->terminals[j];
    add(kTDensity, uint64_t{std::min<uint32_t>(before, 4)} << 12 |
                       uint64_t{std::min<uint32_t>(after, 4)} << 8 | sj);
  }
  // Finite verbs: one in the sentence so far, one ahead before the next . ! ?, one right after
  // the next word ("Bosbouw is ..."), the previous word one.
  {
    const uint32_t ahead = fs_->next_finite[j];
    const uint64_t fin_ahead = ahead < fs_->next_terminal[j] ? 1 + (ahead - j <= 3) : 0;
    add(kTFinite, uint64_t{std::min<uint32_t>(seg_finite_, 2)} << 12 | fin_ahead << 8 | sj);
    add(kTFiniteNext2, uint64_t{Finite(j + 1)} << 8 | sj);
    add(kTFinitePrev, uint64_t{Finite(p)} << 16 | sp << 8 | sj);
  }
  // What the text itself shows about the words (DocFlag).
  {
    const std::vector<uint64_t>& form = fs_->form;
    const DocTable& doc = fs_->doc;
    const uint64_t dj = DocFlags(j);
    const uint64_t dj2 = DocFlags(j + 1);
    add(kTDocNext, dj << 8 | sj);
    add(kTDocNext2, dj2 << 16 | sj << 8 | sj2);
    if (form[j] && j + 1 < n_ && kinds_[j + 1] == kWordToken) {
      std::string_view t2 = Text(j + 1);
      add(kTDocPairName, doc.Get(learn::FeatureKey(form[j], 1, XXH3_64bits(t2.data(), t2.size()))));
    }
    if (form[j] && form[p]) {
      add(kTDocPairCount,
          uint64_t{std::min<uint8_t>(doc.Get(learn::FeatureKey(form[p], 2, form[j])), 3)} << 16 |
              sp << 8 | sj);
    }
  }
  // The model's word statistics: how often the next word starts a sentence, occurs inside one
  // or is written lowercase; how often a sentence ends with the previous word.
  if (lex) {
    const LexCode &xj = ij.form, &lj = ij.lower, &xp = ip.form, &xj2 = ij2.form, &lj2 = ij2.lower;
    add(kTLexNext, (uint64_t{xj.start} << 6 | uint64_t{xj.mid} << 3 | lj.mid) << 8 | sj);
    const int64_t start_ratio = Clip(int64_t{xj.start} - xj.mid, -3, 3) + 3;
    const int64_t lower_ratio = Clip(int64_t{lj.mid} - xj.mid, -3, 3) + 3;
    add(kTLexNextRatio, static_cast<uint64_t>(start_ratio << 4 | lower_ratio) << 8 | sj);
    add(kTLexPrev, (uint64_t{xp.end} << 3 | xp.total) << 8 | sp);
    const int64_t end_ratio = Clip(int64_t{xp.end} - xp.total, -4, 0) + 4;
    add(kTLexPrevRatio, static_cast<uint64_t>(end_ratio) << 8 | sj);
    add(kTLexNext2,
        (uint64_t{xj2.start} << 6 | uint64_t{xj2.mid} << 3 | lj2.mid) << 16 | sj << 8 | sj2);
    add(kTLexPrevNext, static_cast<uint64_t>(end_ratio << 8 | start_ratio << 4 | lower_ratio));
    // Person names: a first name after a surname starts a new name.
    add(kTNameNext, (uint64_t{xj.first} << 3 | xj.last) << 16 | sp << 8 | sj2);
    add(kTNamePrev, (uint64_t{xp.first} << 3 | xp.last) << 8 | sj);
    add(kTNameTriple, uint64_t{xp.last > xp.first} << 2 | uint64_t{xj.first > xj.last} << 1 |
                          uint64_t{xj2.last > xj2.first});
  }
  return decider_->EndsBefore(fv.keys(), j);
}

void Splitter::Run() {
  if (decider_) PrepareModel();
  for (size_t i = 0; i < n_; ++i) {
    const uint8_t f = flags_[i];
    if (i > start_) {
      if ((f & kParaBefore) || ((f & kNewlineBefore) && LineBreakEnds(i))) {
        Close(i, kStartLayout);
      } else if (DatelineAt(i)) {
        Close(i, kStartDateline);
      } else if (decider_) {
        // A repeated heading word and a bullet are sure signs; the model decides the other
        // gaps before a possible sentence start (ModelMayEnd).
        if (RepeatStartsAt(i) || BulletStartsAt(i)) {
          Close(i, kStartGap);
        } else if (ModelMayEnd(i) && ModelEndsBefore(i)) {
          Close(i, kStartGap);
        }
      } else if (HeadingEndsBefore(i) || RepeatStartsAt(i) || BracketEndsBefore(i) ||
                 BulletStartsAt(i)) {
        Close(i, kStartGap);
      }
    }
    if ((f & kParaBefore) && i > 0) ++paragraph_;
    if (kinds_[i] == kOpenBracketToken) ++depth_;
    if (kinds_[i] == kCloseBracketToken && depth_ > 0) --depth_;
    if (decider_) Count(i);
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
      if (!decided_later) Close(j, kStartPunct);
      i = j - 1;  // at the end or a line break, the next round decides
    }
  }
  Close(n_, kStartText);
}

}  // namespace

void SplitSentences(const WordLists& lists, const std::vector<uint8_t>& kinds,
                    const std::vector<uint8_t>& flags, bool wrapped, GapDecider* decider,
                    Doc& doc) {
  if (doc.tokens.empty()) return;
  Splitter s(lists, kinds, flags, wrapped, decider, doc);
  s.Run();
}

}  // namespace kroniek::tok
