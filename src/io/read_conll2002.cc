// CoNLL-2002 reader (the ner branch's version; the io branch has its own, and only one of the two
// survives the merge). Format: one token per line, "word POS TAG" split on white space (extra
// columns are tolerated: the second is the POS, the last the tag); a blank line ends a sentence;
// a `-DOCSTART-` line starts a document and is never a token (in the Dutch files no blank line
// follows it).
//
// Each document becomes a Doc whose text is its words joined by single spaces, one sentence per
// line, so the token offsets index the text exactly. The POS column goes to Doc::source_pos
// (kept for the CoNLL-2002 writer only) and the gold tags to Doc::mentions (Layer::kMentions).
// IOB2 and IOB1 are both read: I-X continues a name of type X just before it, else starts one.
// A malformed line makes its sentence skipped with an E110 error naming the line. Document ids
// are <stem>-1, <stem>-2, ... in file order (doc-N on standard input).
#include <string>
#include <vector>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

bool Blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> f;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && Blank(line[i])) ++i;
    size_t b = i;
    while (i < line.size() && !Blank(line[i])) ++i;
    if (i > b) f.push_back(line.substr(b, i - b));
  }
  return f;
}

struct Row {
  std::string_view word, pos;
  char bio;  // 'B', 'I' or 'O'
  std::string_view type;
};

bool ParseTag(std::string_view tag, Row* row) {
  if (tag == "O") {
    row->bio = 'O';
    return true;
  }
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return false;
  for (char c : tag.substr(2)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  row->bio = tag[0];
  row->type = tag.substr(2);
  return true;
}

std::string DocId(std::string_view name, size_t n) {
  std::string stem = StemOf(name);
  return (stem.empty() ? std::string("doc") : stem) + "-" + std::to_string(n);
}

}  // namespace

Status ReadConll2002(std::string_view content, std::string_view name, const ReadOptions& options,
                     const DocSink& sink) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (content.starts_with(kBom)) content.remove_prefix(kBom.size());
  std::string repaired;  // --lenient: invalid UTF-8 replaced up front
  size_t replaced = 0;
  if (options.lenient && !utf8::IsValid(content)) {
    repaired = utf8::Sanitize(content, &replaced);
    content = repaired;
  }
  const std::string where = std::string(name);
  Doc doc;
  size_t doc_count = 0;
  bool doc_open = false;
  bool go = true;
  std::vector<Row> rows;
  Status sentence_error;

  auto emit = [&]() {
    if (!doc_open) return;
    doc_open = false;
    if (doc.sentences.empty()) {
      doc = Doc();
      return;
    }
    ReadItem item;
    if (doc.text.size() > options.max_doc_bytes) {
      item.doc =
          InvalidInput(ErrorId::kDocTooLarge, where + ": document " + std::to_string(doc_count) +
                                                  " has " + std::to_string(doc.text.size()) +
                                                  " bytes, more than the limit (--max-doc-bytes)");
    } else {
      doc.id = DocId(name, doc_count);
      doc.space_after.back() = 0;
      if (options.date) doc.meta.date = options.date;
      doc.Set(Layer::kTokens);
      doc.Set(Layer::kSentences);
      doc.Set(Layer::kMentions);
      item.doc = std::move(doc);
      if (replaced > 0 && doc_count == 1) {
        item.warnings.push_back(where + ": replaced " + std::to_string(replaced) +
                                " invalid UTF-8 sequence(s) with U+FFFD (--lenient)");
      }
    }
    doc = Doc();
    go = sink(std::move(item));
  };
  auto start_doc = [&]() {
    emit();
    ++doc_count;
    doc_open = true;
  };
  auto end_sentence = [&]() {
    if (!sentence_error.ok()) {
      ReadItem item;
      item.doc = Status(sentence_error.code(), sentence_error.error_id(),
                        sentence_error.message() + " (sentence skipped)");
      go = sink(std::move(item));
    } else if (!rows.empty()) {
      if (!doc_open) start_doc();
      if (!doc.sentences.empty()) doc.text.push_back('\n');
      Sentence s;
      s.token_begin = static_cast<uint32_t>(doc.tokens.size());
      int open = -1;  // the mention an I- tag may continue
      for (size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        if (i > 0) doc.text.push_back(' ');
        uint32_t b = static_cast<uint32_t>(doc.text.size());
        doc.text.append(r.word);
        uint32_t e = static_cast<uint32_t>(doc.text.size());
        uint32_t t = static_cast<uint32_t>(doc.tokens.size());
        doc.tokens.push_back(Span{b, e});
        doc.space_after.push_back(1);
        doc.source_pos.emplace_back(r.pos);
        if (r.bio == 'O') {
          open = -1;
        } else if (r.bio == 'I' && open >= 0 && doc.mentions[open].type == r.type) {
          doc.mentions[open].span.end = e;
          doc.mentions[open].token_end = t + 1;
        } else {
          Mention m;
          m.span = Span{b, e};
          m.token_begin = t;
          m.token_end = t + 1;
          m.type = std::string(r.type);
          doc.mentions.push_back(std::move(m));
          open = static_cast<int>(doc.mentions.size()) - 1;
        }
      }
      s.token_end = static_cast<uint32_t>(doc.tokens.size());
      doc.sentences.push_back(std::move(s));
    }
    rows.clear();
    sentence_error = Status();
  };

  size_t line_no = 0, pos = 0;
  while (go && pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string at = where + ":" + std::to_string(line_no);
    std::vector<std::string_view> f = Fields(line);
    if (f.empty()) {
      end_sentence();
      continue;
    }
    if (f[0] == "-DOCSTART-") {
      end_sentence();
      if (go) start_doc();
      continue;
    }
    if (!sentence_error.ok()) continue;
    size_t bad = 0;
    if (line.find('\0') != std::string_view::npos) {
      sentence_error = InvalidInput(ErrorId::kNulByte, at + ": NUL byte");
      continue;
    }
    if (!utf8::IsValid(line, &bad)) {
      sentence_error = InvalidInput(ErrorId::kInvalidUtf8,
                                    at + ": invalid UTF-8 at byte " + std::to_string(bad));
      continue;
    }
    Row r;
    if (f.size() < 3) {
      sentence_error = InvalidInput(ErrorId::kBadConll2002,
                                    at + ": a CoNLL-2002 line needs word, POS and tag columns");
      continue;
    }
    r.word = f[0];
    r.pos = f[1];
    if (!ParseTag(f.back(), &r)) {
      sentence_error = InvalidInput(ErrorId::kBadConll2002, at + ": tag '" + std::string(f.back()) +
                                                                "' is not O, B-TYPE or I-TYPE");
      continue;
    }
    rows.push_back(r);
  }
  if (go) end_sentence();
  if (go) emit();
  return Status();
}

}  // namespace kroniek::io
