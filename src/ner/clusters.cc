#include "ner/clusters.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "base/errors.h"
#include "learn/bytes.h"
#include "tag/text.h"

namespace kroniek::ner {

uint64_t HashWord(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

namespace {

// One thing to cluster (a word, or a class of the finer level) and its predecessor counts.
struct Item {
  uint64_t count = 0;
  std::vector<std::pair<uint32_t, uint32_t>> preds;  // (predecessor id, count)
};

// The predictive exchange algorithm over `items` (in the order they are visited) with
// `num_preds` predecessor ids and k classes. Returns the class of every item.
std::vector<uint32_t> Exchange(const std::vector<Item>& items, uint32_t num_preds, uint32_t k,
                               int iterations, uint64_t total,
                               const std::function<void(const std::string&)>& say) {
  const size_t n = items.size();
  std::vector<uint32_t> cls(n);
  if (k == 0) return cls;
  for (size_t i = 0; i < n; ++i) cls[i] = static_cast<uint32_t>(i % k);
  std::vector<uint64_t> ncls(k, 0);
  std::vector<uint32_t> m(static_cast<size_t>(num_preds) * k, 0);
  for (size_t i = 0; i < n; ++i) {
    ncls[cls[i]] += items[i].count;
    for (auto [p, c] : items[i].preds) m[static_cast<size_t>(p) * k + cls[i]] += c;
  }
  std::vector<double> flog(total + 2);
  for (size_t x = 0; x < flog.size(); ++x) {
    flog[x] = x == 0 ? 0.0 : static_cast<double>(x) * std::log(static_cast<double>(x));
  }
  std::vector<double> delta(k);
  for (int it = 0; it < iterations; ++it) {
    size_t moves = 0;
    for (size_t i = 0; i < n; ++i) {
      const Item& w = items[i];
      const uint32_t a = cls[i];
      ncls[a] -= w.count;
      for (auto [p, c] : w.preds) m[static_cast<size_t>(p) * k + a] -= c;
      for (uint32_t b = 0; b < k; ++b) delta[b] = flog[ncls[b]] - flog[ncls[b] + w.count];
      for (auto [p, c] : w.preds) {
        const uint32_t* row = &m[static_cast<size_t>(p) * k];
        const double fc = flog[c];
        for (uint32_t b = 0; b < k; ++b) {
          if (row[b]) delta[b] += flog[row[b] + c] - flog[row[b]] - fc;
        }
      }
      uint32_t best = a;
      for (uint32_t b = 0; b < k; ++b) {
        if (delta[b] > delta[best] + 1e-9) best = b;
      }
      if (best != a) ++moves;
      cls[i] = best;
      ncls[best] += w.count;
      for (auto [p, c] : w.preds) m[static_cast<size_t>(p) * k + best] += c;
    }
    if (say) {
      say(std::to_string(k) + " classes, pass " + std::to_string(it + 1) + ": " +
          std::to_string(moves) + " moves");
    }
    if (moves == 0) break;
  }
  return cls;
}

}  // namespace

Result<std::string> ClusterWords(const std::vector<std::string>& texts, const ClusterOptions& o) {
  if (o.levels.empty() || o.levels.size() > kMaxLevels) {
    return InvalidInput(ErrorId::kTrainData, "clusters need 1 to 4 levels");
  }
  // Token ids in order of appearance; id 0 is the sentence start.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words{"<s>"};
  std::vector<uint64_t> counts{0};
  std::vector<uint32_t> stream;  // token ids, 0 before every sentence
  ids.emplace("<s>", 0);
  for (const std::string& text : texts) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string w;
      bool any = false;
      while (ls >> w) {
        if (!any) {
          stream.push_back(0);
          ++counts[0];
          any = true;
        }
        auto [it, fresh] = ids.emplace(w, static_cast<uint32_t>(words.size()));
        if (fresh) {
          words.push_back(w);
          counts.push_back(0);
        }
        ++counts[it->second];
        stream.push_back(it->second);
      }
    }
  }
  // Rank words by frequency (ties by form, for determinism).
  std::vector<uint32_t> order(words.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  std::vector<uint32_t> item_of(words.size(), UINT32_MAX), pred_of(words.size(), 0);
  std::vector<uint32_t> item_word;
  uint32_t num_preds = 0;
  for (uint32_t r = 0; r < order.size(); ++r) {
    uint32_t w = order[r];
    if (w != 0 && counts[w] >= o.min_count) {
      item_of[w] = static_cast<uint32_t>(item_word.size());
      item_word.push_back(w);
    }
    if (r < o.max_predecessors) pred_of[w] = num_preds++;
  }
  const uint32_t rare_pred = num_preds++;
  for (uint32_t r = o.max_predecessors; r < order.size(); ++r) pred_of[order[r]] = rare_pred;
  if (item_word.empty()) return InvalidInput(ErrorId::kTrainData, "no words to cluster");
  std::vector<Item> items(item_word.size());
  {
    std::unordered_map<uint64_t, uint32_t> big;
    for (size_t i = 1; i < stream.size(); ++i) {
      uint32_t w = stream[i];
      if (w == 0 || item_of[w] == UINT32_MAX) continue;
      ++big[(static_cast<uint64_t>(item_of[w]) << 32) | pred_of[stream[i - 1]]];
    }
    for (const auto& [key, c] : big) {
      items[key >> 32].preds.emplace_back(static_cast<uint32_t>(key & 0xffffffffu), c);
    }
    for (size_t i = 0; i < items.size(); ++i) {
      items[i].count = counts[item_word[i]];
      std::sort(items[i].preds.begin(), items[i].preds.end());
    }
  }
  if (o.progress) {
    o.progress(std::to_string(stream.size() - counts[0]) + " tokens, " +
               std::to_string(words.size() - 1) + " word types, " + std::to_string(items.size()) +
               " clustered");
  }
  const uint64_t total = stream.size();
  // Level by level: the classes of one level are the items of the next.
  std::vector<std::vector<uint32_t>> level_cls;  // per level, class of each item of that level
  std::vector<Item> cur = std::move(items);
  for (size_t l = 0; l < o.levels.size(); ++l) {
    uint32_t k = std::min<uint32_t>(o.levels[l], static_cast<uint32_t>(cur.size()));
    // Visit the items in order of frequency (words already are; classes are sorted here).
    std::vector<uint32_t> visit(cur.size());
    std::iota(visit.begin(), visit.end(), 0);
    std::stable_sort(visit.begin(), visit.end(),
                     [&](uint32_t a, uint32_t b) { return cur[a].count > cur[b].count; });
    std::vector<Item> sorted(cur.size());
    for (size_t i = 0; i < visit.size(); ++i) sorted[i] = cur[visit[i]];
    std::vector<uint32_t> c_sorted =
        Exchange(sorted, num_preds, k, o.iterations, total, o.progress);
    std::vector<uint32_t> c(cur.size());
    for (size_t i = 0; i < visit.size(); ++i) c[visit[i]] = c_sorted[i];
    // The items of the next level.
    std::vector<Item> next(k);
    std::vector<std::unordered_map<uint32_t, uint32_t>> agg(k);
    for (size_t i = 0; i < cur.size(); ++i) {
      next[c[i]].count += cur[i].count;
      for (auto [p, n] : cur[i].preds) agg[c[i]][p] += n;
    }
    for (uint32_t j = 0; j < k; ++j) {
      next[j].preds.assign(agg[j].begin(), agg[j].end());
      std::sort(next[j].preds.begin(), next[j].preds.end());
    }
    level_cls.push_back(std::move(c));
    cur = std::move(next);
  }
  std::ostringstream out;
  out << "# kroniek word clusters: word, count, class per level (";
  for (size_t l = 0; l < o.levels.size(); ++l) out << (l ? " " : "") << o.levels[l];
  out << " classes)\n";
  for (uint32_t i = 0; i < item_word.size(); ++i) {
    out << words[item_word[i]] << '\t' << counts[item_word[i]];
    uint32_t x = i;
    for (const auto& lc : level_cls) {
      x = lc[x];
      out << '\t' << x;
    }
    out << '\n';
  }
  return out.str();
}

// ---------------------------------------------------------------- WordClusters

Result<WordClusters> WordClusters::FromTsv(std::string_view tsv) {
  WordClusters wc;
  HashMap64<Entry> words;
  HashMap64<uint8_t> caps;
  std::unordered_map<uint64_t, std::pair<uint64_t, uint64_t>> cap_counts;  // lower -> (all, cap)
  size_t pos = 0, line_no = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    size_t b = 0;
    while (true) {
      size_t t = line.find('\t', b);
      f.push_back(line.substr(b, t == std::string_view::npos ? std::string_view::npos : t - b));
      if (t == std::string_view::npos) break;
      b = t + 1;
    }
    if (f.size() < 3 || f.size() > 2 + kMaxLevels ||
        (wc.levels_ && static_cast<int>(f.size()) - 2 != wc.levels_)) {
      return InvalidInput(ErrorId::kTrainData, "clusters line " + std::to_string(line_no) +
                                                   ": expected word, count "
                                                   "and one class per level");
    }
    wc.levels_ = static_cast<int>(f.size()) - 2;
    uint64_t count = std::strtoull(std::string(f[1]).c_str(), nullptr, 10);
    Entry e;
    for (int l = 0; l < wc.levels_; ++l) {
      unsigned long c = std::strtoul(std::string(f[2 + l]).c_str(), nullptr, 10);
      e.cls[l] = static_cast<uint16_t>(std::min<unsigned long>(c, 65534) + 1);
    }
    words[HashWord(f[0])] = e;
    auto& cc = cap_counts[HashWord(tag::Lower(f[0]))];
    cc.first += count;
    if (tag::StartsUpper(f[0])) cc.second += count;
  }
  if (words.empty()) return InvalidInput(ErrorId::kTrainData, "the clusters file is empty");
  for (const auto& [h, c] : cap_counts) {
    double r = c.first ? static_cast<double>(c.second) / static_cast<double>(c.first) : 0.0;
    uint8_t b = r < 0.05 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 0.95 ? 4 : 5;
    caps[h] = b;
  }
  wc.words_ = learn::FlatTable<Entry>::Build(words.SortedEntries());
  wc.caps_ = learn::FlatTable<uint8_t>::Build(caps.SortedEntries());
  return wc;
}

const WordClusters::Entry* WordClusters::Find(std::string_view form) const {
  return Find(form, tag::Lower(form));
}

const WordClusters::Entry* WordClusters::Find(std::string_view form, std::string_view low) const {
  if (const Entry* e = words_.find(HashWord(form))) return e;
  if (low != form) {
    if (const Entry* e = words_.find(HashWord(low))) return e;
  }
  std::string cap = tag::UpperFirst(low);
  if (cap != form) {
    if (const Entry* e = words_.find(HashWord(cap))) return e;
  }
  return nullptr;
}

uint8_t WordClusters::CapBucket(std::string_view lower) const {
  const uint8_t* b = caps_.find(HashWord(lower));
  return b ? *b : 0;
}

namespace {

template <typename V>
std::vector<std::pair<uint64_t, V>> Sorted(const learn::FlatTable<V>& t) {
  std::vector<std::pair<uint64_t, V>> v;
  v.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) v.emplace_back(t.keys()[i], t.values()[i]);
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return v;
}

}  // namespace

std::string WordClusters::Serialize() const {
  std::string out(8, '\0');
  out[0] = static_cast<char>(levels_);  // u8 levels, 7 zero bytes
  words_.AppendTo(&out);
  caps_.AppendTo(&out);
  return out;
}

bool WordClusters::Deserialize(std::string_view bytes, WordClusters* out,
                               std::shared_ptr<const void> owner) {
  if (bytes.size() < 8 || bytes.substr(1, 7).find_first_not_of('\0') != std::string_view::npos) {
    return false;
  }
  WordClusters wc;
  wc.levels_ = static_cast<uint8_t>(bytes[0]);
  if (wc.levels_ < 1 || wc.levels_ > kMaxLevels) return false;
  size_t pos = 8;
  if (!learn::FlatTable<Entry>::ReadFrom(bytes, &pos, &wc.words_, owner) ||
      !learn::FlatTable<uint8_t>::ReadFrom(bytes, &pos, &wc.caps_, owner) || pos != bytes.size()) {
    return false;
  }
  uint8_t top = 0;
  for (uint8_t b : wc.caps_.values()) top = std::max(top, b);
  if (top > 5) return false;
  *out = std::move(wc);
  return true;
}

std::string WordClusters::SerializeCompact() const {
  // Sorted by hash so that the bytes do not depend on the tables' order.
  learn::ByteWriter w;
  w.U8(static_cast<uint8_t>(levels_));
  std::vector<std::pair<uint64_t, Entry>> words = Sorted(words_);
  w.Var(words.size());
  for (const auto& [h, e] : words) w.U64(h);
  for (int l = 0; l < levels_; ++l) {
    for (const auto& [h, e] : words) w.Var(e.cls[l]);
  }
  std::vector<std::pair<uint64_t, uint8_t>> caps = Sorted(caps_);
  w.Var(caps.size());
  for (const auto& [h, b] : caps) w.U64(h);
  for (const auto& [h, b] : caps) w.U8(b);
  return w.Take();
}

bool WordClusters::DeserializeCompact(std::string_view bytes, WordClusters* out) {
  learn::ByteReader r(bytes);
  WordClusters wc;
  wc.levels_ = r.U8();
  if (wc.levels_ < 1 || wc.levels_ > kMaxLevels) return false;
  uint64_t n = r.Count(8);
  std::vector<std::pair<uint64_t, Entry>> words(n);
  for (auto& [h, e] : words) h = r.U64();
  for (int l = 0; l < wc.levels_ && r.ok(); ++l) {
    for (auto& [h, e] : words) {
      uint64_t c = r.Var();
      if (c > 65535) return false;
      e.cls[l] = static_cast<uint16_t>(c);
    }
  }
  uint64_t nc = r.Count(9);
  std::vector<std::pair<uint64_t, uint8_t>> caps(nc);
  for (auto& [h, b] : caps) h = r.U64();
  for (auto& [h, b] : caps) {
    b = r.U8();
    if (b > 5) return false;
  }
  if (!r.ok() || !r.AtEnd()) return false;
  // Distinct keys (a table with a key twice is not one this code wrote).
  auto distinct = [](auto v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 1; i < v.size(); ++i) {
      if (v[i].first == v[i - 1].first) return false;
    }
    return true;
  };
  if (!distinct(words) || !distinct(caps)) return false;
  wc.words_ = learn::FlatTable<Entry>::Build(std::move(words));
  wc.caps_ = learn::FlatTable<uint8_t>::Build(std::move(caps));
  *out = std::move(wc);
  return true;
}

}  // namespace kroniek::ner
