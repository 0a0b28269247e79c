#include "learn/linear_model.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "learn/bytes.h"

namespace kroniek::learn {
namespace {

inline uint64_t FixKey(uint64_t k) { return k == 0 ? 1 : k; }
// Keys are hashes already; one more mix spreads any structured keys a caller makes by hand.
inline uint64_t SlotOf(uint64_t key, uint64_t mask) {
  return ((key ^ (key >> 29)) * 0xbf58476d1ce4e5b9ULL >> 17) & mask;
}

}  // namespace

bool LinearModel::BuildIndex() {
  size_t cap = 16;
  while (cap < keys_.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{0, 0, 0});
  mask_ = cap - 1;
  dense_.clear();
  const uint32_t dense_min = std::max<uint32_t>(16, num_classes_ / 8);
  for (size_t i = 0; i < keys_.size(); ++i) {
    uint64_t s = SlotOf(keys_[i], mask_);
    while (slots_[s].key != 0) {
      if (slots_[s].key == keys_[i]) return false;  // a key given twice
      s = (s + 1) & mask_;
    }
    uint32_t b = row_begin_[i], e = row_begin_[i + 1];
    if (e - b >= dense_min) {
      uint32_t off = static_cast<uint32_t>(dense_.size());
      dense_.resize(dense_.size() + num_classes_, 0.0f);
      for (uint32_t k = b; k < e; ++k) dense_[off + entries_[k].cls] = entries_[k].weight;
      slots_[s] = Slot{keys_[i], off, kDense};
    } else {
      slots_[s] = Slot{keys_[i], b, e};
    }
  }
  return true;
}

void LinearModel::AddScores(std::span<const uint64_t> keys, float* scores) const {
  if (keys_.empty()) return;
  constexpr size_t kBatch = 16;
  uint64_t pos[kBatch];
  const Slot* found[kBatch];
  for (size_t base = 0; base < keys.size(); base += kBatch) {
    size_t n = std::min(kBatch, keys.size() - base);
    // Three passes so that the cache misses of a batch overlap: issue the slot loads, then
    // find the slots and issue the loads of their weight rows, then add the rows.
    for (size_t i = 0; i < n; ++i) {
      pos[i] = SlotOf(FixKey(keys[base + i]), mask_);
      __builtin_prefetch(&slots_[pos[i]]);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t k = FixKey(keys[base + i]);
      uint64_t s = pos[i];
      while (true) {
        const Slot& slot = slots_[s];
        if (slot.key == k) {
          found[m++] = &slot;
          __builtin_prefetch(slot.end == kDense ? static_cast<const void*>(&dense_[slot.begin])
                                                : static_cast<const void*>(&entries_[slot.begin]));
          break;
        }
        if (slot.key == 0) break;
        s = (s + 1) & mask_;
      }
    }
    for (size_t i = 0; i < m; ++i) {
      const Slot& slot = *found[i];
      if (slot.end == kDense) {
        const float* d = dense_.data() + slot.begin;
        for (uint32_t c = 0; c < num_classes_; ++c) scores[c] += d[c];
      } else {
        for (uint32_t e = slot.begin; e < slot.end; ++e) {
          scores[entries_[e].cls] += entries_[e].weight;
        }
      }
    }
  }
}

uint32_t LinearModel::ArgMax(const float* scores, uint32_t n) {
  uint32_t best = 0;
  for (uint32_t c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

LinearModel LinearModel::FromRows(uint32_t num_classes, std::vector<uint64_t> keys,
                                  std::vector<uint32_t> row_begin, std::vector<uint16_t> classes,
                                  std::vector<float> weights) {
  LinearModel m;
  m.num_classes_ = num_classes;
  m.keys_ = std::move(keys);
  m.row_begin_ = std::move(row_begin);
  m.entries_.resize(classes.size());
  for (size_t i = 0; i < classes.size(); ++i) m.entries_[i] = Entry{classes[i], weights[i]};
  m.BuildIndex();
  return m;
}

LinearModel LinearModel::Mean(const std::vector<const LinearModel*>& models) {
  if (models.empty()) return LinearModel();
  const uint32_t nc = models[0]->num_classes_;
  std::unordered_map<uint64_t, std::vector<float>> sum;
  for (const LinearModel* m : models) {
    for (size_t i = 0; i < m->keys_.size(); ++i) {
      std::vector<float>& row = sum[m->keys_[i]];
      row.resize(nc, 0.0f);
      for (uint32_t e = m->row_begin_[i]; e < m->row_begin_[i + 1]; ++e) {
        if (m->entries_[e].cls < nc) row[m->entries_[e].cls] += m->entries_[e].weight;
      }
    }
  }
  std::vector<uint64_t> all;
  all.reserve(sum.size());
  for (const auto& [k, row] : sum) all.push_back(k);
  std::sort(all.begin(), all.end());
  std::vector<uint64_t> keys;
  std::vector<uint32_t> row_begin{0};
  std::vector<uint16_t> classes;
  std::vector<float> weights;
  const float scale = 1.0f / static_cast<float>(models.size());
  for (uint64_t k : all) {
    const std::vector<float>& row = sum[k];
    size_t before = classes.size();
    for (uint32_t c = 0; c < nc; ++c) {
      if (row[c] != 0.0f) {
        classes.push_back(static_cast<uint16_t>(c));
        weights.push_back(row[c] * scale);
      }
    }
    if (classes.size() == before) continue;
    keys.push_back(k);
    row_begin.push_back(static_cast<uint32_t>(classes.size()));
  }
  return FromRows(nc, std::move(keys), std::move(row_begin), std::move(classes),
                  std::move(weights));
}

std::string LinearModel::Serialize() const {
  // Layout: varint classes, varint features; per feature a u64 key; per feature a varint row
  // length; per weight a varint class; per weight an f32. Columns compress better than rows.
  ByteWriter w;
  w.Var(num_classes_);
  w.Var(keys_.size());
  for (uint64_t k : keys_) w.U64(k);
  for (size_t i = 0; i < keys_.size(); ++i) w.Var(row_begin_[i + 1] - row_begin_[i]);
  for (const Entry& e : entries_) w.Var(e.cls);
  for (const Entry& e : entries_) w.F32(e.weight);
  return w.Take();
}

bool LinearModel::Deserialize(std::string_view bytes, LinearModel* out) {
  ByteReader r(bytes);
  uint64_t num_classes = r.Var();
  if (!r.ok() || num_classes == 0 || num_classes > 65535) return false;
  uint64_t n = r.Count(9);  // a key and a row length at least
  if (!r.ok()) return false;
  std::vector<uint64_t> keys(n);
  for (uint64_t i = 0; i < n; ++i) {
    keys[i] = r.U64();
    if (keys[i] == 0) r.Fail();
  }
  std::vector<uint32_t> row_begin(n + 1, 0);
  uint64_t total = 0;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    uint64_t len = r.Var();
    total += len;
    if (len > num_classes || total > r.remaining()) return false;  // a weight takes >= 5 bytes
    row_begin[i + 1] = static_cast<uint32_t>(total);
  }
  if (!r.ok() || total * 5 > r.remaining()) return false;
  // Decoded straight into the model's entries (classes first, then weights, as written).
  LinearModel m;
  m.num_classes_ = static_cast<uint32_t>(num_classes);
  m.entries_.resize(total);
  for (uint64_t i = 0; i < total; ++i) {
    uint64_t c = r.Var();
    if (c >= num_classes) return false;
    m.entries_[i].cls = static_cast<uint32_t>(c);
  }
  for (uint64_t i = 0; i < total; ++i) {
    m.entries_[i].weight = r.F32();
    if (!std::isfinite(m.entries_[i].weight)) return false;
  }
  if (!r.ok() || !r.AtEnd()) return false;
  m.keys_ = std::move(keys);
  m.row_begin_ = std::move(row_begin);
  if (!m.BuildIndex()) return false;  // duplicate keys: not a model this code wrote
  *out = std::move(m);
  return true;
}

void PerceptronTrainer::AddScores(std::span<const uint64_t> keys, float* scores) const {
  for (uint64_t k : keys) {
    auto it = rows_.find(FixKey(k));
    if (it == rows_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::Bump(uint64_t key, uint32_t cls, float delta) {
  std::vector<Entry>& row = rows_[FixKey(key)];
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.total += static_cast<double>(now_ - e.stamp) * e.weight;
      e.stamp = now_;
      e.weight += delta;
      return;
    }
  }
  row.push_back(Entry{cls, delta, 0.0, now_});
}

void PerceptronTrainer::Update(std::span<const uint64_t> keys, uint32_t gold, uint32_t guess,
                               float step) {
  if (gold == guess) return;
  for (uint64_t k : keys) {
    Bump(k, gold, step);
    Bump(k, guess, -step);
  }
}

void PerceptronTrainer::Add(std::span<const uint64_t> keys, uint32_t cls, float delta) {
  for (uint64_t k : keys) Bump(k, cls, delta);
}

LinearModel PerceptronTrainer::Average(float min_abs_weight) const {
  // Deterministic order: sort the keys, whatever the hash map's iteration order.
  std::vector<uint64_t> all;
  all.reserve(rows_.size());
  for (const auto& [k, row] : rows_) all.push_back(k);
  std::sort(all.begin(), all.end());
  std::vector<uint64_t> keys;
  std::vector<uint32_t> row_begin{0};
  std::vector<uint16_t> classes;
  std::vector<float> weights;
  const double now = static_cast<double>(std::max<uint64_t>(now_, 1));
  std::vector<std::pair<uint32_t, float>> kept;
  for (uint64_t k : all) {
    kept.clear();
    for (const Entry& e : rows_.at(k)) {
      double total = e.total + static_cast<double>(now_ - e.stamp) * e.weight;
      float avg = static_cast<float>(total / now);
      if (avg != 0.0f && std::fabs(avg) >= min_abs_weight) kept.emplace_back(e.cls, avg);
    }
    if (kept.empty()) continue;
    std::sort(kept.begin(), kept.end());
    keys.push_back(k);
    for (const auto& [c, w] : kept) {
      classes.push_back(static_cast<uint16_t>(c));
      weights.push_back(w);
    }
    row_begin.push_back(static_cast<uint32_t>(classes.size()));
  }
  return LinearModel::FromRows(num_classes_, std::move(keys), std::move(row_begin),
                               std::move(classes), std::move(weights));
}

}  // namespace kroniek::learn
