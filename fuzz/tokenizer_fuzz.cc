// libFuzzer target for the tokenizer and sentence splitter: any text (made valid UTF-8) must give
// a well-formed Doc whose tokens cover exactly the non-space text, hold no white space (so no
// paragraph break), and whose sentences never run over a paragraph break. Aborts on a violation.
//
//   bash scripts/fuzz.sh 600 tokenizer_fuzz
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "tokenize/char_class.h"
#include "tokenize/tokenizer.h"

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "tokenizer invariant broken: %s\n", what.c_str());
  std::abort();
}

const kroniek::Tokenizer& Tok() {
  static std::shared_ptr<const kroniek::Tokenizer> t = [] {
    auto r = kroniek::Tokenizer::Create();
    if (!r.ok()) Fail("Create: " + r.status().ToString());
    return r.value();
  }();
  return *t;
}

// Line breaks in the white space text[b, e); *para is set when they make a paragraph break.
int LineBreaks(std::string_view text, size_t b, size_t e, bool* para) {
  int breaks = 0;
  *para = false;
  for (size_t i = b; i < e;) {
    size_t len;
    uint32_t cp = kroniek::tok::DecodeAt(text, i, &len);
    kroniek::tok::CharClass c = kroniek::tok::ClassOf(cp);
    if (!kroniek::tok::IsSpace(cp))
      Fail("non-space text between tokens at byte " + std::to_string(i));
    if (c == kroniek::tok::kLineBreak && !(cp == '\n' && i > 0 && text[i - 1] == '\r')) ++breaks;
    if (c == kroniek::tok::kParaBreak) *para = true;
    i += len;
  }
  if (breaks >= 2) *para = true;
  return breaks;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  Doc doc;
  doc.text = utf8::Sanitize(std::string_view(reinterpret_cast<const char*>(data), size));
  Tok().Tokenize(doc);
  std::string v = doc.Validate();
  if (!v.empty()) Fail("Validate: " + v);
  if (!doc.Has(Layer::kTokens) || !doc.Has(Layer::kSentences)) Fail("layers not set");
  const std::string& t = doc.text;
  const size_t n = doc.tokens.size();
  if (doc.space_after.size() != n) Fail("space_after length");
  if ((n == 0) != doc.sentences.empty()) Fail("sentences without tokens or tokens without");
  // Tokens: in order, no white space inside, only white space between.
  size_t pos = 0;
  std::vector<bool> para_before(n, false);
  for (size_t i = 0; i < n; ++i) {
    const Span& s = doc.tokens[i];
    bool para = false;
    LineBreaks(t, pos, s.begin, &para);
    para_before[i] = i > 0 && para;
    for (size_t k = s.begin; k < s.end;) {
      size_t len;
      if (tok::IsSpace(tok::DecodeAt(t, k, &len)))
        Fail("white space inside token " + std::to_string(i));
      k += len;
    }
    bool space = false;
    if (s.end < t.size()) {
      size_t len;
      space = tok::IsSpace(tok::DecodeAt(t, s.end, &len));
    }
    if ((doc.space_after[i] != 0) != space) Fail("space_after of token " + std::to_string(i));
    pos = s.end;
  }
  bool para = false;
  LineBreaks(t, pos, t.size(), &para);
  // Sentences: none runs over a paragraph break; paragraph numbers count the breaks.
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    for (uint32_t i = s.token_begin + 1; i < s.token_end; ++i) {
      if (para_before[i]) Fail("sentence " + std::to_string(si) + " runs over a paragraph break");
    }
    if (si > 0) {
      bool broke = para_before[s.token_begin];
      uint32_t prev = doc.sentences[si - 1].paragraph;
      if (broke ? s.paragraph != prev + 1 : s.paragraph != prev) {
        Fail("paragraph number of sentence " + std::to_string(si));
      }
    } else if (s.paragraph != 0) {
      Fail("first paragraph is not 0");
    }
  }
  // Deterministic: the same text gives the same tokens and sentences.
  Doc again;
  again.text = t;
  Tok().Tokenize(again);
  if (again.tokens != doc.tokens || again.sentences.size() != doc.sentences.size()) {
    Fail("not deterministic");
  }
  return 0;
}
