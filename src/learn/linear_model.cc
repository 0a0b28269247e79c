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
inline uint64_t Mix(uint64_t key) { return (key ^ (key >> 29)) * 0xbf58476d1ce4e5b9ULL; }

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
uint64_t Pad8(uint64_t n) { return (n + 7) / 8 * 8; }

constexpr size_t kHeaderBytes = 64;

// The current in-memory layout (docs/formats/model-file.md, "LINM"): a 64-byte header; the
// bucket starts; the records (u64 key, u32 begin); the rows of packed entries, where a dense row
// is a marker entry followed by C f32 weights.
constexpr char kMarker[8] = {'\0', 'K', 'L', 'I', 'N', 'F', 'L', '2'};
constexpr size_t kRecordBytes = 12;
// The scale is 2^e with e in this range: normal floats, and no dequantised weight overflows
// (|q| < 2^31, 2^31 * 2^96 < FLT_MAX).
constexpr int kMinExponent = -126;
constexpr int kMaxExponent = 96;

// The first in-memory layout (format 2 before quantisation): a 64-byte header, 16-byte slots
// (u64 key, u32 begin, u32 end), the dense rows, 6-byte entries (u16 class, f32 weight).
constexpr char kMarkerV1[8] = {'\0', 'K', 'L', 'I', 'N', 'F', 'L', '1'};
constexpr size_t kSlotBytesV1 = 16;
constexpr size_t kEntryBytesV1 = 6;
constexpr uint32_t kDenseV1 = 0xffffffffu;

// The bits of a class (the all-ones class, a dense row's marker, is none) for C classes.
uint32_t ClassBits(uint32_t num_classes) {
  return static_cast<uint32_t>(std::bit_width(num_classes));
}
// The largest |q| of a weight: at most 24 bits with the sign (so q is exact in a float).
int64_t MaxQuant(uint32_t class_bits) {
  const uint32_t bits = std::min<uint32_t>(32 - class_bits, 24);
  return (int64_t{1} << (bits - 1)) - 1;
}

uint32_t BucketBits(uint64_t nf) {
  uint32_t bits = 1;
  while (bits < 31 && (uint64_t{1} << bits) < nf / 4) ++bits;
  return bits;
}

// Byte offsets of the arrays of the current layout, from its header fields (which the caller
// has bounded, so nothing overflows).
struct Offsets {
  uint64_t records, entries, size;
};
Offsets LayoutOffsets(uint32_t bucket_bits, uint64_t nf, uint64_t num_entries) {
  Offsets o;
  o.records = kHeaderBytes + Pad8(((uint64_t{1} << bucket_bits) + 1) * 4);
  o.entries = o.records + Pad8((nf + 1) * kRecordBytes);
  o.size = o.entries + num_entries * 4;
  return o;
}

// 8-byte aligned storage for a layout the model owns.
std::shared_ptr<const void> AlignedCopy(std::string_view bytes, std::string_view* view) {
  std::shared_ptr<uint64_t[]> buf(new uint64_t[(bytes.size() + 7) / 8 + 1]);
  if (!bytes.empty()) std::memcpy(buf.get(), bytes.data(), bytes.size());
  *view = std::string_view(reinterpret_cast<const char*>(buf.get()), bytes.size());
  return buf;
}

// Rows of the first in-memory layout, checked (every offset in range, every class < C, every
// weight finite), in key order. False when the bytes are not such a layout.
bool ReadRowsV1(std::string_view bytes, uint32_t* num_classes, std::vector<uint64_t>* keys,
                std::vector<uint32_t>* row_begin, std::vector<uint16_t>* classes,
                std::vector<float>* weights) {
  if (bytes.size() < kHeaderBytes || bytes.size() % 8 != 0 ||
      std::memcmp(bytes.data(), kMarkerV1, 8) != 0) {
    return false;
  }
  const char* p = bytes.data();
  const uint32_t nc = Get32(p + 8);
  const uint64_t nf = Get64(p + 16), num_slots = Get64(p + 32);
  const uint64_t num_dense = Get64(p + 40), num_entries = Get64(p + 48);
  const uint64_t avail = bytes.size() - kHeaderBytes;
  if (nc == 0 || nc > 65535 || Get32(p + 12) != 0 || Get64(p + 56) != 0 ||
      num_slots > avail / kSlotBytesV1 || num_dense > avail / 4 ||
      num_entries > avail / kEntryBytesV1 || nf >= num_slots || num_dense % nc != 0) {
    return false;
  }
  const uint64_t size =
      kHeaderBytes + num_slots * kSlotBytesV1 + num_dense * 4 + num_entries * kEntryBytesV1;
  if (size > bytes.size() || bytes.size() - size >= 8) return false;
  for (uint64_t i = size; i < bytes.size(); ++i) {
    if (bytes[i] != '\0') return false;
  }
  const char* slots = p + kHeaderBytes;
  const char* dense = slots + num_slots * kSlotBytesV1;
  const char* entries = dense + num_dense * 4;
  std::vector<std::pair<uint64_t, uint64_t>> order;  // key, slot
  for (uint64_t s = 0; s < num_slots; ++s) {
    const uint64_t key = Get64(slots + s * kSlotBytesV1);
    if (key == 0) continue;
    const uint32_t b = Get32(slots + s * kSlotBytesV1 + 8),
                   e = Get32(slots + s * kSlotBytesV1 + 12);
    if (e == kDenseV1 ? (num_dense < nc || b > num_dense - nc) : (b > e || e > num_entries)) {
      return false;
    }
    order.emplace_back(key, s);
  }
  if (order.size() != nf) return false;
  std::sort(order.begin(), order.end());
  *num_classes = nc;
  keys->clear();
  row_begin->assign(1, 0);
  classes->clear();
  weights->clear();
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && order[i].first == order[i - 1].first) return false;
    const char* slot = slots + order[i].second * kSlotBytesV1;
    const uint32_t b = Get32(slot + 8), e = Get32(slot + 12);
    if (e == kDenseV1) {
      for (uint32_t c = 0; c < nc; ++c) {
        float w;
        std::memcpy(&w, dense + (uint64_t{b} + c) * 4, 4);
        if (!std::isfinite(w)) return false;
        if (w == 0.0f) continue;
        classes->push_back(static_cast<uint16_t>(c));
        weights->push_back(w);
      }
    } else {
      for (uint32_t k = b; k < e; ++k) {
        uint16_t c;
        float w;
        std::memcpy(&c, entries + uint64_t{k} * kEntryBytesV1, 2);
        std::memcpy(&w, entries + uint64_t{k} * kEntryBytesV1 + 2, 4);
        if (c >= nc || !std::isfinite(w)) return false;
        classes->push_back(c);
        weights->push_back(w);
      }
    }
    keys->push_back(order[i].first);
    row_begin->push_back(static_cast<uint32_t>(classes->size()));
  }
  return true;
}

}  // namespace

bool LinearModel::Build(uint32_t num_classes, const std::vector<uint64_t>& keys,
                        const std::vector<uint32_t>& row_begin,
                        const std::vector<uint16_t>& classes, const std::vector<float>& weights,
                        LinearModel* out) {
  if (num_classes == 0 || num_classes > 65535) return false;
  const uint64_t nf_in = keys.size();
  const uint32_t class_bits = ClassBits(num_classes);
  const uint32_t class_mask = (uint32_t{1} << class_bits) - 1;
  const int64_t max_q = MaxQuant(class_bits);
  const uint32_t dense_min = std::max<uint32_t>(16, num_classes / 8);
  // Which rows are dense, and the largest sparse weight (for the scale).
  std::vector<char> dense_row(nf_in, 0);
  uint64_t num_dense_rows = 0;
  double max_abs = 0.0;
  for (uint64_t i = 0; i < nf_in; ++i) {
    if (keys[i] == 0) return false;
    const uint32_t b = row_begin[i], e = row_begin[i + 1];
    if (e - b >= dense_min) {
      dense_row[i] = 1;
      ++num_dense_rows;
    } else {
      for (uint32_t k = b; k < e; ++k) max_abs = std::max(max_abs, std::fabs(double{weights[k]}));
    }
    for (uint32_t k = b; k < e; ++k) {
      if (classes[k] >= num_classes || !std::isfinite(weights[k])) return false;
    }
  }
  // The scale 2^e: the smallest e with max_abs <= max_q * 2^e (so that the exponent of a
  // dequantised model is the same again, and a round trip through floats is exact).
  int exponent = kMinExponent;
  while (exponent < kMaxExponent && max_abs > std::ldexp(static_cast<double>(max_q), exponent)) {
    ++exponent;
  }
  // Quantised sparse rows; rows whose weights all round to 0 are dropped.
  std::vector<uint32_t> packed;
  std::vector<uint32_t> packed_begin(nf_in + 1, 0);
  uint64_t num_weights = 0;
  for (uint64_t i = 0; i < nf_in; ++i) {
    const uint32_t b = row_begin[i], e = row_begin[i + 1];
    if (!dense_row[i]) {
      for (uint32_t k = b; k < e; ++k) {
        double q = std::nearbyint(std::ldexp(static_cast<double>(weights[k]), -exponent));
        q = std::clamp(q, -static_cast<double>(max_q), static_cast<double>(max_q));
        if (q == 0.0) continue;
        packed.push_back((static_cast<uint32_t>(static_cast<int32_t>(q)) << class_bits) |
                         classes[k]);
      }
    } else {
      num_weights += e - b;
    }
    packed_begin[i + 1] = static_cast<uint32_t>(packed.size());
  }
  num_weights += packed.size();
  // Row order: by bucket, then key.
  const uint64_t nf_rows = nf_in;
  std::vector<uint64_t> order;
  order.reserve(nf_rows);
  for (uint64_t i = 0; i < nf_rows; ++i) {
    if (dense_row[i] || packed_begin[i + 1] > packed_begin[i]) order.push_back(i);
  }
  const uint64_t nf = order.size();
  const uint32_t bucket_bits = BucketBits(nf);
  const int shift = 64 - static_cast<int>(bucket_bits);
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) {
    const uint64_t ba = Mix(keys[a]) >> shift, bb = Mix(keys[b]) >> shift;
    return ba != bb ? ba < bb : keys[a] < keys[b];
  });
  for (uint64_t i = 1; i < nf; ++i) {
    if (keys[order[i]] == keys[order[i - 1]]) return false;  // a key given twice
  }
  const uint64_t num_entries = packed.size() + num_dense_rows * (uint64_t{num_classes} + 1);
  if (nf >= 0xffffffffu || num_entries > 0xffffffffu) return false;
  const Offsets o = LayoutOffsets(bucket_bits, nf, num_entries);
  const uint64_t padded = Pad8(o.size);
  std::shared_ptr<uint64_t[]> buf(new uint64_t[padded / 8]());
  char* base = reinterpret_cast<char*>(buf.get());
  uint32_t* starts = reinterpret_cast<uint32_t*>(base + kHeaderBytes);
  char* records = base + o.records;
  uint32_t* entries = reinterpret_cast<uint32_t*>(base + o.entries);
  const uint64_t nb = uint64_t{1} << bucket_bits;
  uint64_t at = 0, entry_at = 0;
  for (uint64_t bucket = 0; bucket < nb; ++bucket) {
    starts[bucket] = static_cast<uint32_t>(at);
    while (at < nf && (Mix(keys[order[at]]) >> shift) == bucket) {
      const uint64_t i = order[at];
      const uint32_t begin = static_cast<uint32_t>(entry_at);
      std::memcpy(records + at * kRecordBytes, &keys[i], 8);
      std::memcpy(records + at * kRecordBytes + 8, &begin, 4);
      if (dense_row[i]) {
        entries[entry_at++] = class_mask;
        for (uint32_t k = row_begin[i]; k < row_begin[i + 1]; ++k) {
          std::memcpy(&entries[entry_at + classes[k]], &weights[k], 4);
        }
        entry_at += num_classes;
      } else {
        for (uint32_t k = packed_begin[i]; k < packed_begin[i + 1]; ++k) {
          entries[entry_at++] = packed[k];
        }
      }
      ++at;
    }
  }
  starts[nb] = static_cast<uint32_t>(nf);
  const uint32_t end = static_cast<uint32_t>(entry_at);
  std::memcpy(records + nf * kRecordBytes + 8, &end, 4);  // the sentinel record (key 0)
  std::memcpy(base, kMarker, 8);
  const int32_t e32 = exponent;
  std::memcpy(base + 8, &num_classes, 4);
  std::memcpy(base + 12, &class_bits, 4);
  std::memcpy(base + 16, &e32, 4);
  std::memcpy(base + 20, &bucket_bits, 4);
  const uint64_t counts[4] = {nf, num_weights, num_dense_rows, num_entries};
  std::memcpy(base + 24, counts, 32);
  LinearModel m;
  if (!m.Attach(std::string_view(base, o.size), std::move(buf), false)) return false;
  *out = std::move(m);
  return true;
}

bool LinearModel::Attach(std::string_view image, std::shared_ptr<const void> owner, bool check) {
  if (image.size() < kHeaderBytes || std::memcmp(image.data(), kMarker, 8) != 0) return false;
  const char* p = image.data();
  const uint32_t num_classes = Get32(p + 8), class_bits = Get32(p + 12);
  int32_t exponent;
  std::memcpy(&exponent, p + 16, 4);
  const uint32_t bucket_bits = Get32(p + 20);
  const uint64_t nf = Get64(p + 24), nw = Get64(p + 32);
  const uint64_t num_dense_rows = Get64(p + 40), num_entries = Get64(p + 48);
  if (check) {
    const uint64_t avail = image.size() - kHeaderBytes;
    if (num_classes == 0 || num_classes > 65535 || class_bits != ClassBits(num_classes) ||
        exponent < kMinExponent || exponent > kMaxExponent || bucket_bits < 1 || bucket_bits > 31 ||
        Get64(p + 56) != 0 || nf >= avail / kRecordBytes || num_entries > avail / 4 ||
        num_entries > 0xffffffffu || (uint64_t{1} << bucket_bits) > avail / 4) {
      return false;
    }
    if (LayoutOffsets(bucket_bits, nf, num_entries).size != image.size()) return false;
  }
  const Offsets o = LayoutOffsets(bucket_bits, nf, num_entries);
  const uint32_t* starts = reinterpret_cast<const uint32_t*>(p + kHeaderBytes);
  const char* records = p + o.records;
  const uint32_t* entries = reinterpret_cast<const uint32_t*>(p + o.entries);
  const uint32_t class_mask = (uint32_t{1} << class_bits) - 1;
  if (check) {
    // Every offset in range, so that lookups need no checks: bucket starts from 0 to F, never
    // decreasing; row begins from 0 to E, increasing (no empty row); a row that starts with the
    // dense marker is that and C finite f32, any other row's classes are < C. This reads the
    // whole section once.
    const uint64_t nb = uint64_t{1} << bucket_bits;
    bool bad = starts[0] != 0 || starts[nb] != nf;
    for (uint64_t b = 0; b < nb; ++b) bad |= starts[b] > starts[b + 1];
    bad |= Get32(records + 8) != 0 || Get32(records + nf * kRecordBytes + 8) != num_entries ||
           Get64(records + nf * kRecordBytes) != 0 || (nf > 0 && num_entries == 0);
    if (bad) return false;
    // One pass over the records: row begins increasing (each row in [0, E), not empty), and
    // the dense rows (few), each the marker and C words. (An entry is read at a begin clamped
    // to E - 1, so that the pass is safe before it knows the begins are in range.)
    std::vector<uint32_t> dense_at;
    uint64_t dense_rows = 0;
    const uint64_t last = num_entries > 0 ? num_entries - 1 : 0;
    for (uint64_t i = 0; i < nf; ++i) {
      const uint32_t b = Get32(records + i * kRecordBytes + 8);
      const uint32_t e = Get32(records + (i + 1) * kRecordBytes + 8);
      bad |= b >= e;
      const bool dense = entries[std::min<uint64_t>(b, last)] == class_mask;
      dense_rows += dense;
      bad |= dense & (e - b != num_classes + 1);
      if (__builtin_expect(dense, 0)) dense_at.push_back(b);
    }
    if (bad || dense_rows != num_dense_rows) return false;
    // Every other word, between the dense rows, is a class < C (a max, which vectorises); the
    // dense weights are finite.
    uint32_t max_class = 0, non_finite = 0;
    uint64_t from = 0;
    for (uint64_t d = 0; d <= dense_at.size(); ++d) {
      const uint64_t to = d < dense_at.size() ? dense_at[d] : num_entries;
      for (uint64_t k = from; k < to; ++k) max_class = std::max(max_class, entries[k] & class_mask);
      if (d == dense_at.size()) break;
      for (uint64_t k = to + 1; k <= to + num_classes; ++k) {
        non_finite += (entries[k] & 0x7f800000u) == 0x7f800000u;
      }
      from = to + 1 + num_classes;
    }
    bad |= max_class >= num_classes || non_finite != 0;
    if (bad) return false;
  }
  num_classes_ = num_classes;
  num_features_ = nf;
  num_weights_ = nw;
  image_ = image;
  starts_ = starts;
  bucket_shift_ = 64 - static_cast<int>(bucket_bits);
  records_ = records;
  entries_ = entries;
  class_bits_ = class_bits;
  class_mask_ = class_mask;
  scale_ = std::ldexp(1.0f, exponent);
  owner_ = std::move(owner);
  return true;
}

void LinearModel::AddScores(std::span<const uint64_t> keys, float* scores) const {
  if (num_features_ == 0) return;
  constexpr size_t kBatch = 16;
  uint64_t bucket[kBatch];
  uint32_t lo[kBatch], hi[kBatch], row_b[kBatch], row_e[kBatch];
  const float scale = scale_;
  const uint32_t mask = class_mask_;
  const uint32_t cb = class_bits_;
  for (size_t base = 0; base < keys.size(); base += kBatch) {
    const size_t n = std::min(kBatch, keys.size() - base);
    // Passes so that the cache misses of a batch overlap: issue the loads of the bucket
    // starts; then of the buckets' records; then find the rows and issue the loads of their
    // entries; then add the rows (in key order, so the sums are those of one pass).
    for (size_t i = 0; i < n; ++i) {
      bucket[i] = Mix(FixKey(keys[base + i])) >> bucket_shift_;
      __builtin_prefetch(&starts_[bucket[i]]);
    }
    for (size_t i = 0; i < n; ++i) {
      lo[i] = starts_[bucket[i]];
      hi[i] = starts_[bucket[i] + 1];
      __builtin_prefetch(records_ + uint64_t{lo[i]} * kRecordBytes);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t k = FixKey(keys[base + i]);
      for (uint32_t r = lo[i]; r < hi[i]; ++r) {
        const char* rec = records_ + uint64_t{r} * kRecordBytes;
        if (Get64(rec) == k) {
          row_b[m] = Get32(rec + 8);
          row_e[m] = Get32(rec + kRecordBytes + 8);
          __builtin_prefetch(entries_ + row_b[m]);
          ++m;
          break;
        }
      }
    }
    for (size_t i = 0; i < m; ++i) {
      if (entries_[row_b[i]] == mask) {
        const float* d = reinterpret_cast<const float*>(entries_ + row_b[i] + 1);
        for (uint32_t c = 0; c < num_classes_; ++c) scores[c] += d[c];
      } else {
        for (uint32_t e = row_b[i]; e < row_e[i]; ++e) {
          const uint32_t x = entries_[e];
          scores[x & mask] += static_cast<float>(static_cast<int32_t>(x) >> cb) * scale;
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
  std::vector<std::pair<uint64_t, uint64_t>> order;  // key, record
  order.reserve(num_features_);
  for (uint64_t i = 0; i < num_features_; ++i)
    order.emplace_back(Get64(records_ + i * kRecordBytes), i);
  std::sort(order.begin(), order.end());
  std::vector<uint16_t> cls;
  std::vector<float> w;
  for (const auto& [key, i] : order) {
    const uint32_t b = Get32(records_ + i * kRecordBytes + 8);
    const uint32_t e = Get32(records_ + (i + 1) * kRecordBytes + 8);
    cls.clear();
    w.clear();
    if (entries_[b] == class_mask_) {
      const float* d = reinterpret_cast<const float*>(entries_ + b + 1);
      for (uint32_t c = 0; c < num_classes_; ++c) {
        if (d[c] != 0.0f) {
          cls.push_back(static_cast<uint16_t>(c));
          w.push_back(d[c]);
        }
      }
    } else {
      for (uint32_t k = b; k < e; ++k) {
        cls.push_back(static_cast<uint16_t>(entries_[k] & class_mask_));
        w.push_back(static_cast<float>(static_cast<int32_t>(entries_[k]) >> class_bits_) * scale_);
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
    // An in-memory layout (a compact one starts with a non-zero class count): its size is the
    // layout's plus zero padding to a multiple of 8.
    if (bytes.size() < kHeaderBytes || bytes.size() % 8 != 0) return false;
    if (std::memcmp(bytes.data(), kMarkerV1, 8) == 0) {
      // The first in-memory layout: converted.
      uint32_t num_classes = 0;
      std::vector<uint64_t> keys;
      std::vector<uint32_t> row_begin;
      std::vector<uint16_t> classes;
      std::vector<float> weights;
      if (!ReadRowsV1(bytes, &num_classes, &keys, &row_begin, &classes, &weights)) return false;
      return Build(num_classes, keys, row_begin, classes, weights, out);
    }
    if (std::memcmp(bytes.data(), kMarker, 8) != 0) return false;
    const char* p = bytes.data();
    const uint32_t num_classes = Get32(p + 8), bucket_bits = Get32(p + 20);
    const uint64_t nf = Get64(p + 24), num_entries = Get64(p + 48);
    const uint64_t avail = bytes.size() - kHeaderBytes;
    if (num_classes == 0 || bucket_bits < 1 || bucket_bits > 31 || nf >= avail / kRecordBytes ||
        num_entries > avail / 4) {
      return false;
    }
    const uint64_t size = LayoutOffsets(bucket_bits, nf, num_entries).size;
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
