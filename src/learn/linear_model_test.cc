#include "learn/linear_model.h"

#include <gtest/gtest.h>

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
