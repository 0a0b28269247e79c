#include "learn/flat_table.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "learn/random.h"
#include "learn/string_map.h"

namespace kroniek::learn {
namespace {

// Bytes in 8-byte aligned memory that outlives the views into it.
std::shared_ptr<const void> Aligned(const std::string& bytes, std::string_view* view) {
  std::shared_ptr<uint64_t[]> buf(new uint64_t[bytes.size() / 8 + 1]);
  std::memcpy(buf.get(), bytes.data(), bytes.size());
  *view = std::string_view(reinterpret_cast<const char*>(buf.get()), bytes.size());
  return buf;
}

FlatTable<uint32_t> Sample(std::vector<std::pair<uint64_t, uint32_t>>* entries) {
  Rng rng(3);
  for (uint32_t i = 0; i < 1000; ++i) {
    entries->emplace_back((uint64_t{rng.Below(1u << 30)} << 32) | i, i * 7);
  }
  entries->emplace_back(0, 99);  // any key, 0 included
  return FlatTable<uint32_t>::Build(*entries);
}

TEST(FlatTableTest, FindsEveryKeyAndNothingElse) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  FlatTable<uint32_t> t = Sample(&entries);
  EXPECT_EQ(t.size(), entries.size());
  for (const auto& [k, v] : entries) {
    ASSERT_NE(t.find(k), nullptr) << k;
    EXPECT_EQ(*t.find(k), v);
  }
  EXPECT_EQ(t.find(12345), nullptr);
  EXPECT_EQ(FlatTable<uint32_t>().find(0), nullptr);
  EXPECT_EQ(FlatTable<uint32_t>::Build({}).find(0), nullptr);
}

TEST(FlatTableTest, ReadsInPlaceAndByCopy) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  std::string bytes;
  Sample(&entries).AppendTo(&bytes);
  std::string_view view;
  auto owner = Aligned(bytes, &view);
  for (bool in_place : {true, false}) {
    FlatTable<uint32_t> t;
    size_t pos = 0;
    ASSERT_TRUE(FlatTable<uint32_t>::ReadFrom(view, &pos, &t, in_place ? owner : nullptr));
    EXPECT_EQ(pos, bytes.size());
    // In place: the keys are the bytes given, not a copy.
    const char* keys = reinterpret_cast<const char*>(t.keys().data());
    EXPECT_EQ(keys >= view.data() && keys < view.data() + view.size(), in_place);
    for (const auto& [k, v] : entries) ASSERT_EQ(*t.find(k), v);
  }
}

TEST(FlatTableTest, DamagedBytesAreRefused) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  std::string bytes;
  Sample(&entries).AppendTo(&bytes);
  for (size_t n = 0; n < bytes.size(); n += 8) {
    FlatTable<uint32_t> t;
    size_t pos = 0;
    EXPECT_FALSE(FlatTable<uint32_t>::ReadFrom(bytes.substr(0, n), &pos, &t, nullptr)) << n;
  }
  // A bucket start past the end would send a lookup out of the table: refused at load.
  for (size_t at : {size_t{8 + 24}, size_t{8 + 24 + 4 * 20}}) {
    std::string bad = bytes;
    uint32_t big = 0x7fffffff;
    std::memcpy(&bad[at], &big, 4);
    FlatTable<uint32_t> t;
    size_t pos = 0;
    EXPECT_FALSE(FlatTable<uint32_t>::ReadFrom(bad, &pos, &t, nullptr)) << at;
  }
  // Any flipped byte: refused, or a table whose lookups stay in bounds.
  for (size_t i = 0; i < 8 + 24 + 64; ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0xff);
    FlatTable<uint32_t> t;
    size_t pos = 0;
    if (FlatTable<uint32_t>::ReadFrom(bad, &pos, &t, nullptr)) {
      for (const auto& [k, v] : entries) (void)t.find(k);
    }
  }
}

TEST(StringMapTest, FindsExactKeysBeforeAndAfterFreezing) {
  StringMap m;
  m.Insert("loopt\tWW|pv", "lopen");
  m.Insert("loopt\tWW|pv", "ignored");  // the first value stays
  m.Insert("huis", "");
  m.Insert("", "leeg");
  for (int frozen = 0; frozen < 2; ++frozen) {
    if (frozen) {
      ASSERT_TRUE(m.Freeze());
    }
    EXPECT_EQ(m.size(), 3u);
    EXPECT_EQ(m.Find("loopt\tWW|pv").value(), "lopen");
    EXPECT_TRUE(m.Contains("huis"));
    EXPECT_EQ(m.Find("huis").value(), "");
    EXPECT_EQ(m.Find("").value(), "leeg");
    EXPECT_FALSE(m.Contains("hui"));
    EXPECT_FALSE(m.Contains("huizen"));
    EXPECT_FALSE(m.Contains("loopt"));
  }
  auto e = m.Entries();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].first, "");
  EXPECT_EQ(e[2].second, "lopen");
}

TEST(StringMapTest, RoundTripAndDamage) {
  StringMap m;
  for (int i = 0; i < 500; ++i) m.Insert("woord" + std::to_string(i), "lemma" + std::to_string(i));
  ASSERT_TRUE(m.Freeze());
  std::string bytes;
  m.AppendTo(&bytes);
  std::string_view view;
  auto owner = Aligned(bytes, &view);
  StringMap back;
  size_t pos = 0;
  ASSERT_TRUE(StringMap::ReadFrom(view, &pos, &back, owner));
  EXPECT_EQ(pos, bytes.size());
  EXPECT_EQ(back.size(), 500u);
  EXPECT_EQ(back.Find("woord17").value(), "lemma17");
  EXPECT_FALSE(back.Contains("woord500"));
  for (size_t n = 0; n < bytes.size(); n += 8) {
    StringMap x;
    size_t p = 0;
    EXPECT_FALSE(StringMap::ReadFrom(bytes.substr(0, n), &p, &x, nullptr)) << n;
  }
  // Adding to a loaded map makes it mutable again, with everything it had.
  back.Insert("nieuw", "woord");
  EXPECT_EQ(back.Find("woord3").value(), "lemma3");
  EXPECT_EQ(back.Find("nieuw").value(), "woord");
}

}  // namespace
}  // namespace kroniek::learn
