// CoNLL-U reader. Gold tokens, sentences and every filled column (lemma, UPOS, XPOS, feats,
// heads and relations) are kept, so the same Docs serve analysis (--pretokenized), training and
// evaluation. A document ends at `# newdoc`; a file without such lines is one document.
//
// The Doc text is rebuilt from the word forms: a space between words unless SpaceAfter=No, a
// newline between sentences and a blank line at `# newpar`, so token offsets always index the
// text exactly (a `# text` comment that disagrees with the forms cannot break them).
#include <charconv>
#include <string>
#include <vector>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

struct Word {
  std::string_view cols[10];
};

bool SplitColumns(std::string_view line, Word* w) {
  size_t col = 0;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      if (col >= 10) return false;
      w->cols[col++] = line.substr(start, i - start);
      start = i + 1;
    }
  }
  return col == 10;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool MiscHas(std::string_view misc, std::string_view item) {
  size_t start = 0;
  while (start <= misc.size()) {
    size_t bar = misc.find('|', start);
    if (bar == std::string_view::npos) bar = misc.size();
    if (misc.substr(start, bar - start) == item) return true;
    start = bar + 1;
  }
  return false;
}

class ConlluBuilder {
 public:
  ConlluBuilder(std::string_view name, const ReadOptions& options, const DocSink& sink)
      : name_(name), options_(options), sink_(sink) {
    Reset();
  }

  // Starts a new document; emits the current one if it has sentences. Returns false to stop.
  bool NewDoc(std::string id, size_t line) {
    bool go = Emit();
    Reset();
    pending_id_ = std::move(id);
    doc_line_ = line;
    return go;
  }
  void NewPar() {
    if (!doc_.sentences.empty()) new_par_ = true;
  }
  void SetSentId(std::string_view id) { sent_id_ = std::string(id); }
  void CountParagraph() {
    if (!doc_.sentences.empty()) ++paragraph_count_;
  }
  void AddWarnings(std::vector<std::string> w) {
    for (auto& x : w) warnings_.push_back(std::move(x));
  }

  // Adds one sentence of words that have already been checked. Returns an error message for
  // the sentence (it is then skipped) or an empty string.
  std::string AddSentence(const std::vector<Word>& words, const std::vector<size_t>& lines) {
    const int n = static_cast<int>(words.size());
    // Check ids and heads first, so that a bad sentence leaves no trace.
    for (int i = 0; i < n; ++i) {
      int id = 0;
      if (!ParseInt(words[i].cols[0], &id) || id != i + 1) {
        return Where(lines[i]) + ": word ids must count 1, 2, 3, ... (found '" +
               std::string(words[i].cols[0]) + "')";
      }
      if (words[i].cols[1].empty()) return Where(lines[i]) + ": empty word form";
      std::string_view h = words[i].cols[6];
      int head = 0;
      if (h != "_" && (!ParseInt(h, &head) || head < 0 || head > n)) {
        return Where(lines[i]) + ": head '" + std::string(h) + "' is not a word of the sentence";
      }
      for (char c : words[i].cols[1]) {
        if (c == '\n' || c == '\r') return Where(lines[i]) + ": word form holds a line break";
      }
    }
    if (!doc_.sentences.empty()) doc_.text += new_par_ ? "\n\n" : "\n";
    new_par_ = false;
    Sentence s;
    s.token_begin = static_cast<uint32_t>(doc_.tokens.size());
    s.paragraph = paragraph_count_;
    s.id = sent_id_;
    sent_id_.clear();
    const int32_t base = static_cast<int32_t>(doc_.tokens.size());
    for (int i = 0; i < n; ++i) {
      const Word& w = words[i];
      uint32_t b = static_cast<uint32_t>(doc_.text.size());
      doc_.text.append(w.cols[1]);
      doc_.tokens.push_back(Span{b, static_cast<uint32_t>(doc_.text.size())});
      bool no_space = MiscHas(w.cols[9], "SpaceAfter=No") && i + 1 < n;
      if (i + 1 < n && !no_space) doc_.text.push_back(' ');
      doc_.space_after.push_back(no_space ? 0 : 1);
      for (int c = 2; c <= 5; ++c) {
        if (w.cols[c] != "_") filled_[c] = true;
      }
      if (w.cols[6] != "_") filled_[6] = true;
      if (w.cols[7] != "_") filled_[7] = true;
      lemma_.emplace_back(w.cols[2]);
      upos_.emplace_back(w.cols[3]);
      xpos_.emplace_back(w.cols[4]);
      feats_.emplace_back(w.cols[5]);
      int head = 0;
      if (w.cols[6] != "_") ParseInt(w.cols[6], &head);
      head_.push_back(head == 0 ? base + i : base + head - 1);
      deprel_.emplace_back(w.cols[7]);
    }
    s.token_end = static_cast<uint32_t>(doc_.tokens.size());
    doc_.sentences.push_back(std::move(s));
    return "";
  }

  bool Emit() {
    if (doc_.sentences.empty()) return true;
    ReadItem item;
    ++doc_count_;
    std::string id = pending_id_;
    if (id.empty()) {
      std::string stem = StemOf(name_);
      if (stem.empty()) stem = "doc";
      id = doc_count_ == 1 ? stem : stem + "-" + std::to_string(doc_count_);
    }
    if (doc_.text.size() > options_.max_doc_bytes) {
      item.doc =
          MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                    Where(doc_line_) + ": document '" + id + "' has " +
                        std::to_string(doc_.text.size()) + " bytes, more than the limit of " +
                        std::to_string(options_.max_doc_bytes) + " (--max-doc-bytes)");
      return sink_(std::move(item));
    }
    doc_.id = std::move(id);
    doc_.space_after.back() = 0;  // nothing follows the last token
    if (options_.date) doc_.meta.date = options_.date;
    doc_.Set(Layer::kTokens);
    doc_.Set(Layer::kSentences);
    if (filled_[2]) doc_.lemma = std::move(lemma_), doc_.Set(Layer::kLemma);
    if (filled_[3]) doc_.upos = std::move(upos_), doc_.Set(Layer::kUpos);
    if (filled_[4]) doc_.xpos = std::move(xpos_), doc_.Set(Layer::kXpos);
    if (filled_[5]) doc_.feats = std::move(feats_), doc_.Set(Layer::kFeats);
    if (filled_[6] && filled_[7]) {
      doc_.head = std::move(head_);
      doc_.deprel = std::move(deprel_);
      doc_.Set(Layer::kDeps);
    }
    item.doc = std::move(doc_);
    item.warnings = std::move(warnings_);
    warnings_.clear();
    return sink_(std::move(item));
  }

  std::string Where(size_t line) const { return std::string(name_) + ":" + std::to_string(line); }

 private:
  void Reset() {
    doc_ = Doc();
    lemma_.clear();
    upos_.clear();
    xpos_.clear();
    feats_.clear();
    head_.clear();
    deprel_.clear();
    for (bool& f : filled_) f = false;
    new_par_ = false;
    paragraph_count_ = 0;
    pending_id_.clear();
  }

  std::string_view name_;
  const ReadOptions& options_;
  const DocSink& sink_;
  Doc doc_;
  std::vector<std::string> lemma_, upos_, xpos_, feats_, deprel_;
  std::vector<int32_t> head_;
  bool filled_[10] = {};
  bool new_par_ = false;
  uint32_t paragraph_count_ = 0;
  std::string pending_id_;
  size_t doc_line_ = 1;  // where the document starts, for messages
  std::string sent_id_;
  int doc_count_ = 0;
  std::vector<std::string> warnings_;  // go out with the next document
};

std::string_view CommentValue(std::string_view line, std::string_view key) {
  // "# key = value" or "# key value"
  std::string_view rest = line.substr(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.substr(0, key.size()) != key) return {};
  rest.remove_prefix(key.size());
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '=') return {};
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '=')) rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
  return rest;
}

bool IsComment(std::string_view line, std::string_view key) {
  std::string_view rest = line.substr(1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.substr(0, key.size()) != key) return false;
  return rest.size() == key.size() || rest[key.size()] == ' ' || rest[key.size()] == '=';
}

}  // namespace

Status ReadConllu(std::string_view content, std::string_view name, const ReadOptions& options,
                  const DocSink& sink) {
  ConlluBuilder b(name, options, sink);
  // Clean files (the usual case) are checked once as a whole; otherwise line by line, so that
  // a bad byte costs only its sentence. --lenient repairs UTF-8 up front (the repair never adds
  // or removes line breaks, so line numbers stay right).
  std::string repaired;
  std::vector<std::string> repair_warnings;
  const bool clean = PrepareLines(&content, name, options, &repaired, &repair_warnings);
  if (!repair_warnings.empty()) b.AddWarnings(std::move(repair_warnings));
  std::vector<Word> words;
  std::vector<size_t> lines;
  Status sent_error;
  size_t line_no = 0;
  size_t pos = 0;
  auto flush = [&]() -> bool {
    bool go = true;
    if (!sent_error.ok()) {
      ReadItem item;
      item.doc = Status(sent_error.code(), sent_error.error_id(),
                        sent_error.message() + " (sentence skipped)");
      go = sink(std::move(item));
    } else if (!words.empty()) {
      std::string e = b.AddSentence(words, lines);
      if (!e.empty()) {
        ReadItem item;
        item.doc = InvalidInput(ErrorId::kBadConllu, e + " (sentence skipped)");
        go = sink(std::move(item));
      }
    }
    words.clear();
    lines.clear();
    sent_error = Status();
    return go;
  };
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (!flush()) return Status();
      continue;
    }
    if (!clean) {
      std::string unused;
      std::vector<std::string> unused_warnings;
      Status st = CheckBytes(line, name, line_no, options, &unused, &unused_warnings);
      if (!st.ok()) {
        if (sent_error.ok()) sent_error = st;
        continue;
      }
    }
    if (line[0] == '#') {
      if (!words.empty()) continue;  // a comment inside a sentence is odd but harmless
      if (IsComment(line, "newdoc")) {
        if (!flush()) return Status();
        if (!b.NewDoc(std::string(CommentValue(line, "newdoc id")), line_no)) return Status();
      } else if (IsComment(line, "newpar")) {
        b.CountParagraph();
        b.NewPar();
      } else if (IsComment(line, "sent_id")) {
        b.SetSentId(CommentValue(line, "sent_id"));
      }
      continue;
    }
    if (!sent_error.ok()) continue;
    Word w;
    if (!SplitColumns(line, &w)) {
      sent_error = InvalidInput(ErrorId::kBadConllu,
                                b.Where(line_no) + ": a word line needs 10 tab-separated columns");
      continue;
    }
    std::string_view id = w.cols[0];
    if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) {
      continue;  // multiword-token ranges and empty nodes: the words themselves are the tokens
    }
    words.push_back(w);
    lines.push_back(line_no);
  }
  if (!flush()) return Status();
  b.Emit();
  return Status();
}

}  // namespace kroniek::io
