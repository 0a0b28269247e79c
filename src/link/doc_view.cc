#include "link/doc_view.h"

#include "base/utf8.h"
#include "tag/text.h"

namespace kroniek::link {
namespace {

// True for a code point that is a letter or digit (ASCII, Latin-1 and the Latin Extended and
// Greek/Cyrillic blocks; enough for a first-character test).
bool IsAlnumCp(uint32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) return true;
  return c >= 0x370 && c <= 0x52F;
}

bool IsUpperCp(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
  if (c >= 0x100 && c <= 0x17F) return (c & 1) == 0;  // Latin Extended-A: even = upper
  if (c >= 0x391 && c <= 0x3A9) return true;          // Greek capitals
  return c >= 0x400 && c <= 0x42F;                    // Cyrillic capitals
}

}  // namespace

DocView::DocView(const Doc& doc) : d_(doc) {
  const size_t n = doc.tokens.size();
  has_lemma_ = doc.Has(Layer::kLemma) && doc.lemma.size() == n;
  has_upos_ = doc.Has(Layer::kUpos) && doc.upos.size() == n;
  has_deps_ = doc.Has(Layer::kDeps) && doc.head.size() == n && doc.deprel.size() == n;
  lower_.resize(n);
  cap_.assign(n, 0);
  word_.assign(n, 0);
  sent_.assign(n, 0);
  para_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    std::string_view w = doc.TokenText(i);
    lower_[i] = tag::Lower(w);
    if (!w.empty()) {
      size_t k = 0;
      uint32_t c = utf8::Next(w, k);
      cap_[i] = IsUpperCp(c);
      word_[i] = IsAlnumCp(c);
    }
  }
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    for (uint32_t t = doc.sentences[s].token_begin; t < doc.sentences[s].token_end && t < n; ++t) {
      sent_[t] = s;
      para_[t] = doc.sentences[s].paragraph;
    }
  }
  if (doc.meta.date && doc.meta.date->size() >= 4) {
    int y = 0;
    bool ok = true;
    for (int i = 0; i < 4; ++i) {
      char c = (*doc.meta.date)[i];
      if (c < '0' || c > '9') ok = false;
      y = y * 10 + (c - '0');
    }
    if (ok) year_ = y;
  }
}

bool DocView::SentenceInitial(uint32_t t) const {
  uint32_t b = SentenceBegin(t);
  for (uint32_t i = b; i < t; ++i) {
    if (word_[i]) return false;
  }
  return true;
}

}  // namespace kroniek::link
