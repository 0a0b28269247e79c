#include "learn/linear_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "learn/bytes.h"

namespace kroniek::learn {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the in-memory model layout is little-endian (docs/formats/model-file.md)");

inline uint64_t FixKey(uint64_t k) { return k == 0 ? 1 : k; }
// Keys are hashes already; one more mix spreads any structured keys a caller makes by hand.
// The slot is the mixed key scaled to the table size (any size, not only powers of two).
inline uint64_t SlotOf(uint64_t key, uint64_t num_slots) {
  uint64_t h = (key ^ (key >> 29)) * 0xbf58476d1ce4e5b9ULL;
  return static_cast<uint64_t>((static_cast<unsigned __int128>(h) * num_slots) >> 64);
}

// The in-memory layout (docs/formats/model-file.md, "LINM"): a 64-byte header, the slots, the
// dense rows, the sparse entries, zero padding to a multiple of 8 bytes.
constexpr char kMarker[8] = {'\0', 'K', 'L', 'I', 'N', 'F', 'L', '1'};
constexpr size_t kHeaderBytes = 64;
constexpr size_t kSlotBytes = 16;
constexpr size_t kEntryBytes = 6;

uint64_t Get64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint32_t Get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// 8-byte aligned storage for a layout the model owns.
std::shared_ptr<const void> AlignedCopy(std::string_view bytes, std::string_view* view) {
  std::shared_ptr<uint64_t[]> buf(new uint64_t[(bytes.size() + 7) / 8 + 1]);
  if (!bytes.empty()) std::memcpy(buf.get(), bytes.data(), bytes.size());
  *view = std::string_view(reinterpret_cast<const char*>(buf.get()), bytes.size());
  return buf;
}

}  // namespace

bool LinearModel::Build(uint32_t num_classes, const std::vector<uint64_t>& keys,
                        const std::vector<uint32_t>& row_begin,
                        const std::vector<uint16_t>& classes, const std::vector<float>& weights,
                        LinearModel* out) {
  const uint64_t nf = keys.size();
  // At most 2/3 full: short probes, and a table half the size of a power-of-two one at 1/2.
  const uint64_t num_slots = std::max<uint64_t>(16, nf + nf / 2 + 1);
  const uint32_t dense_min = std::max<uint32_t>(16, num_classes / 8);
  uint64_t num_dense = 0, num_entries = 0;
  for (uint64_t i = 0; i < nf; ++i) {
    uint32_t len = row_begin[i + 1] - row_begin[i];
    if (len >= dense_min) {
      num_dense += num_classes;
    } else {
      num_entries += len;
    }
  }
  const uint64_t size =
      kHeaderBytes + num_slots * kSlotBytes + num_dense * 4 + num_entries * kEntryBytes;
  const uint64_t padded = (size + 7) / 8 * 8;
  std::shared_ptr<uint64_t[]> buf(new uint64_t[padded / 8]());
  char* base = reinterpret_cast<char*>(buf.get());
  Slot* slots = reinterpret_cast<Slot*>(base + kHeaderBytes);
  float* dense = reinterpret_cast<float*>(base + kHeaderBytes + num_slots * kSlotBytes);
  char* entries = base + kHeaderBytes + num_slots * kSlotBytes + num_dense * 4;
  uint64_t dense_at = 0, entry_at = 0;
  for (uint64_t i = 0; i < nf; ++i) {
    const uint64_t key = keys[i];
    if (key == 0) return false;
    uint64_t s = SlotOf(key, num_slots);
    while (slots[s].key != 0) {
      if (slots[s].key == key) return false;  // a key given twice
      if (++s == num_slots) s = 0;
    }
    const uint32_t b = row_begin[i], e = row_begin[i + 1];
    if (e - b >= dense_min) {
      for (uint32_t k = b; k < e; ++k) dense[dense_at + classes[k]] = weights[k];
      slots[s] = Slot{key, static_cast<uint32_t>(dense_at), kDense};
      dense_at += num_classes;
    } else {
      slots[s] =
          Slot{key, static_cast<uint32_t>(entry_at), static_cast<uint32_t>(entry_at + e - b)};
      for (uint32_t k = b; k < e; ++k, ++entry_at) {
        Entry x;
        x.cls = classes[k];
        std::memcpy(x.weight, &weights[k], 4);
        std::memcpy(entries + entry_at * kEntryBytes, &x, kEntryBytes);
      }
    }
  }
  std::memcpy(base, kMarker, 8);
  uint64_t header[7] = {
      num_classes, nf, row_begin.empty() ? 0 : row_begin[nf], num_slots, num_dense, num_entries, 0};
  std::memcpy(base + 8, &header[0], 4);  // u32 classes, then u32 reserved (0)
  std::memcpy(base + 16, &header[1], 8 * 6);
  LinearModel m;
  if (!m.Attach(std::string_view(base, size), std::move(buf), false)) return false;
  *out = std::move(m);
  return true;
}

bool LinearModel::Attach(std::string_view image, std::shared_ptr<const void> owner, bool check) {
  if (image.size() < kHeaderBytes || std::memcmp(image.data(), kMarker, 8) != 0) return false;
  const char* p = image.data();
  const uint32_t num_classes = Get32(p + 8);
  const uint64_t nf = Get64(p + 16), nw = Get64(p + 24), num_slots = Get64(p + 32);
  const uint64_t num_dense = Get64(p + 40), num_entries = Get64(p + 48);
  if (check) {
    const uint64_t avail = image.size() - kHeaderBytes;
    if (num_classes == 0 || num_classes > 65535 || Get32(p + 12) != 0 || Get64(p + 56) != 0 ||
        num_slots > avail / kSlotBytes || num_dense > avail / 4 ||
        num_entries > avail / kEntryBytes || nf >= num_slots || num_dense % num_classes != 0 ||
        num_dense > 0xffffffffu || num_entries > 0xffffffffu) {
      return false;
    }
    const uint64_t size = num_slots * kSlotBytes + num_dense * 4 + num_entries * kEntryBytes;
    if (size != avail) return false;
  }
  const Slot* slots = reinterpret_cast<const Slot*>(p + kHeaderBytes);
  const float* dense = reinterpret_cast<const float*>(p + kHeaderBytes + num_slots * kSlotBytes);
  const Entry* entries =
      reinterpret_cast<const Entry*>(p + kHeaderBytes + num_slots * kSlotBytes + num_dense * 4);
  if (check) {
    // Every offset in range, so that lookups need no checks; every class a valid index; every
    // weight finite. Branch-free loops: this reads the whole section once.
    uint64_t used = 0;
    bool bad = false;
    const uint64_t dense_last = num_dense >= num_classes ? num_dense - num_classes : 0;
    const bool any_dense = num_dense >= num_classes;
    for (uint64_t s = 0; s < num_slots; ++s) {
      const Slot& x = slots[s];
      const bool full = x.key != 0;
      const bool is_dense = x.end == kDense;
      const bool dense_bad = !any_dense || x.begin > dense_last;
      const bool sparse_bad = x.begin > x.end || x.end > num_entries;
      used += full;
      bad |= full & (is_dense ? dense_bad : sparse_bad);
    }
    if (bad || used != nf) return false;  // (nf < num_slots: an empty slot ends every probe)
    uint32_t exp_and = 0x7f800000u;
    for (uint64_t i = 0; i < num_dense; ++i) {
      uint32_t bits;
      std::memcpy(&bits, &dense[i], 4);
      bad |= (bits & 0x7f800000u) == 0x7f800000u;
    }
    const unsigned char* e = reinterpret_cast<const unsigned char*>(entries);
    for (uint64_t i = 0; i < num_entries; ++i, e += kEntryBytes) {
      uint16_t cls;
      uint32_t bits;
      std::memcpy(&cls, e, 2);
      std::memcpy(&bits, e + 2, 4);
      bad |= (cls >= num_classes) | ((bits & exp_and) == exp_and);
    }
    if (bad) return false;
  }
  num_classes_ = num_classes;
  num_features_ = nf;
  num_weights_ = nw;
  image_ = image;
  slots_ = slots;
  num_slots_ = num_slots;
  dense_ = dense;
  entries_ = entries;
  owner_ = std::move(owner);
  return true;
}

void LinearModel::AddScores(std::span<const uint64_t> keys, float* scores) const {
  if (num_features_ == 0) return;
  constexpr size_t kBatch = 16;
  uint64_t pos[kBatch];
  const Slot* found[kBatch];
  for (size_t base = 0; base < keys.size(); base += kBatch) {
    size_t n = std::min(kBatch, keys.size() - base);
    // Three passes so that the cache misses of a batch overlap: issue the slot loads, then
    // find the slots and issue the loads of their weight rows, then add the rows (in key
    // order, so the sums are those of one pass).
    for (size_t i = 0; i < n; ++i) {
      pos[i] = SlotOf(FixKey(keys[base + i]), num_slots_);
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
          __builtin_prefetch(slot.end == kDense ? static_cast<const void*>(dense_ + slot.begin)
                                                : static_cast<const void*>(entries_ + slot.begin));
          break;
        }
        if (slot.key == 0) break;
        if (++s == num_slots_) s = 0;
      }
    }
    for (size_t i = 0; i < m; ++i) {
      const Slot& slot = *found[i];
      if (slot.end == kDense) {
        const float* d = dense_ + slot.begin;
        for (uint32_t c = 0; c < num_classes_; ++c) scores[c] += d[c];
      } else {
        for (uint32_t e = slot.begin; e < slot.end; ++e) {
          float w;
          std::memcpy(&w, entries_[e].weight, 4);
          scores[entries_[e].cls] += w;
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

template <typename F>
void LinearModel::ForEachRow(F&& f) const {
  std::vector<std::pair<uint64_t, uint64_t>> order;  // key, slot
  order.reserve(num_features_);
  for (uint64_t s = 0; s < num_slots_; ++s) {
    if (slots_[s].key != 0) order.emplace_back(slots_[s].key, s);
  }
  std::sort(order.begin(), order.end());
  std::vector<uint16_t> cls;
  std::vector<float> w;
  for (const auto& [key, s] : order) {
    const Slot& slot = slots_[s];
    cls.clear();
    w.clear();
    if (slot.end == kDense) {
      for (uint32_t c = 0; c < num_classes_; ++c) {
        if (dense_[slot.begin + c] != 0.0f) {
          cls.push_back(static_cast<uint16_t>(c));
          w.push_back(dense_[slot.begin + c]);
        }
      }
    } else {
      for (uint32_t e = slot.begin; e < slot.end; ++e) {
        float x;
        std::memcpy(&x, entries_[e].weight, 4);
        cls.push_back(entries_[e].cls);
        w.push_back(x);
      }
    }
    f(key, cls, w);
  }
}

LinearModel LinearModel::FromRows(uint32_t num_classes, std::vector<uint64_t> keys,
                                  std::vector<uint32_t> row_begin, std::vector<uint16_t> classes,
                                  std::vector<float> weights) {
  LinearModel m;
  Build(num_classes, keys, row_begin, classes, weights, &m);
  return m;
}

LinearModel LinearModel::Mean(const std::vector<const LinearModel*>& models) {
  if (models.empty()) return LinearModel();
  const uint32_t nc = models[0]->num_classes_;
  std::unordered_map<uint64_t, std::vector<float>> sum;
  for (const LinearModel* m : models) {
    m->ForEachRow([&](uint64_t key, const std::vector<uint16_t>& cls, const std::vector<float>& w) {
      std::vector<float>& row = sum[key];
      row.resize(nc, 0.0f);
      for (size_t e = 0; e < cls.size(); ++e) {
        if (cls[e] < nc) row[cls[e]] += w[e];
      }
    });
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
  if (image_.empty()) {
    LinearModel empty;
    Build(1, {}, {0}, {}, {}, &empty);
    return std::string(empty.image_.data(), (empty.image_.size() + 7) / 8 * 8);
  }
  // The image, with its zero padding to a multiple of 8 bytes.
  std::string out(image_);
  out.resize((out.size() + 7) / 8 * 8, '\0');
  return out;
}

std::string LinearModel::SerializeCompact() const {
  // Layout: varint classes, varint features; per feature a u64 key; per feature a varint row
  // length; per weight a varint class; per weight an f32. Columns compress better than rows.
  std::vector<uint64_t> keys;
  std::vector<uint32_t> lens;
  std::vector<uint16_t> cls_all;
  std::vector<float> w_all;
  ForEachRow([&](uint64_t key, const std::vector<uint16_t>& cls, const std::vector<float>& w) {
    keys.push_back(key);
    lens.push_back(static_cast<uint32_t>(cls.size()));
    cls_all.insert(cls_all.end(), cls.begin(), cls.end());
    w_all.insert(w_all.end(), w.begin(), w.end());
  });
  ByteWriter w;
  w.Var(std::max<uint32_t>(num_classes_, 1));
  w.Var(keys.size());
  for (uint64_t k : keys) w.U64(k);
  for (uint32_t n : lens) w.Var(n);
  for (uint16_t c : cls_all) w.Var(c);
  for (float x : w_all) w.F32(x);
  return w.Take();
}

bool LinearModel::Deserialize(std::string_view bytes, LinearModel* out,
                              std::shared_ptr<const void> owner) {
  if (!bytes.empty() && bytes[0] == '\0') {
    // The in-memory layout (a compact one starts with a non-zero class count). Its size is the
    // layout's plus zero padding to a multiple of 8.
    if (bytes.size() < kHeaderBytes || bytes.size() % 8 != 0) return false;
    const char* p = bytes.data();
    const uint64_t num_slots = Get64(p + 32), num_dense = Get64(p + 40);
    const uint64_t num_entries = Get64(p + 48);
    const uint64_t avail = bytes.size() - kHeaderBytes;
    if (num_slots > avail / kSlotBytes || num_dense > avail / 4 ||
        num_entries > avail / kEntryBytes) {
      return false;
    }
    const uint64_t size =
        kHeaderBytes + num_slots * kSlotBytes + num_dense * 4 + num_entries * kEntryBytes;
    if (size > bytes.size() || bytes.size() - size >= 8) return false;
    for (uint64_t i = size; i < bytes.size(); ++i) {
      if (bytes[i] != '\0') return false;
    }
    std::string_view image = bytes.substr(0, size);
    if (!owner || reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {
      owner = AlignedCopy(image, &image);
    }
    LinearModel m;
    if (!m.Attach(image, std::move(owner), true)) return false;
    *out = std::move(m);
    return true;
  }
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
  std::vector<uint16_t> classes(total);
  std::vector<float> weights(total);
  for (uint64_t i = 0; i < total; ++i) {
    uint64_t c = r.Var();
    if (c >= num_classes) return false;
    classes[i] = static_cast<uint16_t>(c);
  }
  for (uint64_t i = 0; i < total; ++i) {
    weights[i] = r.F32();
    if (!std::isfinite(weights[i])) return false;
  }
  if (!r.ok() || !r.AtEnd()) return false;
  // Duplicate keys: not a model this code wrote.
  return Build(static_cast<uint32_t>(num_classes), keys, row_begin, classes, weights, out);
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
