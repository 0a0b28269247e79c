// CoNLL-2002 named-entity data: one token per line, "word POS TAG" separated by white space
// (more columns are tolerated: the second is the POS, the last the tag), blank lines between
// sentences, and `-DOCSTART- -DOCSTART- O` starting each document. That line is not followed by
// a blank line in the Dutch files, so it is recognised on its own, never taken for a token.
//
// Each document becomes a Doc whose text is its words joined by spaces, one sentence per line,
// so token offsets index the text exactly. The POS column is kept in Doc::source_pos (for the
// CoNLL-2002 writer only) and the gold tags become Doc::mentions. Tags may be IOB2 (every name
// starts with B-) or IOB1 (I- starts a name unless it continues one of the same type).
//
// A malformed line (too few columns, a tag that is not O, B-X or I-X, NUL or invalid UTF-8)
// makes its sentence skipped with an error naming the line; the rest of the file is kept.
// Document ids are stem-1, stem-2, ... in file order (doc-N on standard input).
#include <string>
#include <vector>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Splits a line on runs of white space.
void SplitFields(std::string_view line, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    size_t b = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (i > b) out->push_back(line.substr(b, i - b));
  }
}

// "O", "B-X" or "I-X" with a type of letters, digits or '_'. Sets *begin ('B', 'I' or 'O') and
// *type.
bool ParseTag(std::string_view tag, char* begin, std::string_view* type) {
  if (tag == "O") {
    *begin = 'O';
    return true;
  }
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return false;
  for (char c : tag.substr(2)) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  *begin = tag[0];
  *type = tag.substr(2);
  return true;
}

struct Token {
  std::string_view word, pos;
  char begin;  // B, I or O
  std::string_view type;
};

class Conll2002Builder {
 public:
  Conll2002Builder(std::string_view name, const ReadOptions& options, const DocSink& sink)
      : name_(name), options_(options), sink_(sink) {}

  // Starts document number ++count at `line`; emits the current one. False: stop reading.
  bool StartDoc(size_t line) {
    bool go = Emit();
    ++doc_number_;
    doc_line_ = line;
    open_ = true;
    return go;
  }
  bool open() const { return open_; }

  void AddSentence(const std::vector<Token>& toks) {
    if (!doc_.sentences.empty()) doc_.text.push_back('\n');
    Sentence s;
    s.token_begin = static_cast<uint32_t>(doc_.tokens.size());
    // Mentions: B-X starts a name; I-X continues the name before it when that has type X,
    // else starts one (IOB1).
    int open_mention = -1;
    for (size_t i = 0; i < toks.size(); ++i) {
      const Token& t = toks[i];
      if (i > 0) doc_.text.push_back(' ');
      uint32_t b = static_cast<uint32_t>(doc_.text.size());
      doc_.text.append(t.word);
      uint32_t e = static_cast<uint32_t>(doc_.text.size());
      uint32_t index = static_cast<uint32_t>(doc_.tokens.size());
      doc_.tokens.push_back(Span{b, e});
      doc_.space_after.push_back(1);
      doc_.source_pos.emplace_back(t.pos);
      if (t.begin == 'O') {
        open_mention = -1;
        continue;
      }
      if (t.begin == 'I' && open_mention >= 0 && doc_.mentions[open_mention].type == t.type) {
        Mention& m = doc_.mentions[open_mention];
        m.span.end = e;
        m.token_end = index + 1;
        continue;
      }
      Mention m;
      m.span = Span{b, e};
      m.token_begin = index;
      m.token_end = index + 1;
      m.type = std::string(t.type);
      m.kind = MentionKind::kName;
      doc_.mentions.push_back(std::move(m));
      open_mention = static_cast<int>(doc_.mentions.size()) - 1;
    }
    s.token_end = static_cast<uint32_t>(doc_.tokens.size());
    doc_.sentences.push_back(std::move(s));
  }

  bool Emit() {
    open_ = false;
    if (doc_.sentences.empty()) {
      doc_ = Doc();
      return true;
    }
    ReadItem item;
    std::string id = NumberedId(name_, doc_number_);
    if (doc_.text.size() > options_.max_doc_bytes) {
      item.doc =
          MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                    Where(name_, doc_line_) + ": document '" + id + "' has " +
                        std::to_string(doc_.text.size()) + " bytes, more than the limit of " +
                        std::to_string(options_.max_doc_bytes) + " (--max-doc-bytes)");
    } else {
      doc_.id = std::move(id);
      doc_.space_after.back() = 0;  // nothing follows the last token
      if (options_.date) doc_.meta.date = options_.date;
      doc_.Set(Layer::kTokens);
      doc_.Set(Layer::kSentences);
      doc_.Set(Layer::kMentions);
      item.doc = std::move(doc_);
      item.warnings = std::move(warnings_);
      warnings_.clear();
    }
    doc_ = Doc();
    return sink_(std::move(item));
  }

  void AddWarnings(std::vector<std::string> w) {
    for (auto& x : w) warnings_.push_back(std::move(x));
  }

 private:
  std::string_view name_;
  const ReadOptions& options_;
  const DocSink& sink_;
  Doc doc_;
  size_t doc_number_ = 0;
  size_t doc_line_ = 1;
  bool open_ = false;
  std::vector<std::string> warnings_;
};

}  // namespace

Status ReadConll2002(std::string_view content, std::string_view name, const ReadOptions& options,
                     const DocSink& sink) {
  Conll2002Builder b(name, options, sink);
  // Clean files (the usual case) are checked once as a whole; otherwise line by line, so that
  // a bad byte costs only its sentence. --lenient repairs UTF-8 up front (the repair never adds
  // or removes line breaks, so line numbers stay right).
  std::string repaired;
  std::vector<std::string> repair_warnings;
  const bool clean = PrepareLines(&content, name, options, &repaired, &repair_warnings);
  if (!repair_warnings.empty()) b.AddWarnings(std::move(repair_warnings));
  std::vector<Token> toks;
  Status sentence_error;
  std::vector<std::string_view> fields;
  auto flush = [&]() -> bool {
    bool go = true;
    if (!sentence_error.ok()) {
      ReadItem item;
      item.doc = Status(sentence_error.code(), sentence_error.error_id(),
                        sentence_error.message() + " (sentence skipped)");
      go = sink(std::move(item));
    } else if (!toks.empty()) {
      b.AddSentence(toks);
    }
    toks.clear();
    sentence_error = Status();
    return go;
  };
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    SplitFields(line, &fields);
    if (fields.empty()) {
      if (!flush()) return Status();
      continue;
    }
    if (!clean) {
      std::string unused;
      std::vector<std::string> unused_warnings;
      Status st = CheckBytes(line, name, line_no, options, &unused, &unused_warnings);
      if (!st.ok()) {
        if (sentence_error.ok()) sentence_error = st;
        continue;
      }
    }
    if (fields[0] == "-DOCSTART-") {
      if (!flush()) return Status();
      if (!b.StartDoc(line_no)) return Status();
      continue;
    }
    if (!sentence_error.ok()) continue;
    if (fields.size() < 3) {
      sentence_error = InvalidInput(
          ErrorId::kBadConll2002,
          Where(name, line_no) + ": a CoNLL-2002 line needs word, POS and tag columns (found " +
              std::to_string(fields.size()) + ")");
      continue;
    }
    Token t;
    t.word = fields[0];
    t.pos = fields[1];
    if (!ParseTag(fields.back(), &t.begin, &t.type)) {
      sentence_error = InvalidInput(ErrorId::kBadConll2002, Where(name, line_no) + ": tag '" +
                                                                std::string(fields.back()) +
                                                                "' is not O, B-TYPE or I-TYPE");
      continue;
    }
    if (!b.open() && !b.StartDoc(line_no)) return Status();  // tokens before any -DOCSTART-
    toks.push_back(t);
  }
  if (!flush()) return Status();
  b.Emit();
  return Status();
}

}  // namespace kroniek::io
