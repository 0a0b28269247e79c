#include "learn/linear_model.h"

#include <gtest/gtest.h>

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
  // An entry offset past the entries is refused: the first used slot's end set to 1000.
  std::string bad = bytes;
  for (size_t at = 64; at + 16 <= bytes.size(); at += 16) {
    uint64_t key;
    std::memcpy(&key, &bad[at], 8);
    if (key == 42) {
      uint32_t end = 1000;
      std::memcpy(&bad[at + 12], &end, 4);
    }
  }
  EXPECT_FALSE(LinearModel::Deserialize(bad, &m));
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
