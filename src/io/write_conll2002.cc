// CoNLL-2002 writer (the ner branch's version; the io branch has its own): the layout of the
// Dutch CoNLL-2002 files, so that output can be scored and read back like the gold data.
//
//   -DOCSTART- -DOCSTART- O     starts every document (no blank line after it)
//   word POS TAG                one token per line; TAG is the IOB2 tag of the name mentions
//                               a blank line after every sentence
//
// POS is the input's POS column (Doc::source_pos) when the document came from CoNLL-2002, else
// the XPOS tag, else the UPOS tag, else "_". White space inside a column becomes '_'.
#include <string>

#include "io/writers.h"

namespace kroniek::io {
namespace {

void Column(std::string_view s, std::string_view empty, std::string* out) {
  if (s.empty()) {
    out->append(empty);
    return;
  }
  for (char c : s) {
    out->push_back(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ? '_'
                                                                                             : c);
  }
}

}  // namespace

void AppendConll2002(const Doc& doc, std::string* out) {
  out->append("-DOCSTART- -DOCSTART- O\n");
  const std::vector<std::string> tags = BioTags(doc);
  const bool xpos = doc.Has(Layer::kXpos), upos = doc.Has(Layer::kUpos);
  auto token = [&](uint32_t t) {
    Column(doc.TokenText(t), "_", out);
    out->push_back(' ');
    std::string_view pos;
    if (t < doc.source_pos.size()) pos = doc.source_pos[t];
    if (pos.empty() && xpos) pos = doc.xpos[t];
    if (pos.empty() && upos) pos = doc.upos[t];
    Column(pos, "_", out);
    out->push_back(' ');
    Column(tags[t], "O", out);
    out->push_back('\n');
  };
  if (doc.sentences.empty()) {
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) token(t);
    if (!doc.tokens.empty()) out->push_back('\n');
    return;
  }
  for (const Sentence& s : doc.sentences) {
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) token(t);
    out->push_back('\n');
  }
}

}  // namespace kroniek::io
