// Helpers for the tests of the entity linker and the quote finder: a Doc made from Dutch text
// with the real tokenizer, and NER names added by hand (as the NER stage would).
#ifndef KRONIEK_LINK_LINK_TEST_UTIL_H_
#define KRONIEK_LINK_LINK_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"
#include "tokenize/tokenizer.h"

namespace kroniek::link::testing {

// Tokens and sentences of `text` from the kroniek tokenizer; an empty mentions layer.
inline Doc MakeDoc(std::string text, std::string date = "") {
  static auto tok = Tokenizer::Create();
  Doc doc;
  doc.id = "test";
  doc.text = std::move(text);
  if (!date.empty()) doc.meta.date = date;
  EXPECT_TRUE(tok.ok());
  (*tok)->Tokenize(doc);
  doc.Set(Layer::kTokens);
  doc.Set(Layer::kSentences);
  doc.Set(Layer::kMentions);
  return doc;
}

// Adds the name `surface` (its `nth` occurrence, from 0) as an NER mention of `type`. The
// surface must start and end on token boundaries.
inline void AddName(Doc& doc, std::string_view surface, std::string type, int nth = 0) {
  size_t at = 0;
  for (int i = 0; i <= nth; ++i) {
    at = doc.text.find(surface, i == 0 ? 0 : at + 1);
    ASSERT_NE(at, std::string::npos) << surface;
  }
  Mention m;
  m.span = Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size())};
  m.token_begin = doc.TokenAtOrAfter(m.span.begin);
  m.token_end = m.token_begin;
  while (m.token_end < doc.tokens.size() && doc.tokens[m.token_end].begin < m.span.end) {
    ++m.token_end;
  }
  ASSERT_EQ(doc.tokens[m.token_begin].begin, m.span.begin) << surface;
  ASSERT_EQ(doc.tokens[m.token_end - 1].end, m.span.end) << surface;
  m.type = std::move(type);
  doc.mentions.push_back(m);
  std::sort(doc.mentions.begin(), doc.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

// Adds every occurrence of `surface` as a name of `type`.
inline void AddNames(Doc& doc, std::string_view surface, const std::string& type) {
  size_t at = 0;
  int n = 0;
  while ((at = doc.text.find(surface, at)) != std::string::npos) {
    AddName(doc, surface, type, n++);
    at += surface.size();
  }
}

// The entity (index) with this canonical name, or -1.
inline int EntityNamed(const Doc& doc, std::string_view name) {
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    if (doc.entities[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// The texts of an entity's mentions, in text order.
inline std::vector<std::string> MentionTexts(const Doc& doc, int entity) {
  std::vector<std::string> out;
  if (entity < 0) return out;
  for (uint32_t m : doc.entities[entity].mentions) {
    out.emplace_back(doc.SpanText(doc.mentions[m].span));
  }
  return out;
}

}  // namespace kroniek::link::testing

#endif  // KRONIEK_LINK_LINK_TEST_UTIL_H_
