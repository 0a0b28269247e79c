#include "parse/parser.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/random.h"
#include "parse/punctuation.h"
#include "parse/transition.h"
#include "tag/text.h"

namespace kroniek::parse {

namespace {
// The largest weight section the parser stores uncompressed (see Parser::Save).
// The quantised layout keeps the weights of the shipped model at about 28 MB in place; a larger
// one is still compressed, so that a file stays well under 50 MB.
constexpr size_t kMaxStoredWeightBytes = size_t{40} << 20;
}  // namespace
namespace {

// ---------------------------------------------------------------- features

// What the features know of one word (or of the root, or of "nobody").
struct Atom {
  uint64_t w;  // lower-cased form
  uint64_t x;  // fine tag (XPOS, the CGN tag)
  uint64_t p;  // coarse tag: UPOS + the first two fields of the CGN tag ("WW|pv", "VZ|init")
  uint64_t u;  // UPOS
  uint64_t c;  // word cluster (learn/word_clusters.h), a fixed value when unknown
  uint64_t s;  // the last three letters of the lower-cased form
};

uint64_t H(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
inline uint64_t K(uint32_t t, uint64_t a) { return Mix((t + 1) * 0x9e3779b97f4a7c15ULL ^ a); }
inline uint64_t K(uint32_t t, uint64_t a, uint64_t b) { return Mix(K(t, a) ^ b); }
inline uint64_t K(uint32_t t, uint64_t a, uint64_t b, uint64_t c) { return Mix(K(t, a, b) ^ c); }
inline uint64_t K(uint32_t t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return Mix(K(t, a, b, c) ^ d);
}

const Atom& NoneAtom() {
  static const Atom a{H("<none>"), H("<none>"), H("<none>"), H("<none>"), H("<none>"), H("<none>")};
  return a;
}
const Atom& RootAtom() {
  static const Atom a{H("<root>"), H("<root>"), H("<root>"), H("<root>"), H("<root>"), H("<root>")};
  return a;
}

std::string CoarseTag(std::string_view upos, std::string_view xpos) {
  std::string out(upos);
  out.push_back('/');
  size_t bar = xpos.find('|');
  if (bar == std::string_view::npos) return out.append(xpos);
  size_t bar2 = xpos.find('|', bar + 1);
  return out.append(xpos.substr(0, bar2));
}

// A sentence prepared for the feature functions.
struct Sent {
  std::vector<Atom> atoms;      // n + 1: the root last
  std::vector<uint16_t> punct;  // punct[i] = punctuation marks among words [0, i)
  std::vector<uint16_t> verbs;  // the same for verbs and auxiliaries
  // Lookahead (feature set v2): next_verb[i] / next_punct[i] = the first verb (or auxiliary) /
  // punctuation mark at a position >= i, n when there is none; n + 2 entries.
  std::vector<int> next_verb, next_punct;
  bool clusters = false;  // the model has word clusters
  int version = 1;        // the feature set: 1 = parser.v1, 2 = parser.v2
};

void Prepare(const ParseInput& in, const learn::WordClusters& clusters, int version, Sent* s) {
  const size_t n = in.size();
  s->version = version;
  s->atoms.resize(n + 1);
  s->punct.resize(n + 2);
  s->verbs.resize(n + 2);
  s->punct[0] = s->verbs[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    Atom& a = s->atoms[i];
    const std::string low = tag::Lower(in.words[i]);
    a.w = H(low);
    a.s = H(tag::SuffixCp(low, 3));
    const int cl = clusters.Find(low);
    a.c = cl < 0 ? 0xffffULL : static_cast<uint64_t>(cl);
    a.x = H(in.xpos[i]);
    a.p = H(CoarseTag(in.upos[i], in.xpos[i]));
    a.u = H(in.upos[i]);
    const bool punct = in.upos[i] == "PUNCT";
    const bool verb = in.upos[i] == "VERB" || in.upos[i] == "AUX";
    s->punct[i + 1] = static_cast<uint16_t>(std::min(s->punct[i] + punct, 65535));
    s->verbs[i + 1] = static_cast<uint16_t>(std::min(s->verbs[i] + verb, 65535));
  }
  s->atoms[n] = RootAtom();
  s->clusters = !clusters.empty();
  s->punct[n + 1] = s->punct[n];
  s->verbs[n + 1] = s->verbs[n];
  s->next_verb.resize(n + 2);
  s->next_punct.resize(n + 2);
  s->next_verb[n] = s->next_verb[n + 1] = s->next_punct[n] = s->next_punct[n + 1] =
      static_cast<int>(n);
  for (size_t i = n; i-- > 0;) {
    const bool punct = s->punct[i + 1] != s->punct[i];
    const bool verb = s->verbs[i + 1] != s->verbs[i];
    s->next_verb[i] = verb ? static_cast<int>(i) : s->next_verb[i + 1];
    s->next_punct[i] = punct ? static_cast<int>(i) : s->next_punct[i + 1];
  }
}

uint64_t DistanceBucket(int d) {
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 7) return 5;
  if (d <= 12) return 6;
  return 7;
}
uint64_t CountBucket(int k) { return static_cast<uint64_t>(std::min(k, 3)); }

// Feature templates of parser.v1 (0-115) and parser.v2 (v1 + 116-139). Never renumber: the
// numbers are part of the model.
void Features(const Config& c, const Sent& s, std::vector<uint64_t>* out) {
  out->clear();
  const int n = c.n();
  auto at = [&](int i) -> const Atom& { return i < 0 ? NoneAtom() : s.atoms[i]; };
  auto lab = [&](int i) -> uint64_t { return i < 0 || i >= n ? 0 : c.label(i) + 1; };
  const int is0 = c.S(0), is1 = c.S(1), is2 = c.S(2);
  const int ib0 = c.B(0), ib1 = ib0 >= 0 && ib0 < n ? c.B(1) : -1;
  const int ib2 = ib1 >= 0 && ib1 < n ? c.B(2) : -1;
  const int is0l1 = c.L1(is0), is0l2 = c.L2(is0), is0r1 = c.R1(is0), is0r2 = c.R2(is0);
  const int is1l1 = c.L1(is1), is1r1 = c.R1(is1);
  const int ib0l1 = c.L1(ib0), ib0l2 = c.L2(ib0);
  const Atom &S0 = at(is0), &S1 = at(is1), &S2 = at(is2), &B0 = at(ib0), &B1 = at(ib1),
             &B2 = at(ib2);
  const Atom &S0L1 = at(is0l1), &S0L2 = at(is0l2), &S0R1 = at(is0r1), &S0R2 = at(is0r2),
             &S1L1 = at(is1l1), &S1R1 = at(is1r1), &B0L1 = at(ib0l1), &B0L2 = at(ib0l2);
  auto add = [&](uint64_t k) { out->push_back(k); };
  add(K(0, 0));
  // Single items.
  add(K(1, S0.w));
  add(K(2, S0.x));
  add(K(3, S0.w, S0.x));
  add(K(4, S0.u));
  add(K(5, B0.w));
  add(K(6, B0.x));
  add(K(7, B0.w, B0.x));
  add(K(8, B0.u));
  add(K(9, B1.w));
  add(K(10, B1.x));
  add(K(11, B1.w, B1.x));
  add(K(12, B2.w));
  add(K(13, B2.x));
  add(K(14, S1.w));
  add(K(15, S1.x));
  add(K(16, S1.w, S1.x));
  add(K(17, S2.w));
  add(K(18, S2.x));
  // Pairs.
  add(K(19, S0.w, B0.w));
  add(K(20, S0.w, S0.x, B0.w, B0.x));
  add(K(21, S0.w, S0.x, B0.w));
  add(K(22, S0.w, B0.w, B0.x));
  add(K(23, S0.w, S0.x, B0.p));
  add(K(24, S0.p, B0.w, B0.x));
  add(K(25, S0.x, B0.x));
  add(K(26, B0.x, B1.x));
  add(K(27, S1.w, S0.w));
  add(K(28, S1.x, S0.x));
  add(K(29, S1.w, S0.p));
  add(K(30, S1.p, S0.w));
  add(K(31, S1.w, S1.x, S0.w, S0.x));
  add(K(32, S0.u, B0.u));
  add(K(33, S1.u, S0.u, B0.u));
  // Triples.
  add(K(34, B0.p, B1.p, B2.p));
  add(K(35, S0.p, B0.p, B1.p));
  add(K(36, S1.p, S0.p, B0.p));
  add(K(37, S2.p, S1.p, S0.p));
  add(K(38, S0.p, S0L1.p, B0.p));
  add(K(39, S0.p, S0R1.p, B0.p));
  add(K(40, S0.p, B0.p, B0L1.p));
  add(K(41, S1.p, S1R1.p, S0.p));
  add(K(42, S1.p, S0.p, S0L1.p));
  add(K(43, S0.x, B0.x, B1.x));
  add(K(44, S1.x, S0.x, B0.x));
  // Distance, and what lies between s0 and b0.
  uint64_t d01 = 0, between_punct = 0, between_verbs = 0;
  if (is0 >= 0 && ib0 >= 0) {
    d01 = ib0 == n ? 8 : DistanceBucket(ib0 - is0);
    between_punct = CountBucket(s.punct[ib0] - s.punct[is0 + 1]);
    between_verbs = CountBucket(s.verbs[ib0] - s.verbs[is0 + 1]);
  }
  uint64_t d10 = is1 >= 0 && is0 >= 0 ? DistanceBucket(is0 - is1) : 0;
  add(K(45, S0.w, d01));
  add(K(46, S0.p, d01));
  add(K(47, B0.w, d01));
  add(K(48, B0.p, d01));
  add(K(49, S0.w, B0.w, d01));
  add(K(50, S0.p, B0.p, d01));
  add(K(51, S1.p, S0.p, d10));
  add(K(52, S0.p, B0.p, between_punct));
  add(K(53, S0.p, B0.p, between_verbs));
  // Valency.
  const uint64_t s0vl = c.LeftCount(is0), s0vr = c.RightCount(is0);
  const uint64_t b0vl = c.LeftCount(ib0), s1vl = c.LeftCount(is1), s1vr = c.RightCount(is1);
  add(K(54, S0.w, s0vr));
  add(K(55, S0.p, s0vr));
  add(K(56, S0.w, s0vl));
  add(K(57, S0.p, s0vl));
  add(K(58, B0.w, b0vl));
  add(K(59, B0.p, b0vl));
  add(K(60, S1.p, s1vr));
  add(K(61, S1.p, s1vl));
  // Dependents.
  add(K(62, S0L1.w));
  add(K(63, S0L1.p));
  add(K(64, lab(is0l1)));
  add(K(65, S0R1.w));
  add(K(66, S0R1.p));
  add(K(67, lab(is0r1)));
  add(K(68, B0L1.w));
  add(K(69, B0L1.p));
  add(K(70, lab(ib0l1)));
  add(K(71, S1R1.w));
  add(K(72, S1R1.p));
  add(K(73, lab(is1r1)));
  add(K(74, S1L1.p));
  add(K(75, lab(is1l1)));
  add(K(76, S0L2.w));
  add(K(77, S0L2.p));
  add(K(78, lab(is0l2)));
  add(K(79, S0R2.w));
  add(K(80, S0R2.p));
  add(K(81, lab(is0r2)));
  add(K(82, B0L2.w));
  add(K(83, B0L2.p));
  add(K(84, lab(ib0l2)));
  add(K(85, S0.p, S0L1.p, S0L2.p));
  add(K(86, S0.p, S0R1.p, S0R2.p));
  add(K(87, B0.p, B0L1.p, B0L2.p));
  add(K(88, S0.p, lab(is0l1), lab(is0r1)));
  // Label sets.
  const uint64_t s0sl = c.LeftLabels(is0), s0sr = c.RightLabels(is0);
  const uint64_t b0sl = c.LeftLabels(ib0), s1sl = c.LeftLabels(is1), s1sr = c.RightLabels(is1);
  add(K(89, S0.w, s0sr));
  add(K(90, S0.p, s0sr));
  add(K(91, S0.w, s0sl));
  add(K(92, S0.p, s0sl));
  add(K(93, B0.w, b0sl));
  add(K(94, B0.p, b0sl));
  add(K(95, S1.p, s1sr));
  add(K(96, S1.p, s1sl));
  // The label set of s1's right dependents decides a lot about s0 (a second object? subject?).
  add(K(97, S1.p, s1sr, S0.p));
  add(K(98, S0.p, s0sl, B0.p));
  // Suffixes, for words the treebank does not have.
  add(K(99, S0.s));
  add(K(100, B0.s));
  add(K(101, S0.s, B0.s));
  // Word clusters.
  if (s.clusters) {
    add(K(102, S0.c));
    add(K(103, B0.c));
    add(K(104, B1.c));
    add(K(105, S1.c));
    add(K(106, S0.c, B0.c));
    add(K(107, S0.c, B0.p));
    add(K(108, S0.p, B0.c));
    add(K(109, S1.c, S0.c));
    add(K(110, S0.c, B0.c, d01));
    add(K(111, B0.c, B1.c));
    add(K(112, S0R1.c, S0.p));
    add(K(113, B0L1.c, B0.p));
    add(K(114, S0.w, B0.c));
    add(K(115, S0.c, B0.w));
  }
  if (s.version < 2) return;
  // parser.v2: lookahead into the buffer (the next verb and punctuation mark after b0, which
  // decide much in verb-final Dutch clauses), more context and third-order label features.
  const int ib3 = ib2 >= 0 && ib2 < n ? c.B(3) : -1;
  const Atom& B3 = at(ib3);
  int inv = -1, inp = -1;  // the next verb / punctuation mark after b0
  uint64_t dnv = 9, dnp = 9, left = 0;
  if (ib0 >= 0 && ib0 < n) {
    inv = s.next_verb[ib0 + 1];
    inp = s.next_punct[ib0 + 1];
    dnv = inv == n ? 9 : DistanceBucket(inv - ib0);
    dnp = inp == n ? 9 : DistanceBucket(inp - ib0);
    left = DistanceBucket(n - ib0);
    if (inv == n) inv = -1;
    if (inp == n) inp = -1;
  }
  const Atom &NV = at(inv), &NP = at(inp);
  // Is there a verb anywhere from b0 on, and between s0 and b0?
  const uint64_t verb_ahead = ib0 >= 0 && s.next_verb[ib0] < n;
  add(K(116, B0.p, NV.x, dnv));
  add(K(117, S0.p, B0.p, verb_ahead));
  add(K(118, S0.p, NV.p, dnv));
  add(K(119, B0.p, NP.w, dnp));
  add(K(120, S0.p, B0.p, left));
  add(K(121, B3.x));
  add(K(122, B1.p, B2.p, B3.p));
  add(K(123, S1.p, S0.p, B0.p, B1.p));
  add(K(124, S0.p, lab(is0l1), B0.p));
  add(K(125, S0.x, B0.x, d01));
  add(K(126, S0.p, lab(is0l1), lab(is0l2)));
  add(K(127, B0.p, lab(ib0l1), lab(ib0l2)));
  add(K(128, S0.p, lab(is0r1), lab(is0r2)));
  add(K(129, S2.p, S1.p, S0.p, B0.p));
  add(K(130, S1.p, s1sr, S0.p, B0.p));
  add(K(131, S0.w, NV.w));
  add(K(132, B0.w, NV.p, dnv));
  add(K(133, CountBucket(static_cast<int>(c.stack().size())), S0.p, B0.p));
  if (s.clusters) {
    add(K(134, B2.c));
    add(K(135, S2.c));
    add(K(136, S0L1.c, S0.p));
    add(K(137, S1.c, S0.p, B0.p));
    add(K(138, B0.c, NV.c));
    add(K(139, S0.c, B0.c, B1.p));
  }
}

// ---------------------------------------------------------------- decoding

struct Scratch {
  Sent sent;
  Config config;
  std::vector<uint64_t> keys;
  std::vector<float> scores;
};

Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

// Whether class `cls` may be taken from `c`: the move must be valid, an arc to the root must
// carry the root label, and no other arc may.
inline bool Allowed(const Config& c, uint32_t cls, uint32_t root_label, bool has_root_label) {
  Move m = MoveOf(cls);
  if (!c.Can(m)) return false;
  if (m == kShift || !has_root_label) return true;
  const bool to_root = m == kLeft && c.b() == c.n();
  return (LabelOf(cls) == root_label) == to_root;
}

uint32_t BestAllowed(const Config& c, const float* scores, uint32_t num_classes,
                     uint32_t root_label, bool has_root_label) {
  uint32_t best = num_classes;
  float best_score = 0;
  // Fast paths that skip the per-class checks of Allowed.
  const bool shift = c.CanShift(), left = c.CanLeft(), right = c.CanRight();
  const bool to_root = c.b() == c.n();
  for (uint32_t cls = 0; cls < num_classes; ++cls) {
    bool ok;
    if (cls == 0) {
      ok = shift;
    } else if (cls & 1) {
      ok = left && (!has_root_label || ((LabelOf(cls) == root_label) == to_root));
    } else {
      ok = right && (!has_root_label || LabelOf(cls) != root_label);
    }
    if (ok && (best == num_classes || scores[cls] > best_score)) {
      best = cls;
      best_score = scores[cls];
    }
  }
  return best;
}

// Parses with any scorer; `heads`/`labels` get label ids (pseudo-projective, not decoded).
template <typename ScoreFn>
void Decode(const Sent& s, int n, uint32_t num_classes, uint32_t root_label, bool has_root,
            Config* c, std::vector<uint64_t>* keys, std::vector<float>* scores, ScoreFn&& score,
            std::vector<int>* heads, std::vector<uint32_t>* labels) {
  c->Init(n);
  scores->resize(num_classes);
  while (!c->Terminal()) {
    Features(*c, s, keys);
    std::fill(scores->begin(), scores->end(), 0.0f);
    score(*keys, scores->data());
    uint32_t cls = BestAllowed(*c, scores->data(), num_classes, root_label, has_root);
    c->Apply(MoveOf(cls), LabelOf(cls));
  }
  c->Result(heads, labels);
}

// ---------------------------------------------------------------- beam search

struct BeamNode {
  int parent;    // index of the item it extends in the previous step
  uint32_t cls;  // the move that made it
};
struct Candidate {
  double score;
  int item;
  uint32_t cls;
};

struct BeamScratch {
  std::vector<Config> cur, next;
  std::vector<double> cur_score, next_score;
  std::vector<int> cur_gold_flag;
  std::vector<std::vector<BeamNode>> hist;  // hist[t][i]: item i after t + 1 moves
  std::vector<Candidate> cands;
  std::vector<uint64_t> keys;
  std::vector<float> scores;
};

BeamScratch& ThreadBeamScratch() {
  thread_local BeamScratch s;
  return s;
}

// Beam search: every parse of n words takes 2n moves, so the items of a step compete fairly.
// With `gold` (training), the search stops as soon as the gold sequence falls out of the beam
// (early update). Returns the number of moves made; the best item of the last step is
// hist[steps - 1][0], and *gold_item is the gold item's index in that step, or -1.
template <typename ScoreFn>
int BeamSearch(const Sent& s, int n, int width, uint32_t num_classes, uint32_t root_label,
               bool has_root, ScoreFn&& score, BeamScratch* b, const std::vector<uint32_t>* gold,
               int* gold_item) {
  b->cur.resize(1);
  b->cur[0].Init(n);
  b->cur_score.assign(1, 0.0);
  int gold_idx = 0;
  const int total = 2 * n;
  if (static_cast<int>(b->hist.size()) < total) b->hist.resize(static_cast<size_t>(total));
  b->scores.resize(num_classes);
  int t = 0;
  for (; t < total; ++t) {
    b->cands.clear();
    for (size_t i = 0; i < b->cur.size(); ++i) {
      const Config& c = b->cur[i];
      Features(c, s, &b->keys);
      std::fill(b->scores.begin(), b->scores.end(), 0.0f);
      score(b->keys, b->scores.data());
      const bool shift = c.CanShift(), left = c.CanLeft(), right = c.CanRight();
      const bool to_root = c.b() == c.n();
      for (uint32_t cls = 0; cls < num_classes; ++cls) {
        bool ok;
        if (cls == 0) {
          ok = shift;
        } else if (cls & 1) {
          ok = left && (!has_root || ((LabelOf(cls) == root_label) == to_root));
        } else {
          ok = right && (!has_root || LabelOf(cls) != root_label);
        }
        if (ok) {
          b->cands.push_back(Candidate{b->cur_score[i] + b->scores[cls], static_cast<int>(i), cls});
        }
      }
    }
    const size_t keep = std::min(b->cands.size(), static_cast<size_t>(width));
    auto better = [](const Candidate& x, const Candidate& y) {
      if (x.score != y.score) return x.score > y.score;
      if (x.item != y.item) return x.item < y.item;
      return x.cls < y.cls;
    };
    std::partial_sort(b->cands.begin(), b->cands.begin() + static_cast<long>(keep), b->cands.end(),
                      better);
    b->next.resize(keep);
    b->next_score.resize(keep);
    std::vector<BeamNode>& h = b->hist[static_cast<size_t>(t)];
    h.resize(keep);
    int next_gold = -1;
    for (size_t j = 0; j < keep; ++j) {
      const Candidate& cd = b->cands[j];
      b->next[j] = b->cur[static_cast<size_t>(cd.item)];
      b->next[j].Apply(MoveOf(cd.cls), LabelOf(cd.cls));
      b->next_score[j] = cd.score;
      h[j] = BeamNode{cd.item, cd.cls};
      if (gold && cd.item == gold_idx && cd.cls == (*gold)[static_cast<size_t>(t)]) {
        next_gold = static_cast<int>(j);
      }
    }
    std::swap(b->cur, b->next);
    std::swap(b->cur_score, b->next_score);
    gold_idx = next_gold;
    if (gold && gold_idx < 0) {
      ++t;
      break;
    }
  }
  if (gold_item) *gold_item = gold_idx;
  return t;
}

// The moves of item `item` after `steps` moves.
void BeamHistory(const BeamScratch& b, int steps, int item, std::vector<uint32_t>* out) {
  out->resize(static_cast<size_t>(steps));
  for (int t = steps - 1; t >= 0; --t) {
    const BeamNode& node = b.hist[static_cast<size_t>(t)][static_cast<size_t>(item)];
    (*out)[static_cast<size_t>(t)] = node.cls;
    item = node.parent;
  }
}

bool IsContent(std::string_view rel) {
  return !(rel == "aux" || rel == "case" || rel == "cc" || rel == "clf" || rel == "cop" ||
           rel == "det" || rel == "mark" || rel == "punct");
}
std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

ParseInput InputOf(const tag::AnnotatedSentence& s) {
  ParseInput in;
  in.words.assign(s.form.begin(), s.form.end());
  in.upos.assign(s.upos.begin(), s.upos.end());
  in.xpos.assign(s.xpos.begin(), s.xpos.end());
  return in;
}

// The gold tree of a training sentence, or false when it is not a tree.
bool GoldTree(const tag::AnnotatedSentence& s, std::vector<int>* head,
              std::vector<std::string>* label) {
  *head = s.head;
  *label = s.deprel;
  if (!IsWellFormedTree(*head)) return false;
  for (const std::string& l : *label) {
    if (l.empty() || l == "_") return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------- Parser

Result<std::shared_ptr<const Parser>> Parser::Load(const std::string& path) {
  auto r = learn::ModelReader::Open(path, kParserStage);
  if (!r.ok()) return r.status();
  return FromModel(r.value());
}

Result<std::shared_ptr<const Parser>> Parser::FromModel(const learn::ModelReader& model) {
  const std::string& fs = model.info().feature_set;
  if (fs != kParserFeatureSet && fs != kParserFeatureSetV1) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     "parser model has feature set '" + model.info().feature_set +
                         "', this kroniek computes '" + kParserFeatureSet + "'");
  }
  std::shared_ptr<Parser> p(new Parser());
  p->feature_version_ = fs == kParserFeatureSetV1 ? 1 : 2;
  auto plab = model.Require("PLAB");
  if (!plab.ok()) return plab.status();
  {
    learn::ByteReader r(plab.value());
    uint64_t n = r.Count(1);
    for (uint64_t i = 0; i < n && r.ok(); ++i) p->labels_.emplace_back(r.Str());
    uint64_t root = r.Var();
    if (!r.ok() || !r.AtEnd() || p->labels_.empty() || p->labels_.size() > 30000 ||
        root > p->labels_.size()) {
      return model.Corrupt("PLAB", "does not decode");
    }
    p->root_label_ = static_cast<uint32_t>(root);
  }
  auto linm = model.Require("LINM");
  if (!linm.ok()) return linm.status();
  if (!learn::LinearModel::Deserialize(linm.value(), &p->model_, model.owner()) ||
      p->model_.num_classes() != 1 + 2 * p->labels_.size()) {
    return model.Corrupt("LINM", "does not decode");
  }
  if (auto parm = model.Section("PARM")) {
    learn::ByteReader r(*parm);
    uint64_t beam = r.Var();
    if (!r.ok() || !r.AtEnd() || beam < 1 || beam > 256) {
      return model.Corrupt("PARM", "does not decode");
    }
    p->beam_ = static_cast<int>(beam);
  }
  if (auto clus = model.Section("CLUS")) {
    if (!learn::WordClusters::Deserialize(*clus, &p->clusters_)) {
      return model.Corrupt("CLUS", "does not decode");
    }
  }
  return std::shared_ptr<const Parser>(std::move(p));
}

void Parser::Save(learn::ModelWriter* w) const {
  learn::ByteWriter l;
  l.Var(labels_.size());
  for (const std::string& x : labels_) l.Str(x);
  l.Var(root_label_);
  w->AddSection("PLAB", l.Take());
  // The weights are used in place from the mapped file when stored uncompressed (fast start),
  // but the in-memory layout is larger than the compact one (27.8 MB for the parser.v2 model,
  // quantised): a much larger model is compressed so that the file stays well under the 50 MB a
  // model file may take (it then costs a decompression at load).
  std::string linm = model_.Serialize();
  const auto codec = linm.size() <= kMaxStoredWeightBytes ? learn::SectionCodec::kStored
                                                          : learn::SectionCodec::kAuto;
  w->AddSection("LINM", std::move(linm), codec);
  learn::ByteWriter parm;
  parm.Var(static_cast<uint64_t>(beam_));
  w->AddSection("PARM", parm.Take());
  if (!clusters_.empty()) w->AddSection("CLUS", clusters_.Serialize());
}

void Parser::ParseSentence(const ParseInput& in, std::vector<int>* heads,
                           std::vector<std::string>* labels) const {
  const int n = static_cast<int>(in.size());
  heads->clear();
  labels->clear();
  if (n == 0) return;
  Scratch& s = ThreadScratch();
  Prepare(in, clusters_, feature_version_, &s.sent);
  std::vector<uint32_t> ids;
  const bool has_root = root_label_ < labels_.size();
  auto score = [this](std::span<const uint64_t> keys, float* sc) { model_.AddScores(keys, sc); };
  if (beam_ <= 1) {
    Decode(s.sent, n, model_.num_classes(), root_label_, has_root, &s.config, &s.keys, &s.scores,
           score, heads, &ids);
  } else {
    BeamScratch& b = ThreadBeamScratch();
    BeamSearch(s.sent, n, beam_, model_.num_classes(), root_label_, has_root, score, &b, nullptr,
               nullptr);
    b.cur[0].Result(heads, &ids);
  }
  labels->resize(static_cast<size_t>(n));
  bool lifted = false;
  for (int i = 0; i < n; ++i) {
    (*labels)[i] = labels_[ids[i]];
    lifted |= (*labels)[i].find('|') != std::string::npos;
  }
  if (lifted) Deprojectivize(heads, labels);
  // Punctuation: the treebanks' attachment rule rather than the classifier's guess.
  thread_local std::vector<bool> punct;
  punct.assign(static_cast<size_t>(n), false);
  for (int i = 0; i < n; ++i) punct[i] = in.upos[i] == "PUNCT";
  AttachPunctuation(in.words, punct, heads, labels);
}

void Parser::Parse(Doc& doc) const {
  const size_t n = doc.tokens.size();
  doc.head.assign(n, 0);
  doc.deprel.assign(n, "_");
  ParseInput in;
  std::vector<int> heads;
  std::vector<std::string> labels;
  for (const Sentence& s : doc.sentences) {
    in.words.clear();
    in.upos.clear();
    in.xpos.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      in.words.push_back(doc.TokenText(t));
      in.upos.push_back(doc.upos[t]);
      in.xpos.push_back(doc.xpos[t]);
    }
    ParseSentence(in, &heads, &labels);
    for (size_t i = 0; i < heads.size(); ++i) {
      const uint32_t t = s.token_begin + static_cast<uint32_t>(i);
      doc.head[t] =
          heads[i] < 0 ? static_cast<int32_t>(t) : static_cast<int32_t>(s.token_begin) + heads[i];
      doc.deprel[t] = std::move(labels[i]);
    }
  }
}

ParseScores ScoreParser(const Parser& parser, const std::vector<tag::AnnotatedSentence>& gold) {
  size_t n = 0, uas = 0, las = 0, full = 0, content = 0, clas = 0, sys_content = 0;
  std::vector<int> heads;
  std::vector<std::string> labels;
  for (const tag::AnnotatedSentence& s : gold) {
    parser.ParseSentence(InputOf(s), &heads, &labels);
    for (size_t i = 0; i < s.size(); ++i) {
      ++n;
      const bool h = heads[i] == s.head[i];
      const std::string_view gu = Universal(s.deprel[i]), su = Universal(labels[i]);
      uas += h;
      las += h && gu == su;
      full += h && s.deprel[i] == labels[i];
      sys_content += IsContent(su);
      if (IsContent(gu)) {
        ++content;
        clas += h && gu == su;
      }
    }
  }
  auto pct = [](size_t k, size_t d) { return d ? 100.0 * static_cast<double>(k) / d : 0.0; };
  ParseScores r;
  r.uas = pct(uas, n);
  r.las = pct(las, n);
  r.las_full = pct(full, n);
  // CLAS is an F1 over content words (CoNLL 2018); with gold tokens system and gold counts
  // differ only through the predicted relations.
  r.clas =
      content + sys_content ? 200.0 * static_cast<double>(clas) / (content + sys_content) : 0.0;
  return r;
}

// ---------------------------------------------------------------- training

class ParserTrainer {
 public:
  static Result<std::shared_ptr<const Parser>> Train(
      const std::vector<tag::AnnotatedSentence>& train, const std::vector<tag::DevSet>& dev,
      const ParserTrainOptions& o, std::vector<ParseScores>* best_scores) {
    auto say = [&](const std::string& s) {
      if (o.progress) o.progress(s);
    };
    std::shared_ptr<Parser> parser(new Parser());
    if (o.clusters) parser->clusters_ = *o.clusters;
    if (o.feature_version != 1 && o.feature_version != 2) {
      return InvalidInput(ErrorId::kTrainData, "unknown parser feature set version");
    }
    parser->feature_version_ = o.feature_version;
    // Gold trees, made projective; labels in order of first appearance.
    struct Example {
      const tag::AnnotatedSentence* s;
      std::vector<int> head;
      std::vector<uint32_t> label;
      Sent sent;
    };
    std::vector<Example> examples;
    std::map<std::string, uint32_t> ids;
    size_t skipped = 0, lifted_sentences = 0;
    std::vector<int> head;
    std::vector<std::string> label;
    for (const tag::AnnotatedSentence& s : train) {
      if (!GoldTree(s, &head, &label)) {
        ++skipped;
        continue;
      }
      if (!IsProjective(head)) {
        Projectivize(&head, &label);
        ++lifted_sentences;
      }
      Example e;
      e.s = &s;
      e.head = head;
      for (const std::string& l : label) {
        auto [it, fresh] = ids.emplace(l, static_cast<uint32_t>(parser->labels_.size()));
        if (fresh) parser->labels_.push_back(l);
        e.label.push_back(it->second);
      }
      Prepare(InputOf(s), parser->clusters_, parser->feature_version_, &e.sent);
      examples.push_back(std::move(e));
    }
    if (examples.empty()) {
      return InvalidInput(ErrorId::kTrainData, "no training sentence has a dependency tree");
    }
    auto root = ids.find("root");
    parser->root_label_ =
        root == ids.end() ? static_cast<uint32_t>(parser->labels_.size()) : root->second;
    const bool has_root = root != ids.end();
    const uint32_t num_labels = static_cast<uint32_t>(parser->labels_.size());
    const uint32_t num_classes = 1 + 2 * num_labels;
    say("labels: " + std::to_string(num_labels) + " (with pseudo-projective ones) from " +
        std::to_string(examples.size()) + " sentences; " + std::to_string(lifted_sentences) +
        " made projective" + (skipped ? ", " + std::to_string(skipped) + " without a tree" : ""));

    learn::PerceptronTrainer trainer(num_classes);
    learn::Rng rng(o.seed);
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    Config c;
    std::vector<uint64_t> keys;
    std::vector<float> scores(num_classes);
    std::vector<int> costs;
    double best_las = -1;
    learn::LinearModel best_model;
    int best_epoch = 0;
    if (best_scores) best_scores->clear();
    parser->beam_ = std::max(1, o.beam);
    // Beam training: the gold move sequences (a canonical one per tree: reductions first).
    std::vector<std::vector<uint32_t>> gold_moves;
    if (parser->beam_ > 1) {
      gold_moves.resize(examples.size());
      for (size_t ei = 0; ei < examples.size(); ++ei) {
        const Example& e = examples[ei];
        c.Init(static_cast<int>(e.head.size()));
        while (!c.Terminal()) {
          MoveCosts(c, e.head, e.label, num_labels, &costs);
          uint32_t best = num_classes;
          for (uint32_t k = 1; k <= num_classes; ++k) {
            uint32_t cls = k % num_classes;
            if (!Allowed(c, cls, parser->root_label_, has_root)) continue;
            if (best == num_classes || costs[cls] < costs[best]) best = cls;
          }
          gold_moves[ei].push_back(best);
          c.Apply(MoveOf(best), LabelOf(best));
        }
      }
    }
    BeamScratch beam;
    std::vector<uint32_t> predicted;
    Config gc;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      learn::Shuffle(order, rng);
      const bool explore = epoch >= o.explore_from_epoch;
      size_t moves = 0, wrong = 0;
      if (parser->beam_ > 1) {
        auto score = [&trainer](std::span<const uint64_t> k, float* sc) {
          trainer.AddScores(k, sc);
        };
        for (size_t ei : order) {
          const Example& e = examples[ei];
          const std::vector<uint32_t>& gm = gold_moves[ei];
          const int n = static_cast<int>(e.head.size());
          int gold_item = -1;
          int steps = BeamSearch(e.sent, n, parser->beam_, num_classes, parser->root_label_,
                                 has_root, score, &beam, &gm, &gold_item);
          ++moves;
          if (gold_item != 0) {
            // Early update (or a full one when the best finished parse is not the gold one):
            // from the first move where they part, reward the gold moves' features and
            // penalise the predicted ones'.
            ++wrong;
            BeamHistory(beam, steps, 0, &predicted);
            int d = 0;
            while (d < steps && predicted[static_cast<size_t>(d)] == gm[static_cast<size_t>(d)])
              ++d;
            gc.Init(n);
            for (int t = 0; t < d; ++t) {
              gc.Apply(MoveOf(gm[static_cast<size_t>(t)]), LabelOf(gm[static_cast<size_t>(t)]));
            }
            c = gc;
            for (int t = d; t < steps; ++t) {
              const uint32_t g = gm[static_cast<size_t>(t)], p = predicted[static_cast<size_t>(t)];
              Features(gc, e.sent, &keys);
              trainer.Add(keys, g, 1.0f);
              gc.Apply(MoveOf(g), LabelOf(g));
              Features(c, e.sent, &keys);
              trainer.Add(keys, p, -1.0f);
              c.Apply(MoveOf(p), LabelOf(p));
            }
          }
          trainer.NextExample();
        }
      }
      for (size_t ei : order) {
        if (parser->beam_ > 1) break;
        const Example& e = examples[ei];
        const int n = static_cast<int>(e.head.size());
        c.Init(n);
        while (!c.Terminal()) {
          Features(c, e.sent, &keys);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.AddScores(keys, scores.data());
          MoveCosts(c, e.head, e.label, num_labels, &costs);
          uint32_t guess =
              BestAllowed(c, scores.data(), num_classes, parser->root_label_, has_root);
          int min_cost = kInvalidCost;
          for (uint32_t k = 0; k < num_classes; ++k) {
            if (costs[k] < min_cost && Allowed(c, k, parser->root_label_, has_root)) {
              min_cost = costs[k];
            }
          }
          uint32_t gold = num_classes;
          for (uint32_t k = 0; k < num_classes; ++k) {
            if (costs[k] == min_cost && Allowed(c, k, parser->root_label_, has_root) &&
                (gold == num_classes || scores[k] > scores[gold])) {
              gold = k;
            }
          }
          ++moves;
          uint32_t next = gold;
          if (costs[guess] > min_cost) {
            ++wrong;
            trainer.Update(keys, gold, guess);
            if (explore && rng.Uniform() < o.explore_p) next = guess;
          } else {
            next = guess;
          }
          trainer.NextExample();
          c.Apply(MoveOf(next), LabelOf(next));
        }
      }
      parser->model_ = trainer.Average(o.min_abs_weight);
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    parser->beam_ > 1
                        ? "epoch %d: %.2f%% of sentences updated, %zu features, %zu weights"
                        : "epoch %d: %.2f%% of moves wrong, %zu features, %zu weights",
                    epoch, 100.0 * wrong / std::max<size_t>(moves, 1),
                    parser->model_.num_features(), parser->model_.num_weights());
      std::string line = buf;
      std::vector<ParseScores> sc;
      for (const tag::DevSet& d : dev) {
        ParseScores s = ScoreParser(*parser, *d.sentences);
        sc.push_back(s);
        std::snprintf(buf, sizeof buf, "; %s UAS %.2f LAS %.2f CLAS %.2f", d.name.c_str(), s.uas,
                      s.las, s.clas);
        line += buf;
      }
      say(line);
      double las = sc.empty() ? epoch : sc[0].las;
      if (las > best_las) {
        best_las = las;
        best_model = parser->model_;
        best_epoch = epoch;
        if (best_scores) *best_scores = sc;
      }
    }
    parser->model_ = std::move(best_model);
    say("kept the model of epoch " + std::to_string(best_epoch));
    return std::shared_ptr<const Parser>(std::move(parser));
  }
};

Result<std::shared_ptr<const Parser>> TrainParser(const std::vector<tag::AnnotatedSentence>& train,
                                                  const std::vector<tag::DevSet>& dev,
                                                  const ParserTrainOptions& options,
                                                  std::vector<ParseScores>* best_scores) {
  if (train.empty()) return InvalidInput(ErrorId::kTrainData, "no training sentences");
  return ParserTrainer::Train(train, dev, options, best_scores);
}

void Retag(const tag::Tagger& tagger, std::vector<tag::AnnotatedSentence>* sentences) {
  std::vector<std::string_view> words;
  std::vector<uint32_t> labels;
  for (tag::AnnotatedSentence& s : *sentences) {
    words.assign(s.form.begin(), s.form.end());
    tagger.TagSentence(words, &labels);
    for (size_t i = 0; i < s.size(); ++i) {
      const tag::TagLabel& l = tagger.labels()[labels[i]];
      s.upos[i] = l.upos;
      s.xpos[i] = l.xpos;
      s.feats[i] = l.feats;
    }
  }
}

std::vector<tag::AnnotatedSentence> AgreedParses(
    const std::vector<std::vector<std::string>>& sentences, const tag::Tagger& tagger,
    const std::vector<const Parser*>& parsers) {
  std::vector<tag::AnnotatedSentence> out;
  if (parsers.empty()) return out;
  std::vector<uint32_t> tags;
  std::vector<int> heads, heads2;
  std::vector<std::string> labels, labels2;
  ParseInput in;
  for (const std::vector<std::string>& words : sentences) {
    if (words.empty()) continue;
    tag::AnnotatedSentence s;
    s.form = words;
    in.words.assign(s.form.begin(), s.form.end());
    tagger.TagSentence(in.words, &tags);
    for (uint32_t t : tags) {
      const tag::TagLabel& l = tagger.labels()[t];
      s.upos.push_back(l.upos);
      s.xpos.push_back(l.xpos);
      s.feats.push_back(l.feats);
    }
    in.upos.assign(s.upos.begin(), s.upos.end());
    in.xpos.assign(s.xpos.begin(), s.xpos.end());
    parsers[0]->ParseSentence(in, &heads, &labels);
    bool same = true;
    for (size_t p = 1; p < parsers.size() && same; ++p) {
      parsers[p]->ParseSentence(in, &heads2, &labels2);
      same = heads == heads2 && labels == labels2;
    }
    if (!same) continue;
    s.lemma.assign(s.size(), "_");
    s.head = heads;
    s.deprel = labels;
    out.push_back(std::move(s));
  }
  return out;
}

Status JackknifeTags(std::vector<tag::AnnotatedSentence>* sentences, int k,
                     const tag::TaggerTrainOptions& tagger_options, int threads) {
  if (k < 2) return InvalidInput(ErrorId::kTrainData, "jackknifing needs at least 2 folds");
  const size_t n = sentences->size();
  std::vector<std::vector<tag::AnnotatedSentence>> tagged(static_cast<size_t>(k));
  std::vector<Status> status(static_cast<size_t>(k));
  std::atomic<int> next{0};
  std::mutex say_mu;
  auto work = [&] {
    for (int f = next++; f < k; f = next++) {
      std::vector<tag::AnnotatedSentence> rest;
      std::vector<tag::AnnotatedSentence>& fold = tagged[static_cast<size_t>(f)];
      for (size_t i = 0; i < n; ++i) {
        if (static_cast<int>(i % static_cast<size_t>(k)) == f) {
          fold.push_back((*sentences)[i]);
        } else {
          rest.push_back((*sentences)[i]);
        }
      }
      tag::TaggerTrainOptions o = tagger_options;
      o.progress = [&, f](const std::string& s) {
        if (!tagger_options.progress) return;
        std::lock_guard<std::mutex> lock(say_mu);
        tagger_options.progress("fold " + std::to_string(f + 1) + "/" + std::to_string(k) + ": " +
                                s);
      };
      auto tagger = tag::TrainTagger(rest, {}, o, nullptr);
      if (!tagger.ok()) {
        status[static_cast<size_t>(f)] = tagger.status();
        continue;
      }
      Retag(*tagger.value(), &fold);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, std::min(threads, k)); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (const Status& s : status) {
    if (!s.ok()) return s;
  }
  std::vector<size_t> pos(static_cast<size_t>(k), 0);
  for (size_t i = 0; i < n; ++i) {
    size_t f = i % static_cast<size_t>(k);
    (*sentences)[i] = std::move(tagged[f][pos[f]++]);
  }
  return Status();
}

// ---------------------------------------------------------------- stage

namespace {
class ParserStage : public Stage {
 public:
  explicit ParserStage(std::shared_ptr<const Parser> p) : p_(std::move(p)) {}
  std::string Name() const override { return "parser"; }
  LayerSet Reads() const override {
    return {Layer::kTokens, Layer::kSentences, Layer::kUpos, Layer::kXpos};
  }
  LayerSet Writes() const override { return {Layer::kDeps}; }
  Status Process(Doc& doc) const override {
    p_->Parse(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Parser> p_;
};
}  // namespace

std::unique_ptr<Stage> MakeParserStage(std::shared_ptr<const Parser> parser) {
  return std::make_unique<ParserStage>(std::move(parser));
}

}  // namespace kroniek::parse
