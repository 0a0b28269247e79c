// PLACEHOLDERS until the text view and PLOVER writers land; CoNLL-2002 is in
// write_conll2002.cc.
#include "io/writers.h"

namespace kroniek::io {

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
