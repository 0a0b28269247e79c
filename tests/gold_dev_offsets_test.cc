// For every annotated article in ../shared/gold-dev: tokenise its text, write the document JSON
// and check that every token's and sentence's code-point offsets index the text exactly.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kroniek/io.h"
#include "test_util.h"
#include "tokenize/tokenizer.h"

namespace kroniek {
namespace {

// The code points of a UTF-8 string, as Python's str indexes them.
std::u32string CodePoints(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1F, len = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F, len = 3;
    } else {
      cp = c & 0x07, len = 4;
    }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

TEST(GoldDevOffsetsTest, TokenAndSentenceOffsetsIndexTheText) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  auto tokenizer = Tokenizer::Create();
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status().ToString();
  std::filesystem::path dir = std::filesystem::path(testing::SharedDir()) / "gold-dev";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  ASSERT_GE(files.size(), 10u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    nlohmann::json gold = nlohmann::json::parse(testing::ReadFile(file.string()));
    Doc doc;
    doc.id = gold.value("id", "doc");
    doc.text = gold.at("text").get<std::string>();
    (*tokenizer)->Tokenize(doc);
    ASSERT_EQ(doc.Validate(), "");
    ASSERT_GT(doc.tokens.size(), 50u);
    ASSERT_GT(doc.sentences.size(), 3u);

    nlohmann::json out = nlohmann::json::parse(ToJson(doc));
    const std::u32string text = CodePoints(out.at("text").get<std::string>());
    EXPECT_EQ(out.at("text").get<std::string>(), doc.text);
    const auto& tokens = out.at("tokens");
    ASSERT_EQ(tokens.size(), doc.tokens.size());
    size_t prev_end = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      size_t start = tokens[i].at("start").get<size_t>();
      size_t end = tokens[i].at("end").get<size_t>();
      ASSERT_LT(start, end) << "token " << i;
      ASSERT_LE(end, text.size()) << "token " << i;
      ASSERT_GE(start, prev_end) << "token " << i;
      EXPECT_EQ(text.substr(start, end - start),
                CodePoints(tokens[i].at("text").get<std::string>()))
          << "token " << i;
      EXPECT_EQ(tokens[i].at("text").get<std::string>(), std::string(doc.TokenText(i)));
      prev_end = end;
    }
    const auto& sentences = out.at("sentences");
    ASSERT_EQ(sentences.size(), doc.sentences.size());
    size_t expect_first = 0;
    for (size_t s = 0; s < sentences.size(); ++s) {
      size_t start = sentences[s].at("start").get<size_t>();
      size_t end = sentences[s].at("end").get<size_t>();
      size_t t0 = sentences[s].at("tokens")[0].get<size_t>();
      size_t t1 = sentences[s].at("tokens")[1].get<size_t>();
      ASSERT_EQ(t0, expect_first) << "sentence " << s;
      ASSERT_LT(t0, t1);
      ASSERT_LE(t1, tokens.size());
      EXPECT_EQ(start, tokens[t0].at("start").get<size_t>()) << "sentence " << s;
      EXPECT_EQ(end, tokens[t1 - 1].at("end").get<size_t>()) << "sentence " << s;
      // No sentence runs over a paragraph break, and paragraph numbers never decrease.
      std::u32string st = text.substr(start, end - start);
      EXPECT_EQ(st.find(U"\n\n"), std::u32string::npos) << "sentence " << s;
      if (s > 0) {
        EXPECT_GE(sentences[s].at("paragraph").get<size_t>(),
                  sentences[s - 1].at("paragraph").get<size_t>());
      }
      expect_first = t1;
    }
    EXPECT_EQ(expect_first, tokens.size());
  }
}

}  // namespace
}  // namespace kroniek
