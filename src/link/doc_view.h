// A read-only view of a Doc's tokens for the rule-based news stages (entities, quotes): the
// lower-cased word, its sentence and paragraph, and the tags and parse when those layers are
// present. Built once per document in linear time.
#ifndef KRONIEK_LINK_DOC_VIEW_H_
#define KRONIEK_LINK_DOC_VIEW_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"

namespace kroniek::link {

class DocView {
 public:
  explicit DocView(const Doc& doc);

  const Doc& doc() const { return d_; }
  uint32_t size() const { return static_cast<uint32_t>(d_.tokens.size()); }
  std::string_view Text(uint32_t t) const { return d_.TokenText(t); }
  const std::string& Lower(uint32_t t) const { return lower_[t]; }
  // The lemma when the lemma layer is present, else the lower-cased word.
  std::string_view Lemma(uint32_t t) const {
    return has_lemma_ ? std::string_view(d_.lemma[t]) : std::string_view(lower_[t]);
  }
  // UPOS, or empty when the layer is absent.
  std::string_view Upos(uint32_t t) const {
    return has_upos_ ? std::string_view(d_.upos[t]) : std::string_view();
  }
  bool HasUpos() const { return has_upos_; }
  bool HasDeps() const { return has_deps_; }
  int32_t Head(uint32_t t) const { return has_deps_ ? d_.head[t] : -1; }
  std::string_view Deprel(uint32_t t) const {
    return has_deps_ ? std::string_view(d_.deprel[t]) : std::string_view();
  }
  // Sentence and paragraph of token t; past the last token, those of the last token.
  uint32_t Sentence(uint32_t t) const { return sent_.empty() ? 0 : sent_[Clamp(t)]; }
  uint32_t Paragraph(uint32_t t) const {
    return d_.sentences.empty() || para_.empty() ? 0 : para_[Clamp(t)];
  }
  uint32_t SentenceBegin(uint32_t t) const {
    return d_.sentences.empty() || sent_.empty() ? 0 : d_.sentences[sent_[Clamp(t)]].token_begin;
  }
  uint32_t SentenceEnd(uint32_t t) const {
    return d_.sentences.empty() || sent_.empty() ? size() : d_.sentences[sent_[Clamp(t)]].token_end;
  }
  // The first letter is an upper-case letter.
  bool Cap(uint32_t t) const { return cap_[t]; }
  // Starts with a letter or digit.
  bool IsWord(uint32_t t) const { return word_[t]; }
  // A verb by the tags (VERB or AUX), or false without tags.
  bool IsVerb(uint32_t t) const {
    return has_upos_ && (d_.upos[t] == "VERB" || d_.upos[t] == "AUX");
  }
  // The first token of the sentence that is a word (skips opening quotes and dashes).
  bool SentenceInitial(uint32_t t) const;
  // The year of meta.date, or 0 when unknown.
  int year() const { return year_; }

 private:
  uint32_t Clamp(uint32_t t) const { return t < size() ? t : size() - 1; }

  const Doc& d_;
  std::vector<std::string> lower_;
  std::vector<uint32_t> sent_, para_;
  std::vector<uint8_t> cap_, word_;
  bool has_lemma_ = false, has_upos_ = false, has_deps_ = false;
  int year_ = 0;
};

}  // namespace kroniek::link

#endif  // KRONIEK_LINK_DOC_VIEW_H_
