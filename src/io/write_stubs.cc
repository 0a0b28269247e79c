// PLACEHOLDERS until the text view, CoNLL-2002 and PLOVER writers land.
#include "io/writers.h"

namespace kroniek::io {

void AppendConll2002(const Doc& doc, std::string* out) {
  std::vector<std::string> bio = BioTags(doc);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    for (uint32_t t = doc.sentences[si].token_begin; t < doc.sentences[si].token_end; ++t) {
      out->append(doc.TokenText(t)).append(" ").append(bio[t]).push_back('\n');
    }
    out->push_back('\n');
  }
}

void AppendTextView(const Doc& doc, const WriteOptions&, std::string* out) {
  out->append("== ").append(doc.id).append(" ==\n");
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    for (uint32_t t = doc.sentences[si].token_begin; t < doc.sentences[si].token_end; ++t) {
      if (t > doc.sentences[si].token_begin) out->push_back(' ');
      out->append(doc.TokenText(t));
    }
    out->push_back('\n');
  }
}

void AppendPlover(const Doc&, std::string*) {}

}  // namespace kroniek::io
