#include "parse/transition.h"

#include <algorithm>
#include <cstdlib>
#include <deque>

namespace kroniek::parse {

void Config::Init(int n) {
  n_ = n;
  b_ = 0;
  stack_.clear();
  const size_t m = static_cast<size_t>(n) + 1;
  head_.assign(m, -1);
  label_.assign(m, 0);
  l1_.assign(m, -1);
  l2_.assign(m, -1);
  r1_.assign(m, -1);
  r2_.assign(m, -1);
  lcount_.assign(m, 0);
  rcount_.assign(m, 0);
  lset_.assign(m, 0);
  rset_.assign(m, 0);
}

void Config::AddArc(int h, int d, uint32_t label) {
  head_[d] = h;
  label_[d] = label;
  const uint64_t bit = uint64_t{1} << (label & 63);
  if (d < h) {
    if (l1_[h] < 0 || d < l1_[h]) {
      l2_[h] = l1_[h];
      l1_[h] = d;
    } else if (l2_[h] < 0 || d < l2_[h]) {
      l2_[h] = d;
    }
    if (lcount_[h] < 255) ++lcount_[h];
    lset_[h] |= bit;
  } else {
    if (r1_[h] < 0 || d > r1_[h]) {
      r2_[h] = r1_[h];
      r1_[h] = d;
    } else if (r2_[h] < 0 || d > r2_[h]) {
      r2_[h] = d;
    }
    if (rcount_[h] < 255) ++rcount_[h];
    rset_[h] |= bit;
  }
}

void Config::Apply(Move m, uint32_t label) {
  switch (m) {
    case kShift:
      stack_.push_back(b_++);
      break;
    case kLeft: {
      int s0 = stack_.back();
      stack_.pop_back();
      AddArc(b_, s0, label);
      break;
    }
    case kRight: {
      int s0 = stack_.back();
      stack_.pop_back();
      AddArc(stack_.back(), s0, label);
      break;
    }
  }
}

void Config::Result(std::vector<int>* heads, std::vector<uint32_t>* labels) const {
  heads->resize(static_cast<size_t>(n_));
  labels->resize(static_cast<size_t>(n_));
  for (int i = 0; i < n_; ++i) {
    (*heads)[i] = head_[i] == n_ ? -1 : head_[i];
    (*labels)[i] = label_[i];
  }
}

void MoveCosts(const Config& c, const std::vector<int>& gold_head,
               const std::vector<uint32_t>& gold_label, uint32_t num_labels,
               std::vector<int>* costs) {
  const int n = c.n();
  const int b = c.b();
  auto gh = [&](int i) { return gold_head[i] < 0 ? n : gold_head[i]; };
  costs->assign(1 + 2 * static_cast<size_t>(num_labels), kInvalidCost);
  const auto& st = c.stack();
  const int s0 = c.S(0), s1 = c.S(1);
  if (c.CanShift()) {
    // b0 loses its dependents on the stack and its head below s0.
    int cost = 0;
    for (int s : st) {
      if (gh(s) == b) ++cost;
      if (s != s0 && gh(b) == s) ++cost;
    }
    (*costs)[0] = cost;
  }
  if (s0 < 0) return;
  // Dependents of s0 still in the buffer are lost by either reduction.
  int deps = 0;
  for (int d = b; d < n; ++d) deps += gh(d) == s0;
  const int h = gh(s0);
  if (c.CanLeft()) {
    int cost = deps + (h != b && ((s1 >= 0 && h == s1) || h > b) ? 1 : 0);
    for (uint32_t l = 0; l < num_labels; ++l) {
      (*costs)[ClassOf(kLeft, l)] = cost + (h == b && gold_label[s0] != l ? 1 : 0);
    }
  }
  if (c.CanRight()) {
    int cost = deps + (h >= b ? 1 : 0);
    for (uint32_t l = 0; l < num_labels; ++l) {
      (*costs)[ClassOf(kRight, l)] = cost + (h == s1 && gold_label[s0] != l ? 1 : 0);
    }
  }
}

namespace {

// True when `a` is `d` or an ancestor of it.
bool Dominates(const std::vector<int>& head, int a, int d) {
  int steps = 0;
  const int n = static_cast<int>(head.size());
  while (d >= 0 && steps <= n) {
    if (d == a) return true;
    d = head[d];
    ++steps;
  }
  return false;
}

bool ArcIsProjective(const std::vector<int>& head, int d) {
  int h = head[d];
  if (h < 0) return true;
  int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k) {
    if (!Dominates(head, h, k)) return false;
  }
  return true;
}

std::string_view BaseLabel(std::string_view l) { return l.substr(0, l.find('|')); }

}  // namespace

bool IsProjective(const std::vector<int>& head) {
  for (int d = 0; d < static_cast<int>(head.size()); ++d) {
    if (!ArcIsProjective(head, d)) return false;
  }
  return true;
}

void Projectivize(std::vector<int>* head, std::vector<std::string>* label) {
  std::vector<int>& h = *head;
  const int n = static_cast<int>(h.size());
  if (!IsWellFormedTree(h)) return;
  const std::vector<std::string> original = *label;
  std::vector<int> lifted_from(static_cast<size_t>(n), -1);  // the original head of a lifted word
  while (true) {
    int best = -1, best_len = 0;
    for (int d = 0; d < n; ++d) {
      if (ArcIsProjective(h, d)) continue;
      int len = std::abs(h[d] - d);
      if (best < 0 || len < best_len) best = d, best_len = len;
    }
    if (best < 0) break;
    if (lifted_from[best] < 0) lifted_from[best] = h[best];
    h[best] = h[h[best]];  // never the root word: every word is below it
  }
  for (int d = 0; d < n; ++d) {
    if (lifted_from[d] >= 0) {
      (*label)[d] = original[d] + "|" + std::string(BaseLabel(original[lifted_from[d]]));
    }
  }
}

void Deprojectivize(std::vector<int>* head, std::vector<std::string>* label) {
  std::vector<int>& h = *head;
  std::vector<std::string>& l = *label;
  const int n = static_cast<int>(h.size());
  std::vector<std::vector<int>> children;
  std::deque<int> queue;
  for (int d = 0; d < n; ++d) {
    size_t bar = l[d].find('|');
    if (bar == std::string::npos) continue;
    std::string want = l[d].substr(bar + 1);
    l[d].resize(bar);
    if (h[d] < 0) continue;
    children.assign(static_cast<size_t>(n), {});
    for (int i = 0; i < n; ++i) {
      if (h[i] >= 0) children[h[i]].push_back(i);
    }
    queue.clear();
    for (int c : children[h[d]]) {
      if (c != d) queue.push_back(c);
    }
    int found = -1;
    while (!queue.empty() && found < 0) {
      int x = queue.front();
      queue.pop_front();
      if (BaseLabel(l[x]) == want) {
        found = x;
        break;
      }
      for (int c : children[x]) queue.push_back(c);
    }
    if (found >= 0) h[d] = found;
  }
}

bool IsWellFormedTree(const std::vector<int>& head) {
  const int n = static_cast<int>(head.size());
  int roots = 0;
  for (int d = 0; d < n; ++d) {
    if (head[d] < 0) {
      if (head[d] != -1) return false;
      ++roots;
    } else if (head[d] >= n || head[d] == d) {
      return false;
    }
  }
  if (roots != 1) return false;
  for (int d = 0; d < n; ++d) {
    int x = d, steps = 0;
    while (x >= 0) {
      x = head[x];
      if (++steps > n) return false;
    }
  }
  return true;
}

}  // namespace kroniek::parse
