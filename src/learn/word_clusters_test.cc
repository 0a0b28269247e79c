#include "learn/word_clusters.h"

#include <gtest/gtest.h>

#include "learn/random.h"

namespace kroniek::learn {
namespace {

// A toy language: determiner noun verb [adverb], words drawn at random from each class.
std::vector<std::vector<std::string>> ToyText() {
  const std::vector<std::string> det = {"de", "het", "een", "deze"};
  const std::vector<std::string> noun = {"kat", "hond", "vogel", "vis", "koe", "paard"};
  const std::vector<std::string> verb = {"slaapt", "rent", "eet", "zwemt", "springt"};
  const std::vector<std::string> adv = {"snel", "traag", "vaak", "nooit"};
  Rng rng(5);
  std::vector<std::vector<std::string>> text;
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> s = {det[rng.Below(det.size())], noun[rng.Below(noun.size())],
                                  verb[rng.Below(verb.size())]};
    if (rng.Below(2)) s.push_back(adv[rng.Below(adv.size())]);
    text.push_back(std::move(s));
  }
  text.push_back({"zeldzaam"});  // below the minimum count
  return text;
}

TEST(WordClustersTest, GroupsWordsThatShareContexts) {
  ClusterOptions o;
  o.classes = 6;  // the four word classes, the sentence boundary and the rare words
  o.iterations = 10;
  WordClusters c = WordClusters::Train(ToyText(), o);
  EXPECT_EQ(c.classes(), 6u);
  EXPECT_EQ(c.size(), 19u);
  EXPECT_EQ(c.Find("zeldzaam"), -1);
  EXPECT_EQ(c.Find("onbekend"), -1);
  auto same = [&](std::initializer_list<const char*> words) {
    int first = c.Find(*words.begin());
    for (const char* w : words) {
      if (c.Find(w) != first) return false;
    }
    return first >= 0;
  };
  EXPECT_TRUE(same({"de", "het", "een", "deze"}));
  EXPECT_TRUE(same({"kat", "hond", "vogel", "vis", "koe", "paard"}));
  EXPECT_TRUE(same({"slaapt", "rent", "eet", "zwemt", "springt"}));
  EXPECT_TRUE(same({"snel", "traag", "vaak", "nooit"}));
  EXPECT_NE(c.Find("de"), c.Find("kat"));
  EXPECT_NE(c.Find("kat"), c.Find("rent"));
  EXPECT_NE(c.Find("rent"), c.Find("snel"));
}

TEST(WordClustersTest, SerializesAndIsDeterministic) {
  ClusterOptions o;
  o.classes = 3;
  WordClusters a = WordClusters::Train(ToyText(), o);
  WordClusters b = WordClusters::Train(ToyText(), o);
  EXPECT_EQ(a.Serialize(), b.Serialize());
  WordClusters back;
  ASSERT_TRUE(WordClusters::Deserialize(a.Serialize(), &back));
  EXPECT_EQ(back.Serialize(), a.Serialize());
  EXPECT_EQ(back.Find("hond"), a.Find("hond"));
  std::string bytes = a.Serialize();
  EXPECT_FALSE(WordClusters::Deserialize(bytes.substr(0, bytes.size() - 1), &back));
  EXPECT_FALSE(WordClusters::Deserialize(bytes + "x", &back));
}

}  // namespace
}  // namespace kroniek::learn
