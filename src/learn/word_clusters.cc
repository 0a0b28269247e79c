#include "learn/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "learn/bytes.h"

namespace kroniek::learn {

namespace {

std::string ClassBytes(uint16_t c) {
  return std::string{static_cast<char>(c & 0xff), static_cast<char>(c >> 8)};
}

}  // namespace

namespace {

// x log x, from a table for the small counts that dominate.
class XLogX {
 public:
  XLogX() : table_(kTable) {
    for (size_t i = 1; i < kTable; ++i)
      table_[i] = static_cast<double>(i) * std::log(static_cast<double>(i));
  }
  double operator()(int64_t x) const {
    if (x <= 0) return 0.0;
    if (static_cast<uint64_t>(x) < kTable) return table_[static_cast<size_t>(x)];
    double d = static_cast<double>(x);
    return d * std::log(d);
  }

 private:
  static constexpr size_t kTable = 1 << 18;
  std::vector<double> table_;
};

struct Neighbour {
  uint32_t word;
  uint32_t count;
};

}  // namespace

WordClusters WordClusters::Train(const std::vector<std::vector<std::string>>& sentences,
                                 const ClusterOptions& o) {
  auto say = [&](const std::string& s) {
    if (o.progress) o.progress(s);
  };
  // Vocabulary by frequency (ties by spelling, for determinism). Word 0 is the sentence
  // boundary and word 1 stands for every rare word; both take part in the counts.
  std::unordered_map<std::string, uint32_t> count;
  for (const auto& s : sentences) {
    for (const auto& w : s) ++count[w];
  }
  std::vector<std::pair<uint32_t, std::string>> vocab;
  for (const auto& [w, c] : count) {
    if (c >= o.min_count) vocab.emplace_back(c, w);
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::unordered_map<std::string, uint32_t> id;
  id.reserve(vocab.size());
  for (size_t i = 0; i < vocab.size(); ++i)
    id.emplace(vocab[i].second, static_cast<uint32_t>(i + 2));
  const uint32_t v = static_cast<uint32_t>(vocab.size() + 2);
  // Bigram counts (a word next to itself is left out: it would touch one cell twice).
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> bigrams;
  std::vector<uint32_t> seq;
  for (const auto& s : sentences) {
    seq.assign(1, 0);
    for (const auto& w : s) {
      auto it = id.find(w);
      seq.push_back(it == id.end() ? 1 : it->second);
    }
    seq.push_back(0);
    for (size_t i = 1; i < seq.size(); ++i) {
      if (seq[i - 1] != seq[i]) ++bigrams[{seq[i - 1], seq[i]}];
    }
  }
  std::vector<std::vector<Neighbour>> right(v), left(v);
  std::vector<int64_t> as_left(v, 0), as_right(v, 0);
  for (const auto& [p, c] : bigrams) {
    right[p.first].push_back(Neighbour{p.second, c});
    left[p.second].push_back(Neighbour{p.first, c});
    as_left[p.first] += c;
    as_right[p.second] += c;
  }
  const uint32_t k = std::max<uint32_t>(2, std::min<uint32_t>(o.classes, v));
  std::vector<uint32_t> cls(v);
  for (uint32_t w = 0; w < v; ++w) cls[w] = w % k;
  std::vector<int64_t> n(static_cast<size_t>(k) * k, 0), nl(k, 0), nr(k, 0);
  auto cell = [&](uint32_t a, uint32_t b) -> int64_t& { return n[static_cast<size_t>(a) * k + b]; };
  for (const auto& [p, c] : bigrams) cell(cls[p.first], cls[p.second]) += c;
  for (uint32_t w = 0; w < v; ++w) {
    nl[cls[w]] += as_left[w];
    nr[cls[w]] += as_right[w];
  }
  say("clusters: " + std::to_string(vocab.size()) + " words, " + std::to_string(bigrams.size()) +
      " bigrams, " + std::to_string(k) + " classes");
  const XLogX f;
  std::vector<int64_t> r(k, 0), l(k, 0);
  std::vector<uint32_t> touched_r, touched_l;
  for (int iter = 1; iter <= o.iterations; ++iter) {
    size_t moved = 0;
    for (uint32_t w = 0; w < v; ++w) {
      const uint32_t a = cls[w];
      touched_r.clear();
      touched_l.clear();
      for (const Neighbour& x : right[w]) {
        uint32_t c = cls[x.word];
        if (r[c] == 0) touched_r.push_back(c);
        r[c] += x.count;
      }
      for (const Neighbour& x : left[w]) {
        uint32_t c = cls[x.word];
        if (l[c] == 0) touched_l.push_back(c);
        l[c] += x.count;
      }
      // Take w out of its class.
      for (uint32_t c : touched_r) cell(a, c) -= r[c];
      for (uint32_t c : touched_l) cell(c, a) -= l[c];
      nl[a] -= as_left[w];
      nr[a] -= as_right[w];
      // The gain of putting it into each class; it stays unless another class is better.
      auto gain_of = [&](uint32_t b) {
        double gain = 0;
        const int64_t* row = &n[static_cast<size_t>(b) * k];
        for (uint32_t c : touched_r) gain += f(row[c] + r[c]) - f(row[c]);
        for (uint32_t c : touched_l) {
          int64_t x = cell(c, b);
          gain += f(x + l[c]) - f(x);
        }
        if (r[b] > 0 && l[b] > 0) {  // cell (b, b) takes both
          int64_t x = row[b];
          gain += f(x + r[b] + l[b]) - f(x + r[b]) - f(x + l[b]) + f(x);
        }
        gain -= f(nl[b] + as_left[w]) - f(nl[b]);
        gain -= f(nr[b] + as_right[w]) - f(nr[b]);
        return gain;
      };
      uint32_t best = a;
      double best_gain = gain_of(a);
      for (uint32_t b = 0; b < k; ++b) {
        if (b == a) continue;
        double gain = gain_of(b);
        if (gain > best_gain + 1e-9) {
          best = b;
          best_gain = gain;
        }
      }
      for (uint32_t c : touched_r) cell(best, c) += r[c];
      for (uint32_t c : touched_l) cell(c, best) += l[c];
      nl[best] += as_left[w];
      nr[best] += as_right[w];
      if (best != a) {
        cls[w] = best;
        ++moved;
      }
      for (uint32_t c : touched_r) r[c] = 0;
      for (uint32_t c : touched_l) l[c] = 0;
    }
    say("clusters: pass " + std::to_string(iter) + ": " + std::to_string(moved) + " words moved");
    if (moved * 200 < v) break;
  }
  WordClusters out;
  out.classes_ = k;
  std::vector<std::string> values(vocab.size());
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  for (size_t i = 0; i < vocab.size(); ++i) {
    values[i] = ClassBytes(static_cast<uint16_t>(cls[i + 2]));
    entries.emplace_back(vocab[i].second, values[i]);
  }
  StringMap::FromEntries(std::move(entries), &out.map_);
  return out;
}

std::string WordClusters::Serialize() const {
  ByteWriter w;
  w.Var(classes_);
  auto entries = map_.Entries();  // sorted by word
  w.Var(entries.size());
  for (const auto& [word, c] : entries) {
    w.Str(word);
    w.Var(static_cast<uint8_t>(c[0]) | static_cast<uint8_t>(c[1]) << 8);
  }
  return w.Take();
}

bool WordClusters::Deserialize(std::string_view bytes, WordClusters* out) {
  ByteReader r(bytes);
  WordClusters c;
  uint64_t k = r.Var();
  if (!r.ok() || k == 0 || k > 65535) return false;
  c.classes_ = static_cast<uint32_t>(k);
  uint64_t n = r.Count(2);
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  entries.reserve(n);
  std::string values;  // the classes as 2 bytes each (reserved: views stay valid)
  values.reserve(2 * n);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    std::string_view word = r.Str();
    uint64_t cl = r.Var();
    if (cl >= k) return false;
    values += ClassBytes(static_cast<uint16_t>(cl));
    entries.emplace_back(word, std::string_view(values).substr(values.size() - 2));
  }
  if (!r.ok() || !r.AtEnd()) return false;
  if (!StringMap::FromEntries(std::move(entries), &c.map_)) return false;
  *out = std::move(c);
  return true;
}

}  // namespace kroniek::learn
