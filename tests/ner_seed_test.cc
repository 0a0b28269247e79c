// The committed NER model on the seed article of shared/gold-dev: the names the issue lists
// must get their types. The article is tokenised here by a simple rule (punctuation split off,
// sentences end at . ? !, paragraphs at line breaks) so that this test checks the recognizer,
// not the tokenizer.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "kroniek/pipeline.h"
#include "ner/ner.h"
#include "test_util.h"

namespace kroniek {
namespace {

bool IsOpener(char c) { return c == '"' || c == '\'' || c == '('; }
bool IsCloser(char c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' || c == '"' ||
         c == '\'' || c == ')';
}

Doc TokenizeSimply(const std::string& text) {
  Doc d;
  d.id = "seed";
  d.text = text;
  size_t i = 0;
  uint32_t sentence_start = 0;
  auto end_sentence = [&]() {
    uint32_t n = static_cast<uint32_t>(d.tokens.size());
    if (n > sentence_start) d.sentences.push_back(Sentence{sentence_start, n, 0, ""});
    sentence_start = n;
  };
  auto add = [&](size_t b, size_t e) {
    d.tokens.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    d.space_after.push_back(1);
  };
  while (i < text.size()) {
    if (text[i] == '\n') {
      end_sentence();
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
    size_t e = i;
    size_t wb = b, we = e;
    while (wb < we && IsOpener(text[wb])) ++wb;
    while (we > wb && IsCloser(text[we - 1])) --we;
    for (size_t k = b; k < wb; ++k) add(k, k + 1);
    if (we > wb) add(wb, we);
    for (size_t k = we; k < e; ++k) {
      add(k, k + 1);
      char c = text[k];
      bool quote_follows = k + 1 < e && text[k + 1] == '"';
      if ((c == '.' || c == '?' || c == '!') && !quote_follows) end_sentence();
      if (c == '"' && k > we && (text[k - 1] == '.' || text[k - 1] == '?' || text[k - 1] == '!')) {
        end_sentence();
      }
    }
  }
  end_sentence();
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  return d;
}

std::string SeedText() {
  std::string json = testing::ReadFile(testing::SharedDir() + "/gold-dev/seed.json");
  return json.empty() ? "" : nlohmann::json::parse(json)["text"].get<std::string>();
}

// Every occurrence of the names the issue lists must be inside a mention of its type.
void ExpectSeedNames(const Doc& doc) {
  // The type of the mention covering each token ("" outside names).
  std::vector<std::string> type_of(doc.tokens.size());
  for (const Mention& m : doc.mentions) {
    for (uint32_t t = m.token_begin; t < m.token_end; ++t) type_of[t] = m.type;
  }
  const std::map<std::string, std::string> expected = {
      {"Stoltenberg", "PER"}, {"Zelensky", "PER"},  {"Rutte", "PER"},    {"Poetin", "PER"},
      {"NAVO", "ORG"},        {"Brussel", "LOC"},   {"Oekraïne", "LOC"}, {"Rusland", "LOC"},
      {"Moskou", "LOC"},      {"Hongarije", "LOC"}, {"Roemenië", "LOC"},
  };
  std::set<std::string> seen;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    auto it = expected.find(std::string(doc.TokenText(t)));
    if (it == expected.end()) continue;
    seen.insert(it->first);
    EXPECT_EQ(type_of[t], it->second) << it->first << " at byte " << doc.tokens[t].begin;
  }
  EXPECT_EQ(seen.size(), expected.size());
}

TEST(NerSeedTest, NamesOfTheSeedArticleGetTheirTypes) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  std::string text = SeedText();
  ASSERT_FALSE(text.empty());
  Doc doc = TokenizeSimply(text);
  ASSERT_EQ(doc.Validate(), "");
  auto rec = ner::Recognizer::Load(FindModelsDir("") + "/ner.kmodel");
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  rec.value()->Recognize(doc);
  ASSERT_EQ(doc.Validate(), "");
  ExpectSeedNames(doc);
}

TEST(NerSeedTest, TheDefaultPipelineFindsThemInTheRawText) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  std::string text = SeedText();
  ASSERT_FALSE(text.empty());
  PipelineOptions po;
  po.models_dir = testing::SourceDir() + "/models";
  auto p = Pipeline::Default(po);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Doc doc;
  doc.id = "seed";
  doc.text = text;
  ASSERT_TRUE(p->Process(doc).ok());
  ASSERT_TRUE(doc.Has(Layer::kMentions));
  ASSERT_EQ(doc.Validate(), "");
  ExpectSeedNames(doc);
}

}  // namespace
}  // namespace kroniek
