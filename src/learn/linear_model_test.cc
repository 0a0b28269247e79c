#include "learn/linear_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <memory>

#include "learn/features.h"
#include "learn/random.h"

namespace kroniek::learn {
namespace {

// A toy problem: the class is decided by one of several "word" features, with noise features.
struct Toy {
  std::vector<std::vector<uint64_t>> x;
  std::vector<uint32_t> y;
};

Toy MakeToy(uint64_t seed, size_t n) {
  Toy t;
  Rng rng(seed);
  for (size_t i = 0; i < n; ++i) {
    uint32_t cls = static_cast<uint32_t>(rng.Below(4));
    FeatureVector fv;
    fv.AddInt(1, cls * 10 + rng.Below(3));  // informative
    fv.AddInt(2, rng.Below(50));            // noise
    fv.Add(3, "bias");
    t.x.emplace_back(fv.keys().begin(), fv.keys().end());
    t.y.push_back(cls);
  }
  return t;
}

LinearModel TrainToy(const Toy& t, uint64_t seed) {
  PerceptronTrainer tr(4);
  Rng rng(seed);
  std::vector<size_t> order(t.x.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  float s[4];
  for (int epoch = 0; epoch < 5; ++epoch) {
    Shuffle(order, rng);
    for (size_t i : order) {
      std::fill(s, s + 4, 0.0f);
      tr.AddScores(t.x[i], s);
      tr.Update(t.x[i], t.y[i], LinearModel::ArgMax(s, 4));
      tr.NextExample();
    }
  }
  return tr.Average();
}

TEST(LinearModelTest, LearnsAndPredicts) {
  Toy train = MakeToy(1, 2000), test = MakeToy(2, 500);
  LinearModel m = TrainToy(train, 3);
  size_t ok = 0;
  for (size_t i = 0; i < test.x.size(); ++i) {
    float s[4] = {0, 0, 0, 0};
    m.AddScores(test.x[i], s);
    ok += LinearModel::ArgMax(s, 4) == test.y[i];
  }
  EXPECT_GT(ok, 490u);
}

TEST(LinearModelTest, TrainingIsDeterministicForASeed) {
  Toy train = MakeToy(1, 1000);
  EXPECT_EQ(TrainToy(train, 5).Serialize(), TrainToy(train, 5).Serialize());
  EXPECT_NE(TrainToy(train, 5).Serialize(), TrainToy(train, 6).Serialize());
}

TEST(LinearModelTest, SerializeRoundTripScoresIdentically) {
  Toy train = MakeToy(1, 1000);
  LinearModel m = TrainToy(train, 3);
  std::string bytes = m.Serialize();
  LinearModel back;
  ASSERT_TRUE(LinearModel::Deserialize(bytes, &back));
  EXPECT_EQ(back.num_features(), m.num_features());
  EXPECT_EQ(back.Serialize(), bytes);
  for (size_t i = 0; i < 100; ++i) {
    float a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
    m.AddScores(train.x[i], a);
    back.AddScores(train.x[i], b);
    for (int c = 0; c < 4; ++c) EXPECT_EQ(a[c], b[c]);
  }
  // Every truncation fails cleanly.
  for (size_t n = 0; n < bytes.size(); n += 7) {
    LinearModel x;
    EXPECT_FALSE(LinearModel::Deserialize(std::string_view(bytes).substr(0, n), &x)) << n;
  }
}

TEST(LinearModelTest, UnknownFeaturesAddNothing) {
  LinearModel m = LinearModel::FromRows(3, {42, 7}, {0, 2, 3}, {0, 2, 1}, {1.0f, -2.0f, 0.5f});
  float s[3] = {0, 0, 0};
  uint64_t keys[] = {42, 99, 7, 0};
  m.AddScores(keys, s);
  EXPECT_FLOAT_EQ(s[0], 1.0f);
  EXPECT_FLOAT_EQ(s[1], 0.5f);
  EXPECT_FLOAT_EQ(s[2], -2.0f);
}

TEST(LinearModelTest, InMemoryAndCompactLayoutsScoreIdentically) {
  Toy train = MakeToy(1, 1000);
  LinearModel m = TrainToy(train, 3);
  std::string flat = m.Serialize();
  std::string compact = m.SerializeCompact();
  EXPECT_EQ(flat[0], '\0');  // the in-memory layout
  EXPECT_NE(compact[0], '\0');
  LinearModel a, b;
  ASSERT_TRUE(LinearModel::Deserialize(flat, &a));
  ASSERT_TRUE(LinearModel::Deserialize(compact, &b));
  EXPECT_EQ(a.num_features(), b.num_features());
  EXPECT_EQ(a.num_weights(), b.num_weights());
  EXPECT_EQ(a.Serialize(), flat);  // each layout converts to the other without loss
  EXPECT_EQ(b.Serialize(), flat);
  EXPECT_EQ(a.SerializeCompact(), compact);
  Rng rng(5);
  for (size_t i = 0; i < train.x.size(); ++i) {
    std::vector<uint64_t> keys = train.x[i];
    keys.push_back(rng.Next());  // and an unknown feature
    float x[4] = {0, 0, 0, 0}, y[4] = {0, 0, 0, 0};
    a.AddScores(keys, x);
    b.AddScores(keys, y);
    for (int c = 0; c < 4; ++c) ASSERT_EQ(x[c], y[c]);
  }
}

TEST(LinearModelTest, UsedInPlaceWhenTheBytesHaveAnOwner) {
  // Dense rows (the bias) and sparse ones.
  std::vector<uint64_t> keys{5, 6};
  std::vector<uint32_t> rows{0, 20, 21};
  std::vector<uint16_t> cls;
  std::vector<float> w;
  for (uint16_t c = 0; c < 20; ++c) {
    cls.push_back(c);
    w.push_back(0.5f * c);
  }
  cls.push_back(3);
  w.push_back(-1.0f);
  std::string bytes = LinearModel::FromRows(20, keys, rows, cls, w).Serialize();
  std::shared_ptr<uint64_t[]> buf(new uint64_t[bytes.size() / 8]);
  std::memcpy(buf.get(), bytes.data(), bytes.size());
  std::string_view view(reinterpret_cast<const char*>(buf.get()), bytes.size());
  LinearModel m;
  ASSERT_TRUE(LinearModel::Deserialize(view, &m, buf));
  buf.reset();  // the model keeps the bytes alive
  float s[20] = {};
  uint64_t k[] = {5, 6, 7};
  m.AddScores(k, s);
  EXPECT_FLOAT_EQ(s[0], 0.0f);
  EXPECT_FLOAT_EQ(s[3], 0.5f);
  EXPECT_FLOAT_EQ(s[19], 9.5f);
}

TEST(LinearModelTest, DamagedInMemoryLayoutIsRefusedOrHarmless) {
  LinearModel m = LinearModel::FromRows(3, {42, 7}, {0, 2, 3}, {0, 2, 1}, {1.0f, -2.0f, 0.5f});
  std::string bytes = m.Serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    LinearModel x;
    EXPECT_FALSE(LinearModel::Deserialize(bytes.substr(0, n), &x)) << n;
  }
  EXPECT_FALSE(LinearModel::Deserialize(bytes + std::string(8, '\0'), &m));
  // Every flipped byte: refused, or a model whose lookups stay in bounds (run under ASan).
  int refused = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<uint8_t>(bad[i]) ^ mask);
      LinearModel x;
      if (!LinearModel::Deserialize(bad, &x)) {
        ++refused;
        continue;
      }
      std::vector<float> s(x.num_classes(), 0.0f);
      uint64_t k[] = {42, 7, 1, 2, 3};
      x.AddScores(k, s.data());
    }
  }
  EXPECT_GT(refused, 0);
  // A row begin past the entries is refused: the record of key 42 pointed at entry 1000.
  std::string bad = bytes;
  bool found = false;
  for (size_t at = 64; at + 12 <= bytes.size(); at += 4) {
    uint64_t key;
    std::memcpy(&key, &bad[at], 8);
    if (key == 42) {
      uint32_t begin = 1000;
      std::memcpy(&bad[at + 8], &begin, 4);
      found = true;
      break;
    }
  }
  ASSERT_TRUE(found);
  EXPECT_FALSE(LinearModel::Deserialize(bad, &m));
}

// The first in-memory layout ("\0KLINFL1", docs/formats/model-file.md), written here by hand
// as that code wrote it: 16-byte slots by linear probing, dense rows, 6-byte entries.
std::string FirstInMemoryLayout(uint32_t num_classes, const std::vector<uint64_t>& keys,
                                const std::vector<uint32_t>& row_begin,
                                const std::vector<uint16_t>& classes,
                                const std::vector<float>& weights) {
  const uint64_t nf = keys.size();
  const uint64_t num_slots = std::max<uint64_t>(16, nf + nf / 2 + 1);
  const uint32_t dense_min = std::max<uint32_t>(16, num_classes / 8);
  std::vector<char> slots(num_slots * 16, '\0');
  std::string dense, entries;
  uint64_t num_dense = 0, num_entries = 0;
  for (uint64_t i = 0; i < nf; ++i) {
    uint64_t h = (keys[i] ^ (keys[i] >> 29)) * 0xbf58476d1ce4e5b9ULL;
    uint64_t s = static_cast<uint64_t>((static_cast<unsigned __int128>(h) * num_slots) >> 64);
    while (true) {
      uint64_t k;
      std::memcpy(&k, &slots[s * 16], 8);
      if (k == 0) break;
      if (++s == num_slots) s = 0;
    }
    uint32_t b, e;
    if (row_begin[i + 1] - row_begin[i] >= dense_min) {
      std::vector<float> row(num_classes, 0.0f);
      for (uint32_t k = row_begin[i]; k < row_begin[i + 1]; ++k) row[classes[k]] = weights[k];
      b = static_cast<uint32_t>(num_dense);
      e = 0xffffffffu;
      dense.append(reinterpret_cast<const char*>(row.data()), num_classes * 4);
      num_dense += num_classes;
    } else {
      b = static_cast<uint32_t>(num_entries);
      for (uint32_t k = row_begin[i]; k < row_begin[i + 1]; ++k, ++num_entries) {
        entries.append(reinterpret_cast<const char*>(&classes[k]), 2);
        entries.append(reinterpret_cast<const char*>(&weights[k]), 4);
      }
      e = static_cast<uint32_t>(num_entries);
    }
    std::memcpy(&slots[s * 16], &keys[i], 8);
    std::memcpy(&slots[s * 16 + 8], &b, 4);
    std::memcpy(&slots[s * 16 + 12], &e, 4);
  }
  std::string out("\0KLINFL1", 8);
  const uint32_t zero32 = 0;
  const uint64_t weights_n = weights.size(), zero64 = 0;
  out.append(reinterpret_cast<const char*>(&num_classes), 4);
  out.append(reinterpret_cast<const char*>(&zero32), 4);
  for (uint64_t v : {nf, weights_n, num_slots, num_dense, num_entries, zero64}) {
    out.append(reinterpret_cast<const char*>(&v), 8);
  }
  out.append(slots.data(), slots.size());
  out += dense;
  out += entries;
  out.resize((out.size() + 7) / 8 * 8, '\0');
  return out;
}

// Random rows over `num_classes` classes: some dense (>= 16 weights), most sparse, with weights
// over several orders of magnitude.
struct Rows {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> row_begin{0};
  std::vector<uint16_t> classes;
  std::vector<float> weights;
};
Rows RandomRows(uint32_t num_classes, size_t n, uint64_t seed) {
  Rows r;
  Rng rng(seed);
  for (size_t i = 0; i < n; ++i) {
    r.keys.push_back(rng.Next() | 1);
    const uint32_t len =
        std::min<uint32_t>(num_classes, i % 50 == 0 ? 20 : 1 + static_cast<uint32_t>(rng.Below(4)));
    std::vector<uint16_t> cls;
    while (cls.size() < len) {
      uint16_t c = static_cast<uint16_t>(rng.Below(num_classes));
      if (std::find(cls.begin(), cls.end(), c) == cls.end()) cls.push_back(c);
    }
    std::sort(cls.begin(), cls.end());
    for (uint16_t c : cls) {
      const double mag = std::pow(10.0, static_cast<double>(rng.Below(1000)) / 250.0 - 3.0);
      r.classes.push_back(c);
      r.weights.push_back(static_cast<float>(rng.Below(2) ? mag : -mag));
    }
    r.row_begin.push_back(static_cast<uint32_t>(r.classes.size()));
  }
  return r;
}

// Each feature's scores, one at a time, against its weights: the largest difference.
float MaxScoreError(const LinearModel& m, const Rows& r, uint32_t num_classes) {
  float worst = 0.0f;
  std::vector<float> s(num_classes);
  for (size_t i = 0; i < r.keys.size(); ++i) {
    std::fill(s.begin(), s.end(), 0.0f);
    uint64_t k[] = {r.keys[i]};
    m.AddScores(k, s.data());
    std::vector<float> want(num_classes, 0.0f);
    for (uint32_t e = r.row_begin[i]; e < r.row_begin[i + 1]; ++e)
      want[r.classes[e]] = r.weights[e];
    for (uint32_t c = 0; c < num_classes; ++c) worst = std::max(worst, std::fabs(s[c] - want[c]));
  }
  return worst;
}

TEST(LinearModelTest, QuantisationErrorIsBounded) {
  // Sparse weights keep min(32 - bits of C, 24) bits with the sign: the error of a weight is at
  // most half of the scale, a power of two below 2 * max|w| / (2^(bits - 1) - 1).
  for (uint32_t nc : {2u, 40u, 379u, 65535u}) {
    const size_t n = nc > 1000 ? 300 : 3000;
    Rows r = RandomRows(nc, n, nc);
    float max_abs = 0.0f;
    for (float w : r.weights) max_abs = std::max(max_abs, std::fabs(w));
    const int bits = std::min(32 - static_cast<int>(std::bit_width(nc)), 24);
    const float bound = max_abs / static_cast<float>((1 << (bits - 1)) - 1);
    LinearModel m = LinearModel::FromRows(nc, r.keys, r.row_begin, r.classes, r.weights);
    EXPECT_EQ(m.num_features(), n) << nc;  // (no row rounds to nothing here)
    const float err = MaxScoreError(m, r, nc);
    EXPECT_LE(err, bound) << nc;
    EXPECT_GT(err, 0.0f) << nc;  // (it is quantised)
    // Round trips through the layout and the compact one change nothing.
    LinearModel back, compact;
    ASSERT_TRUE(LinearModel::Deserialize(m.Serialize(), &back));
    ASSERT_TRUE(LinearModel::Deserialize(m.SerializeCompact(), &compact));
    EXPECT_EQ(back.Serialize(), m.Serialize());
    EXPECT_EQ(compact.Serialize(), m.Serialize());
  }
}

TEST(LinearModelTest, FirstInMemoryLayoutStillLoads) {
  const uint32_t nc = 40;
  Rows r = RandomRows(nc, 2000, 7);
  std::string old = FirstInMemoryLayout(nc, r.keys, r.row_begin, r.classes, r.weights);
  LinearModel m, direct;
  ASSERT_TRUE(LinearModel::Deserialize(old, &m));
  EXPECT_EQ(m.num_classes(), nc);
  direct = LinearModel::FromRows(nc, r.keys, r.row_begin, r.classes, r.weights);
  EXPECT_EQ(m.Serialize(), direct.Serialize());  // converted to the current layout
  EXPECT_NE(m.Serialize().substr(0, 8), old.substr(0, 8));
  float max_abs = 0.0f;
  for (float w : r.weights) max_abs = std::max(max_abs, std::fabs(w));
  EXPECT_LE(MaxScoreError(m, r, nc), max_abs / static_cast<float>((1 << 23) - 1));
  // Damaged old layouts: refused or harmless; a slot's end past the entries is refused.
  for (size_t n = 0; n < old.size(); n += 5) {
    LinearModel x;
    EXPECT_FALSE(LinearModel::Deserialize(std::string_view(old).substr(0, n), &x)) << n;
  }
  std::string bad = old;
  for (size_t at = 64; at + 16 <= 64 + 16 * 3001; at += 16) {
    uint64_t key;
    uint32_t end;
    std::memcpy(&key, &bad[at], 8);
    std::memcpy(&end, &bad[at + 12], 4);
    if (key != 0 && end != 0xffffffffu) {
      end = 1u << 30;
      std::memcpy(&bad[at + 12], &end, 4);
      break;
    }
  }
  LinearModel x;
  EXPECT_FALSE(LinearModel::Deserialize(bad, &x));
}

TEST(LinearModelTest, AveragingDampsLateUpdates) {
  PerceptronTrainer tr(2);
  uint64_t f[] = {123};
  // 9 examples with no update, then one update: the average weight is 1/10 of the final one.
  for (int i = 0; i < 9; ++i) tr.NextExample();
  tr.Update(f, 1, 0);
  tr.NextExample();
  LinearModel m = tr.Average();
  float s[2] = {0, 0};
  m.AddScores(f, s);
  EXPECT_NEAR(s[1], 0.1f, 1e-6);
  EXPECT_NEAR(s[0], -0.1f, 1e-6);
}

TEST(RandomTest, ShuffleIsAPermutationAndSeeded) {
  std::vector<int> a(100), b;
  for (int i = 0; i < 100; ++i) a[i] = i;
  b = a;
  Rng r1(9), r2(9);
  Shuffle(a, r1);
  Shuffle(b, r2);
  EXPECT_EQ(a, b);
  std::vector<int> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_NE(a[0] * 1000 + a[1], 1);  // not the identity (for this seed)
  Rng r(1);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.Below(7), 7u);
}

}  // namespace
}  // namespace kroniek::learn
