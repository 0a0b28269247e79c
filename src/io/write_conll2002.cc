// CoNLL-2002 writer: the layout of the Dutch CoNLL-2002 files, so that kroniek's output can be
// scored (and read back) like the gold data:
//
//   -DOCSTART- -DOCSTART- O        each document starts so, with no blank line after it
//   word POS TAG                   one token per line
//                                  a blank line after every sentence
//
// POS is the input's own POS column when the document came from CoNLL-2002 (Doc::source_pos),
// else the XPOS tag, else the UPOS tag, else "_". TAG is the IOB2 tag derived from the name
// mentions (O when there are none or the layer is absent). White space inside a column becomes
// '_', so that every line keeps three columns.
#include <string>

#include "io/writers.h"

namespace kroniek::io {

void AppendConll2002(const Doc& doc, std::string* out) {
  std::string& o = *out;
  o.append("-DOCSTART- -DOCSTART- O\n");
  const std::vector<std::string> tags = BioTags(doc);
  const bool xpos = doc.Has(Layer::kXpos), upos = doc.Has(Layer::kUpos);
  auto token = [&](uint32_t t) {
    AppendColumn(doc.TokenText(t), true, '_', "_", &o);
    o.push_back(' ');
    std::string_view pos;
    if (t < doc.source_pos.size()) pos = doc.source_pos[t];
    if (pos.empty() && xpos) pos = doc.xpos[t];
    if (pos.empty() && upos) pos = doc.upos[t];
    AppendColumn(pos, true, '_', "_", &o);
    o.push_back(' ');
    AppendColumn(tags[t], true, '_', "O", &o);
    o.push_back('\n');
  };
  if (doc.sentences.empty()) {  // tokens without sentences: one sentence
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) token(t);
    if (!doc.tokens.empty()) o.push_back('\n');
    return;
  }
  for (const Sentence& s : doc.sentences) {
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) token(t);
    o.push_back('\n');
  }
}

}  // namespace kroniek::io
