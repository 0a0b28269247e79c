#include "ner/ner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/features.h"
#include "learn/random.h"
#include "tag/text.h"

namespace kroniek::ner {
namespace {

using learn::FeatureKey;
using learn::FeatureVector;

// Feature templates of ner.v1. Never renumber: the numbers are part of the model.
enum Templ : uint32_t {
  kBias = 1,
  kRaw,
  kLow,
  kPre1,              // kPre1 + k - 1, k = 1..4
  kSuf1 = kPre1 + 4,  // kSuf1 + k - 1, k = 1..4
  kShape = kSuf1 + 4,
  kShortShape,
  kFlags,
  kInitLow,  // sentence-initial x lower-cased word
  kLowM1,
  kLowP1,
  kLowM2,
  kLowP2,
  kRawM1,
  kRawP1,
  kBiM1,      // previous word x word
  kBiP1,      // word x next word
  kShapeWin,  // shapes of previous, this and next word
  kCluster,   // + level
  kClusterM1 = kCluster + kMaxLevels,
  kClusterP1 = kClusterM1 + kMaxLevels,
  kCap = kClusterP1 + kMaxLevels,  // capitalisation prior bucket
  kCapFlags,                       // bucket x case flags x sentence-initial
  kGaz,                            // category x code
  kGazSig,                         // all codes of the token
  kGazM1,
  kGazP1,
  kGazShape,  // category x code x short shape
  kSufShape,  // suffix3 x short shape
  kFlagsM1,
  kFlagsP1,
  kLowM1Shape,    // previous word x this shape
  kLowP1Shape,    // next word x this shape
  kClusterShape,  // cluster (level 1) x short shape
  kDash,          // parts of a hyphenated word: first part, last part
  kDashFirstGaz,  // categories of the first part of a hyphenated word
  kQuote,         // inside quotation marks
  kDocCase,       // how the word is written elsewhere in the document (label-free)
  // Second pass.
  kDocMaj = 100,  // majority first-pass type of the same word elsewhere in the document
  kDocHas,        // a type given to the same word elsewhere
  kDocLonger,     // the word occurs inside a longer name of this type elsewhere
  kDocLowerSeen,  // the word occurs in lower case elsewhere in the document
  kP1,            // first-pass label of this token
  kP1M1,
  kP1P1,
  kP1Low,  // first-pass label x word
  kDocMajShape,
  kDocLongerShape,
  // Transitions.
  kTrans = 200,
  kEnd,
};

// Labels: 0 = O; for type t: 1 + 4t + {0 B, 1 I, 2 L, 3 U}.
enum Part : uint32_t { kB = 0, kI = 1, kL = 2, kU = 3 };
inline uint32_t Label(uint32_t type, Part p) { return 1 + 4 * type + p; }
inline uint32_t TypeOf(uint32_t label) { return label == 0 ? 0 : 1 + (label - 1) / 4; }  // 0 = O
inline uint32_t PartOf(uint32_t label) { return (label - 1) % 4; }

uint64_t H(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

struct Tok {
  uint64_t raw, low, shape, sshape, dash_first, dash_last;
  uint64_t pre[4], suf[4];
  uint32_t flags;
  uint8_t doc_case;  // bit 0: written in lower case elsewhere in the document (not at a sentence
                     // start); bit 1: capitalised elsewhere, not at a sentence start
  uint16_t cl[kMaxLevels];
  uint8_t cap;
  uint32_t gaz;       // Gazetteer::Match codes
  uint32_t dash_gaz;  // categories of the first part of a hyphenated word
  bool quoted;
};

// The document-level view of a token made from first-pass labels.
struct DocInfo {
  uint32_t p1 = 0;     // first-pass label
  uint8_t maj = 0;     // 0 none, 1 + type index (0 = O) of the majority elsewhere
  uint8_t has = 0;     // bit per type index
  uint8_t longer = 0;  // bit per type index (1..)
  bool lower_seen = false;
};

struct Prepared {
  std::vector<Tok> toks;
  std::vector<std::pair<uint32_t, uint32_t>> sents;
  std::vector<DocInfo> info;  // second pass only
};

const Tok& Pad() {
  static const Tok pad = [] {
    Tok p{};
    p.raw = p.low = H("<pad>");
    p.shape = p.sshape = H("<pad>");
    p.flags = 1u << 20;
    return p;
  }();
  return pad;
}

bool HasDigit(std::string_view w) {
  for (char c : w) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool IsQuoteMark(std::string_view w) {
  return w == "\"" || w == "'" || w == "''" || w == "``" || w == ",," || w == "\xE2\x80\x9C" ||
         w == "\xE2\x80\x9D" || w == "\xE2\x80\x9E" || w == "\xE2\x80\x98" || w == "\xE2\x80\x99";
}

// The shape cut to its first 4 characters ("Xx-x", "X", "d").
std::string ShortShape(std::string_view shape) {
  std::string s(shape.substr(0, 4));
  return s;
}

void PrepareSentence(const std::vector<std::string_view>& words, const Gazetteer& gaz,
                     const WordClusters& wc, const Gazetteer::KeepFn* keep, Tok* out) {
  std::vector<uint32_t> codes;
  gaz.Match(words, &codes, keep);
  bool in_quote = false;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    Tok& t = out[i];
    std::string low = tag::Lower(w);
    t.raw = H(w);
    t.low = H(low);
    for (size_t k = 0; k < 4; ++k) {
      t.pre[k] = H(tag::PrefixCp(low, k + 1));
      t.suf[k] = H(tag::SuffixCp(low, k + 1));
    }
    std::string shape = tag::Shape(w);
    t.shape = H(shape);
    t.sshape = H(ShortShape(shape));
    uint32_t f = 0;
    bool upper = tag::StartsUpper(w), all_upper = tag::AllUpper(w);
    if (upper) f |= 1;
    if (all_upper) f |= 2;
    if (w.find('-') != std::string_view::npos) f |= 4;
    if (HasDigit(w)) f |= 8;
    if (i == 0) f |= 16;
    if (i + 1 == words.size()) f |= 32;
    if (i > 0 && (words[i - 1] == "." || words[i - 1] == ":" || IsQuoteMark(words[i - 1]) ||
                  words[i - 1] == "-" || words[i - 1] == "(")) {
      f |= 64;  // after a sentence-like boundary: capitals say less
    }
    f |= static_cast<uint32_t>(std::min<size_t>(tag::CodePoints(w), 10)) << 8;
    t.flags = f;
    std::fill(std::begin(t.cl), std::end(t.cl), 0);
    t.cap = 0;
    if (!wc.empty()) {
      if (const WordClusters::Entry* e = wc.Find(w, low)) {
        std::copy(std::begin(e->cls), std::end(e->cls), std::begin(t.cl));
      }
      t.cap = wc.CapBucket(low);
    }
    t.gaz = codes[i];
    t.dash_first = t.dash_last = 0;
    t.dash_gaz = 0;
    size_t dash = w.find('-');
    if (dash != std::string_view::npos && dash > 0 && dash + 1 < w.size()) {
      std::string_view first = w.substr(0, dash);
      std::string_view last = w.substr(w.rfind('-') + 1);
      t.dash_first = H(first);
      t.dash_last = H(tag::Lower(last));
      t.dash_gaz = gaz.WordCategories(first);
      if (keep && t.dash_gaz) {
        // The same dropout as for whole names: the first part is a name on its own.
        for (uint32_t c = 0; c < Gazetteer::kMaxCategories; ++c) {
          if (((t.dash_gaz >> c) & 1) && !(*keep)(i, i + 1, c + 100)) t.dash_gaz &= ~(1u << c);
        }
      }
    }
    if (IsQuoteMark(w)) in_quote = !in_quote;
    t.quoted = in_quote;
  }
}

// The features of token i of the sentence [b, e) of `p`. `second`: add the document features.
void Features(const Prepared& p, uint32_t b, uint32_t e, uint32_t i, bool second,
              FeatureVector* fv) {
  fv->clear();
  const Tok& t = p.toks[i];
  const Tok& m1 = i > b ? p.toks[i - 1] : Pad();
  const Tok& m2 = i > b + 1 ? p.toks[i - 2] : Pad();
  const Tok& p1 = i + 1 < e ? p.toks[i + 1] : Pad();
  const Tok& p2 = i + 2 < e ? p.toks[i + 2] : Pad();
  const uint32_t caseflags = t.flags & 0x7f;
  fv->AddInt(kBias, 0);
  fv->AddInt(kRaw, t.raw);
  fv->AddInt(kLow, t.low);
  for (uint32_t k = 0; k < 4; ++k) {
    fv->AddInt(kPre1 + k, t.pre[k]);
    fv->AddInt(kSuf1 + k, t.suf[k]);
  }
  fv->AddInt(kShape, t.shape);
  fv->AddInt(kShortShape, t.sshape);
  fv->AddInt(kFlags, t.flags);
  if (t.flags & (16 | 64)) fv->AddInt(kInitLow, t.low);
  fv->AddInt(kLowM1, m1.low);
  fv->AddInt(kLowP1, p1.low);
  fv->AddInt(kLowM2, m2.low);
  fv->AddInt(kLowP2, p2.low);
  fv->AddInt(kRawM1, m1.raw);
  fv->AddInt(kRawP1, p1.raw);
  fv->Add(FeatureKey(m1.low, kBiM1, t.low));
  fv->Add(FeatureKey(t.low, kBiP1, p1.low));
  fv->Add(FeatureKey(FeatureKey(FeatureKey(kShapeWin, m1.sshape), kShapeWin, t.sshape), kShapeWin,
                     p1.sshape));
  for (uint32_t l = 0; l < kMaxLevels; ++l) {
    if (t.cl[l]) fv->AddInt(kCluster + l, t.cl[l]);
    if (m1.cl[l]) fv->AddInt(kClusterM1 + l, m1.cl[l]);
    if (p1.cl[l]) fv->AddInt(kClusterP1 + l, p1.cl[l]);
  }
  if (!t.cl[0]) fv->AddInt(kCluster, 0);
  fv->AddInt(kCap, t.cap);
  fv->AddInt(kCapFlags, (static_cast<uint64_t>(t.cap) << 8) | (caseflags & (1 | 2 | 16 | 64)));
  if (t.gaz) {
    for (uint32_t c = 0; c < Gazetteer::kMaxCategories; ++c) {
      uint32_t code = Gazetteer::Code(t.gaz, c);
      if (!code) continue;
      fv->AddInt(kGaz, c * 8 + code);
      fv->Add(FeatureKey(t.sshape, kGazShape, c * 8 + code));
    }
    fv->AddInt(kGazSig, t.gaz);
  }
  if (m1.gaz) fv->AddInt(kGazM1, m1.gaz);
  if (p1.gaz) fv->AddInt(kGazP1, p1.gaz);
  fv->Add(FeatureKey(t.suf[2], kSufShape, t.sshape));
  fv->AddInt(kFlagsM1, m1.flags & 0x7f);
  fv->AddInt(kFlagsP1, p1.flags & 0x7f);
  fv->Add(FeatureKey(m1.low, kLowM1Shape, t.sshape));
  fv->Add(FeatureKey(p1.low, kLowP1Shape, t.sshape));
  if (t.cl[0]) fv->Add(FeatureKey(t.sshape, kClusterShape, t.cl[0]));
  if (t.dash_first) {
    fv->AddInt(kDash, t.dash_first);
    fv->AddInt(kDash, t.dash_last ^ 0x5bd1e995u);
    fv->AddInt(kDashFirstGaz, t.dash_gaz);
  }
  if (t.quoted) fv->AddInt(kQuote, 1);
  fv->AddInt(kDocCase, (t.doc_case << 8) | (caseflags & (1 | 16 | 64)));
  if (second) {
    const DocInfo& d = p.info[i];
    const uint32_t dm1 = i > b ? p.info[i - 1].p1 : 99, dp1 = i + 1 < e ? p.info[i + 1].p1 : 99;
    fv->AddInt(kP1, d.p1);
    fv->AddInt(kP1M1, dm1);
    fv->AddInt(kP1P1, dp1);
    fv->Add(FeatureKey(t.low, kP1Low, d.p1));
    fv->AddInt(kDocMaj, d.maj);
    fv->Add(FeatureKey(t.sshape, kDocMajShape, d.maj));
    for (uint32_t k = 0; k < 8; ++k) {
      if ((d.has >> k) & 1) fv->AddInt(kDocHas, k);
      if ((d.longer >> k) & 1) {
        fv->AddInt(kDocLonger, k);
        fv->Add(FeatureKey(t.sshape, kDocLongerShape, k));
      }
    }
    if (d.lower_seen) fv->AddInt(kDocLowerSeen, caseflags & (1 | 16));
  }
}

// Valid BILOU transitions; `prev` == num_labels is the sentence start.
bool Allowed(uint32_t prev, uint32_t cur, uint32_t num_labels) {
  bool open = prev != num_labels && prev != 0 && (PartOf(prev) == kB || PartOf(prev) == kI);
  if (open)
    return cur != 0 && TypeOf(cur) == TypeOf(prev) && (PartOf(cur) == kI || PartOf(cur) == kL);
  return cur == 0 || PartOf(cur) == kB || PartOf(cur) == kU;
}
bool AllowedEnd(uint32_t last) { return last == 0 || PartOf(last) == kL || PartOf(last) == kU; }

// Viterbi over emission scores em[i * L + c] with transitions tr[p * L + c] (p = L: start) and
// end scores end[c].
void Viterbi(const std::vector<float>& em, size_t n, uint32_t L, const std::vector<float>& tr,
             const std::vector<float>& end, std::vector<uint32_t>* out) {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  thread_local std::vector<float> score, trm;
  thread_local std::vector<uint32_t> back;
  // Transitions with the invalid ones at minus infinity.
  trm.resize(static_cast<size_t>(L + 1) * L);
  for (uint32_t p = 0; p <= L; ++p) {
    for (uint32_t c = 0; c < L; ++c) {
      trm[p * L + c] = Allowed(p, c, L) ? tr[static_cast<size_t>(p) * L + c] : kNeg;
    }
  }
  out->resize(n);
  if (n == 0) return;
  score.assign(n * L, kNeg);
  back.assign(n * L, 0);
  for (uint32_t c = 0; c < L; ++c) score[c] = em[c] + trm[static_cast<size_t>(L) * L + c];
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * L];
    for (uint32_t c = 0; c < L; ++c) {
      float best = kNeg;
      uint32_t arg = 0;
      for (uint32_t p = 0; p < L; ++p) {
        float s = prev[p] + trm[p * L + c];
        if (s > best) best = s, arg = p;
      }
      score[i * L + c] = best + em[i * L + c];
      back[i * L + c] = arg;
    }
  }
  float best = kNeg;
  uint32_t arg = 0;
  for (uint32_t c = 0; c < L; ++c) {
    float s = score[(n - 1) * L + c];
    if (!AllowedEnd(c)) continue;
    s += end[c];
    if (s > best) best = s, arg = c;
  }
  for (size_t i = n; i-- > 0;) {
    (*out)[i] = arg;
    arg = back[i * L + arg];
  }
}

// Mentions [begin, end, type index] from BILOU labels (robust to invalid sequences).
struct Span3 {
  uint32_t b, e, type;
};
void Decode(const std::vector<uint32_t>& labels, uint32_t offset, std::vector<Span3>* out) {
  int open = -1;
  uint32_t open_type = 0;
  for (uint32_t i = 0; i < labels.size(); ++i) {
    uint32_t l = labels[i];
    if (l == 0) {
      open = -1;
      continue;
    }
    uint32_t ty = TypeOf(l) - 1, part = PartOf(l);
    bool cont = open >= 0 && open_type == ty && (part == kI || part == kL);
    if (!cont) {
      out->push_back(Span3{offset + i, offset + i + 1, ty});
      open = static_cast<int>(out->size()) - 1;
      open_type = ty;
    } else {
      out->back().e = offset + i + 1;
    }
    if (part == kL || part == kU) open = -1;
  }
}

// Fills the second-pass document information from first-pass labels of the whole document.
void MakeDocInfo(const std::vector<std::string_view>& words, Prepared* p,
                 const std::vector<uint32_t>& labels) {
  const size_t n = p->toks.size();
  p->info.assign(n, DocInfo{});
  constexpr uint32_t kTypes = 8;
  std::unordered_map<uint64_t, std::array<uint16_t, kTypes>> by_word, in_longer;
  std::unordered_set<uint64_t> lower_forms;
  std::vector<int> mention_len(n, 0);
  std::vector<Span3> spans;
  for (const auto& [b, e] : p->sents) {
    std::vector<uint32_t> sl(labels.begin() + b, labels.begin() + e);
    Decode(sl, b, &spans);
  }
  for (const Span3& s : spans) {
    for (uint32_t t = s.b; t < s.e; ++t) mention_len[t] = static_cast<int>(s.e - s.b);
  }
  for (size_t i = 0; i < n; ++i) {
    uint32_t ty = TypeOf(labels[i]);
    auto& c = by_word[p->toks[i].raw];
    if (ty < kTypes) ++c[ty];
    if (mention_len[i] > 1 && ty < kTypes) ++in_longer[p->toks[i].raw][ty];
    bool initial = p->toks[i].flags & (16 | 64);
    if (!initial && !tag::StartsUpper(words[i])) lower_forms.insert(p->toks[i].low);
  }
  for (size_t i = 0; i < n; ++i) {
    DocInfo& d = p->info[i];
    d.p1 = labels[i];
    uint32_t own = TypeOf(labels[i]);
    auto c = by_word[p->toks[i].raw];
    if (own < kTypes) --c[own];
    uint32_t best = 0, total = 0;
    for (uint32_t k = 0; k < kTypes; ++k) {
      total += c[k];
      if (c[k] > c[best]) best = k;
      if (c[k]) d.has |= static_cast<uint8_t>(1u << k);
    }
    d.maj = total ? static_cast<uint8_t>(1 + best) : 0;
    auto it = in_longer.find(p->toks[i].raw);
    if (it != in_longer.end()) {
      auto l = it->second;
      if (mention_len[i] > 1 && own < kTypes) --l[own];
      for (uint32_t k = 1; k < kTypes; ++k) {
        if (l[k]) d.longer |= static_cast<uint8_t>(1u << k);
      }
    }
    d.lower_seen = tag::StartsUpper(words[i]) && lower_forms.count(p->toks[i].low) > 0;
  }
}

std::vector<std::string_view> Words(const Doc& doc) {
  std::vector<std::string_view> w(doc.tokens.size());
  for (size_t i = 0; i < w.size(); ++i) w[i] = doc.TokenText(i);
  return w;
}

void Prepare(const Doc& doc, const std::vector<std::string_view>& words, const Gazetteer& gaz,
             const WordClusters& wc, const std::function<bool(size_t, size_t, uint32_t)>* keep_doc,
             Prepared* p) {
  p->toks.resize(doc.tokens.size());
  p->sents.clear();
  for (const Sentence& s : doc.sentences) {
    if (s.token_end <= s.token_begin) continue;
    p->sents.emplace_back(s.token_begin, s.token_end);
    std::vector<std::string_view> sw(words.begin() + s.token_begin, words.begin() + s.token_end);
    Gazetteer::KeepFn keep;
    if (keep_doc) {
      const uint32_t off = s.token_begin;
      keep = [keep_doc, off](size_t b, size_t e, uint32_t c) {
        return (*keep_doc)(off + b, off + e, c);
      };
    }
    PrepareSentence(sw, gaz, wc, keep_doc ? &keep : nullptr, &p->toks[s.token_begin]);
  }
  // How each word is written elsewhere in the document, away from sentence starts.
  std::unordered_map<uint64_t, uint8_t> seen;  // lower-cased form -> bits
  for (const auto& [b, e] : p->sents) {
    for (uint32_t i = b; i < e; ++i) {
      const Tok& t = p->toks[i];
      if (t.flags & (16 | 64)) continue;
      seen[t.low] |= (t.flags & 1) ? 2 : 1;
    }
  }
  for (const auto& [b, e] : p->sents) {
    for (uint32_t i = b; i < e; ++i) {
      Tok& t = p->toks[i];
      auto it = seen.find(t.low);
      t.doc_case = it == seen.end() ? 0 : it->second;
    }
  }
}

// Scores of a whole model: emissions of a sentence and the transition tables.
template <typename ScoreFn>
void Emissions(const Prepared& p, uint32_t b, uint32_t e, bool second, uint32_t L,
               FeatureVector* fv, std::vector<float>* em, ScoreFn&& score) {
  em->assign(static_cast<size_t>(e - b) * L, 0.0f);
  for (uint32_t i = b; i < e; ++i) {
    Features(p, b, e, i, second, fv);
    score(fv->keys(), em->data() + static_cast<size_t>(i - b) * L);
  }
}

template <typename ScoreFn>
void Transitions(uint32_t L, std::vector<float>* tr, std::vector<float>* end, ScoreFn&& score) {
  tr->assign(static_cast<size_t>(L + 1) * L, 0.0f);
  end->assign(L, 0.0f);
  for (uint32_t prev = 0; prev <= L; ++prev) {
    uint64_t k = FeatureKey(kTrans, prev);
    score(std::span<const uint64_t>(&k, 1), tr->data() + static_cast<size_t>(prev) * L);
  }
  uint64_t k = FeatureKey(kEnd, 0);
  score(std::span<const uint64_t>(&k, 1), end->data());
}

// Labels every sentence of a prepared document with a frozen model.
void LabelDoc(const Prepared& p, const learn::LinearModel& m, bool second,
              std::vector<uint32_t>* labels) {
  const uint32_t L = m.num_classes();
  labels->assign(p.toks.size(), 0);
  thread_local FeatureVector fv;
  thread_local std::vector<float> em, tr, end;
  thread_local std::vector<uint32_t> out;
  auto score = [&m](std::span<const uint64_t> keys, float* s) { m.AddScores(keys, s); };
  Transitions(L, &tr, &end, score);
  for (const auto& [b, e] : p.sents) {
    Emissions(p, b, e, second, L, &fv, &em, score);
    Viterbi(em, e - b, L, tr, end, &out);
    std::copy(out.begin(), out.end(), labels->begin() + b);
  }
}

void ToMentions(Doc& doc, const Prepared& p, const std::vector<uint32_t>& labels,
                const std::vector<std::string>& types) {
  doc.mentions.clear();
  std::vector<Span3> spans;
  for (const auto& [b, e] : p.sents) {
    std::vector<uint32_t> sl(labels.begin() + b, labels.begin() + e);
    Decode(sl, b, &spans);
  }
  for (const Span3& s : spans) {
    Mention m;
    m.token_begin = s.b;
    m.token_end = s.e;
    m.span = Span{doc.tokens[s.b].begin, doc.tokens[s.e - 1].end};
    m.type = s.type < types.size() ? types[s.type] : "MISC";
    m.kind = MentionKind::kName;
    doc.mentions.push_back(std::move(m));
  }
  doc.Set(Layer::kMentions);
}

Status Bad(const learn::ModelReader& r, const char* tag, const char* what) {
  return r.Corrupt(tag, what);
}

}  // namespace

// ---------------------------------------------------------------- Recognizer

Result<std::shared_ptr<const Recognizer>> Recognizer::Load(const std::string& path) {
  auto r = learn::ModelReader::Open(path, kNerStage);
  if (!r.ok()) return r.status();
  return FromModel(r.value());
}

Result<std::shared_ptr<const Recognizer>> Recognizer::FromModel(const learn::ModelReader& model) {
  if (model.info().feature_set != kNerFeatureSet) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     "NER model has feature set '" + model.info().feature_set +
                         "', this kroniek computes '" + kNerFeatureSet + "'");
  }
  std::shared_ptr<Recognizer> r(new Recognizer());
  auto nert = model.Require("NERT");
  if (!nert.ok()) return nert.status();
  {
    learn::ByteReader br(nert.value());
    uint64_t n = br.Count(1);
    for (uint64_t i = 0; i < n && br.ok(); ++i) r->types_.emplace_back(br.Str());
    if (!br.ok() || !br.AtEnd() || r->types_.empty() || r->types_.size() > 7) {
      return Bad(model, "NERT", "does not decode");
    }
  }
  const uint32_t L = 1 + 4 * static_cast<uint32_t>(r->types_.size());
  auto lin1 = model.Require("LIN1");
  if (!lin1.ok()) return lin1.status();
  if (!learn::LinearModel::Deserialize(lin1.value(), &r->pass1_, model.owner()) ||
      r->pass1_.num_classes() != L) {
    return Bad(model, "LIN1", "does not decode");
  }
  if (auto lin2 = model.Section("LIN2")) {
    if (!learn::LinearModel::Deserialize(*lin2, &r->pass2_, model.owner()) ||
        r->pass2_.num_classes() != L) {
      return Bad(model, "LIN2", "does not decode");
    }
  }
  // GAZF and WCLF (format 2) are used in place; GAZE and WCLU are their compact forms.
  if (auto g = model.Section("GAZF")) {
    if (!Gazetteer::Deserialize(*g, &r->gaz_, model.owner())) {
      return Bad(model, "GAZF", "does not decode");
    }
  } else if (auto g1 = model.Section("GAZE")) {
    if (!Gazetteer::DeserializeCompact(*g1, &r->gaz_)) return Bad(model, "GAZE", "does not decode");
  }
  if (auto c = model.Section("WCLF")) {
    if (!WordClusters::Deserialize(*c, &r->clusters_, model.owner())) {
      return Bad(model, "WCLF", "does not decode");
    }
  } else if (auto c1 = model.Section("WCLU")) {
    if (!WordClusters::DeserializeCompact(*c1, &r->clusters_)) {
      return Bad(model, "WCLU", "does not decode");
    }
  }
  return std::shared_ptr<const Recognizer>(std::move(r));
}

void Recognizer::Save(learn::ModelWriter* w) const {
  learn::ByteWriter t;
  t.Var(types_.size());
  for (const auto& s : types_) t.Str(s);
  w->AddSection("NERT", t.Take());
  w->AddSection("LIN1", pass1_.Serialize(), learn::SectionCodec::kStored);
  if (two_pass()) w->AddSection("LIN2", pass2_.Serialize(), learn::SectionCodec::kStored);
  if (!gaz_.empty()) w->AddSection("GAZF", gaz_.Serialize(), learn::SectionCodec::kStored);
  if (!clusters_.empty()) {
    w->AddSection("WCLF", clusters_.Serialize(), learn::SectionCodec::kStored);
  }
}

void Recognizer::Run(Doc& doc, bool second) const {
  thread_local Prepared p;
  std::vector<std::string_view> words = Words(doc);
  Prepare(doc, words, gaz_, clusters_, nullptr, &p);
  std::vector<uint32_t> labels;
  LabelDoc(p, pass1_, false, &labels);
  if (second && two_pass()) {
    MakeDocInfo(words, &p, labels);
    LabelDoc(p, pass2_, true, &labels);
  }
  ToMentions(doc, p, labels, types_);
}

void Recognizer::Recognize(Doc& doc) const { Run(doc, true); }
void Recognizer::RecognizeFirstPass(Doc& doc) const { Run(doc, false); }

// ---------------------------------------------------------------- training

class NerTrainer {
 public:
  NerTrainer(const std::vector<Doc>& train, const std::vector<Doc>& dev, const NerTrainOptions& o)
      : train_(train), dev_(dev), o_(o) {}

  Result<std::shared_ptr<const Recognizer>> Train(NerScores* dev_scores) {
    say_ = [&](const std::string& s) {
      if (o_.progress) o_.progress(s);
    };
    rec_.reset(new Recognizer());
    rec_->gaz_ = o_.gazetteer;
    rec_->clusters_ = o_.clusters;
    // Types in a fixed order (the CoNLL-2002 ones first), then any other.
    std::vector<std::string> types = {"PER", "ORG", "LOC", "MISC"};
    for (const Doc& d : train_) {
      for (const Mention& m : d.mentions) {
        if (std::find(types.begin(), types.end(), m.type) == types.end()) types.push_back(m.type);
      }
    }
    if (types.size() > 7) return InvalidInput(ErrorId::kTrainData, "more than 7 entity types");
    rec_->types_ = types;
    L_ = 1 + 4 * static_cast<uint32_t>(types.size());
    PrepareAll();
    say_("prepared " + std::to_string(train_.size()) + " training and " +
         std::to_string(dev_.size()) + " dev documents");
    // Pass 1 on everything, the epoch chosen on dev.
    int best_epoch = 0;
    rec_->pass1_ = TrainMixed(false, &best_epoch, "pass 1");
    if (best_epoch == 0) best_epoch = o_.epochs;
    NerScores s1 = ScoreDev(false);
    if (o_.folds >= 2) {
      // Cross-fitted first-pass labels of the training documents.
      std::vector<std::vector<size_t>> folds(o_.folds);
      for (size_t i = 0; i < train_.size(); ++i) folds[fold_of_[i]].push_back(i);
      for (int k = 0; k < o_.folds; ++k) {
        std::vector<size_t> rest;
        for (size_t i = 0; i < train_.size(); ++i) {
          if (fold_of_[i] != k) rest.push_back(i);
        }
        learn::LinearModel m =
            TrainPass(rest, false, best_epoch, false, nullptr, "fold " + std::to_string(k + 1));
        for (size_t i : folds[k]) {
          std::vector<uint32_t> labels;
          LabelDoc(prep_[i], m, false, &labels);
          MakeDocInfo(words_[i], &prep_[i], labels);
        }
      }
      for (size_t i = 0; i < dev_.size(); ++i) {
        std::vector<uint32_t> labels;
        LabelDoc(dev_prep_[i], rec_->pass1_, false, &labels);
        MakeDocInfo(dev_words_[i], &dev_prep_[i], labels);
      }
      rec_->pass2_ = TrainMixed(true, nullptr, "pass 2");
      NerScores s2 = ScoreDev(true);
      if (!dev_.empty() && s2.overall.F1() < s1.overall.F1()) {
        say_("the second pass does not help on dev; keeping one pass");
        rec_->pass2_ = learn::LinearModel();
      }
    }
    if (dev_scores) *dev_scores = ScoreDev(rec_->two_pass());
    return std::shared_ptr<const Recognizer>(std::move(rec_));
  }

 private:
  void PrepareAll() {
    // Gold names per training document, and in how many documents each name string occurs.
    std::unordered_map<std::string, uint32_t> doc_count;
    std::vector<std::unordered_set<std::string>> names(train_.size());
    for (size_t i = 0; i < train_.size(); ++i) {
      for (const Mention& m : train_[i].mentions)
        names[i].insert(std::string(train_[i].SpanText(m.span)));
      for (const auto& s : names[i]) ++doc_count[s];
    }
    learn::Rng rng(o_.seed * 7919 + 17);
    prep_.resize(train_.size());
    words_.resize(train_.size());
    gold_.resize(train_.size());
    fold_of_.resize(train_.size());
    std::vector<size_t> order(train_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    learn::Shuffle(order, rng);
    for (size_t r = 0; r < order.size(); ++r) {
      fold_of_[order[r]] = o_.folds >= 2 ? static_cast<int>(r % o_.folds) : 0;
    }
    size_t hits = 0, dropped = 0;
    for (size_t i = 0; i < train_.size(); ++i) {
      const Doc& d = train_[i];
      words_[i] = Words(d);
      const std::vector<std::string_view>& w = words_[i];
      std::function<bool(size_t, size_t, uint32_t)> keep = [&](size_t b, size_t e, uint32_t c) {
        bool part = c >= 100;  // the first part of a hyphenated word
        uint32_t cat = part ? c - 100 : c;
        if (cat >= 32 || !((o_.dropout_categories >> cat) & 1)) return true;
        std::string s;
        if (part) {
          s = std::string(w[b].substr(0, w[b].find('-')));
        } else {
          for (size_t t = b; t < e; ++t) {
            if (t > b) s.push_back(' ');
            s.append(w[t]);
          }
        }
        ++hits;
        if (!names[i].count(s) || doc_count[s] > 1) return true;
        uint64_t h = FeatureKey(FeatureKey(1, s), 2, (o_.seed << 16) ^ i ^ (uint64_t{c} << 40));
        bool drop = static_cast<double>(h >> 11) * 0x1.0p-53 < o_.gaz_dropout;
        dropped += drop;
        return !drop;
      };
      Prepare(d, w, rec_->gaz_, rec_->clusters_, &keep, &prep_[i]);
      gold_[i].assign(d.tokens.size(), 0);
      for (const Mention& m : d.mentions) {
        auto it = std::find(rec_->types_.begin(), rec_->types_.end(), m.type);
        uint32_t ty = static_cast<uint32_t>(it - rec_->types_.begin());
        if (m.token_end <= m.token_begin || m.token_end > d.tokens.size()) continue;
        if (m.token_end - m.token_begin == 1) {
          gold_[i][m.token_begin] = Label(ty, kU);
        } else {
          gold_[i][m.token_begin] = Label(ty, kB);
          for (uint32_t t = m.token_begin + 1; t + 1 < m.token_end; ++t)
            gold_[i][t] = Label(ty, kI);
          gold_[i][m.token_end - 1] = Label(ty, kL);
        }
      }
    }
    if (!rec_->gaz_.empty()) {
      say_("gazetteer dropout: " + std::to_string(dropped) + " of " + std::to_string(hits) +
           " list hits hidden in training");
    }
    dev_prep_.resize(dev_.size());
    dev_words_.resize(dev_.size());
    for (size_t i = 0; i < dev_.size(); ++i) {
      dev_words_[i] = Words(dev_[i]);
      Prepare(dev_[i], dev_words_[i], rec_->gaz_, rec_->clusters_, nullptr, &dev_prep_[i]);
    }
    all_docs_.resize(train_.size());
    for (size_t i = 0; i < train_.size(); ++i) all_docs_[i] = i;
  }

  // A pass trained o_.mix times on different shuffles, the models averaged.
  learn::LinearModel TrainMixed(bool second, int* best_epoch, const std::string& name) {
    const int n = std::max(1, o_.mix);
    std::vector<learn::LinearModel> models;
    for (int k = 0; k < n; ++k) {
      int epoch = 0;
      models.push_back(TrainPass(all_docs_, second, o_.epochs, !dev_.empty(), &epoch,
                                 n == 1 ? name : name + "." + std::to_string(k + 1),
                                 static_cast<uint64_t>(k)));
      if (best_epoch) *best_epoch = std::max(*best_epoch, epoch);
    }
    if (n == 1) return std::move(models[0]);
    std::vector<const learn::LinearModel*> ptrs;
    for (const auto& m : models) ptrs.push_back(&m);
    learn::LinearModel mixed = learn::LinearModel::Mean(ptrs);
    if (!dev_.empty()) {
      learn::LinearModel& slot = second ? rec_->pass2_ : rec_->pass1_;
      std::swap(slot, mixed);
      NerScores s = ScoreDev(second);
      std::swap(slot, mixed);
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s: %d models averaged; dev P %.2f R %.2f F1 %.2f",
                    name.c_str(), n, s.overall.P(), s.overall.R(), s.overall.F1());
      say_(buf);
    }
    return mixed;
  }

  NerScores ScoreDev(bool second) {
    std::vector<std::string> g, y;
    for (size_t i = 0; i < dev_.size(); ++i) {
      std::vector<uint32_t> labels;
      LabelDoc(dev_prep_[i], second ? rec_->pass2_ : rec_->pass1_, second, &labels);
      Doc d;
      d.tokens = dev_[i].tokens;
      d.text = dev_[i].text;
      ToMentions(d, dev_prep_[i], labels, rec_->types_);
      for (auto& t : MentionTags(dev_[i])) g.push_back(std::move(t));
      for (auto& t : MentionTags(d)) y.push_back(std::move(t));
    }
    return ScoreTags(g, y);
  }

  // Trains one pass on the sentences of `docs`; with a dev set and `best_epoch`, keeps the
  // epoch with the best dev F1.
  learn::LinearModel TrainPass(const std::vector<size_t>& docs, bool second, int epochs,
                               bool choose, int* best_epoch, const std::string& name,
                               uint64_t run = 0) {
    learn::PerceptronTrainer tr(L_);
    std::vector<std::pair<size_t, size_t>> sents;  // (doc, sentence index)
    for (size_t d : docs) {
      for (size_t s = 0; s < prep_[d].sents.size(); ++s) sents.emplace_back(d, s);
    }
    learn::Rng rng(o_.seed + (second ? 1000 : 0) + docs.size() + 7777 * run);
    std::vector<FeatureVector> fvs;
    std::vector<float> em, trans, end;
    std::vector<uint32_t> guess;
    double best_f1 = -1;
    learn::LinearModel best;
    auto score = [&tr](std::span<const uint64_t> keys, float* s) { tr.AddScores(keys, s); };
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      learn::Shuffle(sents, rng);
      size_t errors = 0, tokens = 0;
      for (const auto& [d, si] : sents) {
        const Prepared& p = prep_[d];
        const auto [b, e] = p.sents[si];
        const uint32_t n = e - b;
        fvs.resize(std::max<size_t>(fvs.size(), n));
        em.assign(static_cast<size_t>(n) * L_, 0.0f);
        for (uint32_t i = b; i < e; ++i) {
          Features(p, b, e, i, second, &fvs[i - b]);
          tr.AddScores(fvs[i - b].keys(), em.data() + static_cast<size_t>(i - b) * L_);
        }
        Transitions(L_, &trans, &end, score);
        Viterbi(em, n, L_, trans, end, &guess);
        const std::vector<uint32_t>& gold = gold_[d];
        tokens += n;
        const float step = 1.0f;
        for (uint32_t k = 0; k < n; ++k) {
          uint32_t g = gold[b + k], y = guess[k];
          if (g != y) ++errors;
          tr.Update(fvs[k].keys(), g, y, step);
          uint32_t gp = k ? gold[b + k - 1] : L_, yp = k ? guess[k - 1] : L_;
          if (g != y || gp != yp) {
            uint64_t kg = FeatureKey(kTrans, gp), ky = FeatureKey(kTrans, yp);
            tr.Add(std::span<const uint64_t>(&kg, 1), g, step);
            tr.Add(std::span<const uint64_t>(&ky, 1), y, -step);
          }
        }
        if (n && gold[e - 1] != guess[n - 1]) {
          uint64_t ke = FeatureKey(kEnd, 0);
          tr.Update(std::span<const uint64_t>(&ke, 1), gold[e - 1], guess[n - 1], step);
        }
        tr.NextExample();
      }
      char buf[200];
      std::snprintf(buf, sizeof buf, "%s epoch %d: %.3f%% token errors, %zu features", name.c_str(),
                    epoch, 100.0 * errors / std::max<size_t>(tokens, 1), tr.num_features());
      std::string line = buf;
      if (choose) {
        learn::LinearModel m = tr.Average(o_.min_abs_weight);
        learn::LinearModel& slot = second ? rec_->pass2_ : rec_->pass1_;
        std::swap(slot, m);
        NerScores s = ScoreDev(second);
        std::swap(slot, m);
        std::snprintf(buf, sizeof buf, "; dev P %.2f R %.2f F1 %.2f", s.overall.P(), s.overall.R(),
                      s.overall.F1());
        line += buf;
        if (s.overall.F1() > best_f1) {
          best_f1 = s.overall.F1();
          best = std::move(m);
          if (best_epoch) *best_epoch = epoch;
        }
      }
      say_(line);
    }
    if (!choose) return tr.Average(o_.min_abs_weight);
    return best;
  }

  const std::vector<Doc>& train_;
  const std::vector<Doc>& dev_;
  const NerTrainOptions& o_;
  std::function<void(const std::string&)> say_;
  std::shared_ptr<Recognizer> rec_;
  uint32_t L_ = 0;
  std::vector<Prepared> prep_, dev_prep_;
  std::vector<std::vector<std::string_view>> words_, dev_words_;
  std::vector<std::vector<uint32_t>> gold_;
  std::vector<int> fold_of_;
  std::vector<size_t> all_docs_;
};

Result<std::shared_ptr<const Recognizer>> TrainRecognizer(const std::vector<Doc>& train,
                                                          const std::vector<Doc>& dev,
                                                          const NerTrainOptions& options,
                                                          NerScores* dev_scores) {
  size_t tokens = 0;
  for (const Doc& d : train) tokens += d.tokens.size();
  if (tokens == 0) return InvalidInput(ErrorId::kTrainData, "no training tokens");
  NerTrainer t(train, dev, options);
  return t.Train(dev_scores);
}

// ---------------------------------------------------------------- stage

namespace {
class NerStage : public Stage {
 public:
  explicit NerStage(std::shared_ptr<const Recognizer> r) : r_(std::move(r)) {}
  std::string Name() const override { return "ner"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences}; }
  LayerSet Writes() const override { return {Layer::kMentions}; }
  Status Process(Doc& doc) const override {
    r_->Recognize(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Recognizer> r_;
};
}  // namespace

std::unique_ptr<Stage> MakeNerStage(std::shared_ptr<const Recognizer> recognizer) {
  return std::make_unique<NerStage>(std::move(recognizer));
}

}  // namespace kroniek::ner
