#include "parse/punctuation.h"

#include <algorithm>
#include <utility>

namespace kroniek::parse {
namespace {

// The closing mark of an opening one; empty when `open` opens nothing. Symmetric quotes
// (" and ') close themselves.
std::string_view Closer(std::string_view open) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"(", ")"},   {"[", "]"}, {"{", "}"}, {"«", "»"}, {"`", "'"},   {",,", "''"},
      {"``", "''"}, {"„", "”"}, {"“", "”"}, {"‘", "’"}, {"\"", "\""}, {"'", "'"},
  };
  for (const auto& [o, c] : kPairs) {
    if (o == open) return c;
  }
  return {};
}

bool EndsSentence(std::string_view w) { return w == "." || w == "?" || w == "!"; }

struct Scratch {
  std::vector<int> lo, hi, mark, new_head, stack, partner;
  std::vector<std::pair<int, int>> pairs;  // (open, close), open < close
};

Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

void AttachPunctuation(const std::vector<std::string_view>& words, const std::vector<bool>& punct,
                       std::vector<int>* heads_ptr, std::vector<std::string>* labels) {
  std::vector<int>& heads = *heads_ptr;
  const int n = static_cast<int>(heads.size());
  int first_word = -1;
  bool any_punct = false;
  for (int i = 0; i < n; ++i) {
    if (punct[i]) {
      any_punct = true;
    } else if (first_word < 0) {
      first_word = i;
    }
  }
  if (!any_punct || first_word < 0) return;

  // Words hung under punctuation move up to the nearest word above it (or become roots).
  for (int i = 0; i < n; ++i) {
    if (punct[i]) continue;
    int h = heads[i];
    for (int steps = 0; h >= 0 && punct[h] && steps <= n; ++steps) h = heads[h];
    if (h >= 0 && punct[h]) h = -1;  // a cycle: cannot happen in a tree
    heads[i] = h;
  }
  // Exactly one root among the words: the first root word; other roots hang under it.
  int root = -1;
  for (int i = 0; i < n; ++i) {
    if (punct[i] || heads[i] >= 0) continue;
    if (root < 0) {
      root = i;
    } else {
      heads[i] = root;
      if (labels && (*labels)[i] == "root") (*labels)[i] = "parataxis";
    }
  }
  if (root < 0) return;  // not a tree (every word has a head): nothing safe to do
  if (labels) (*labels)[root] = "root";

  Scratch& s = ThreadScratch();
  // The first and last word under each word (punctuation left out).
  s.lo.assign(n, n);
  s.hi.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    if (punct[i]) continue;
    for (int x = i, steps = 0; x >= 0 && steps <= n; x = heads[x], ++steps) {
      s.lo[x] = std::min(s.lo[x], i);
      s.hi[x] = std::max(s.hi[x], i);
    }
  }
  // Paired marks, matched left to right.
  s.stack.clear();
  s.pairs.clear();
  s.partner.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    if (!punct[i]) continue;
    if (!s.stack.empty() && words[i] == Closer(words[s.stack.back()])) {
      const int o = s.stack.back();
      s.stack.pop_back();
      s.partner[o] = i;
      s.partner[i] = o;
      s.pairs.emplace_back(o, i);
    } else if (!Closer(words[i]).empty()) {
      s.stack.push_back(i);
    }
  }

  s.mark.assign(n, -1);
  s.new_head.assign(n, -1);
  auto nearest = [&](int from, int step, int lo, int hi) {
    for (int i = from; i >= lo && i <= hi; i += step) {
      if (!punct[i]) return i;
    }
    return -1;
  };
  for (int p = 0; p < n; ++p) {
    if (!punct[p]) continue;
    int& out = s.new_head[p];
    if (const int q = s.partner[p]; q >= 0) {
      const int o = std::min(p, q), c = std::max(p, q);
      for (int i = o + 1; i < c && out < 0; ++i) {
        if (!punct[i] && (heads[i] <= o || heads[i] >= c)) out = i;
      }
      if (out >= 0) continue;
    }
    // The region: the innermost pair around p, else the sentence.
    int lo = 0, hi = n - 1;
    for (const auto& [o, c] : s.pairs) {
      if (o < p && p < c && c - o - 2 < hi - lo) lo = o + 1, hi = c - 1;
    }
    const bool sentence = lo == 0 && hi == n - 1;
    if (sentence && EndsSentence(words[p])) {
      out = root;
      continue;
    }
    int left = nearest(p - 1, -1, lo, hi), right = nearest(p + 1, 1, lo, hi);
    if (left < 0 && right < 0) {
      lo = 0, hi = n - 1;
      left = nearest(p - 1, -1, lo, hi);
      right = nearest(p + 1, 1, lo, hi);
    }
    if (left < 0 || right < 0) {
      int x = left < 0 ? right : left;
      while (heads[x] >= 0 && heads[x] >= lo && heads[x] <= hi) x = heads[x];
      out = x;
      continue;
    }
    for (int x = left; x >= 0; x = heads[x]) s.mark[x] = p;
    int lca = right;
    while (lca >= 0 && s.mark[lca] != p) lca = heads[lca];
    if (lca < 0) lca = root;  // cannot happen: the one root is above both
    int x;
    if (lca >= right) {
      for (x = left; heads[x] >= 0 && s.hi[heads[x]] == left;) x = heads[x];
    } else {
      for (x = right; heads[x] >= 0 && s.lo[heads[x]] == right;) x = heads[x];
    }
    out = x;
  }
  for (int p = 0; p < n; ++p) {
    if (!punct[p]) continue;
    heads[p] = s.new_head[p];
    if (labels) (*labels)[p] = "punct";
  }
}

}  // namespace kroniek::parse
