#include "quotes/marks.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"

namespace kroniek::quotes {
namespace {

using link::DocView;

bool IsSpaceCp(uint32_t c) {
  return c == 0 || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F;
}
bool IsAlnumCp(uint32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}
bool IsOpenContext(uint32_t c) {
  return IsSpaceCp(c) || c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 ||
         c == '-' || c == '/' || c == ':' || c == 0x2026;
}
bool IsCloseContext(uint32_t c) {
  return IsSpaceCp(c) || (c < 0x80 && std::strchr(".,;:!?)]}-/", static_cast<int>(c)) != nullptr) ||
         c == 0x2014 || c == 0x2013 || c == 0x2026;
}

// A quotation mark in the text.
struct Mark {
  uint32_t b = 0, e = 0;  // bytes
  bool dbl = true;        // double-mark family (" “ ” „ ,, '' « ») or single (' ‘ ’)
  bool open = false, close = false;
  uint32_t para = 0;
};

class MarkPairer {
 public:
  MarkPairer(const Doc& d, const DocView& v) : d_(d), v_(v) {
    for (uint32_t t = 0; t < v_.size(); ++t) {
      uint32_t p = v_.Paragraph(t);
      if (para_last_.size() <= p) para_last_.resize(p + 1, t);
      para_last_[p] = t;
    }
  }

  std::vector<Quoted> Run() {
    std::vector<Mark> marks = ScanMarks();
    Pair(marks, true);
    Pair(marks, false);
    std::sort(out_.begin(), out_.end(),
              [](const Quoted& a, const Quoted& b) { return a.ob < b.ob; });
    return std::move(out_);
  }

 private:
  uint32_t TokenAt(uint32_t byte) const {
    uint32_t t = d_.TokenAtOrAfter(byte);
    return std::min<uint32_t>(t, v_.size() ? v_.size() - 1 : 0);
  }

  std::vector<Mark> ScanMarks() const {
    std::vector<Mark> marks;
    std::string_view s = d_.text;
    size_t i = 0;
    uint32_t prev = 0;
    while (i < s.size()) {
      size_t start = i;
      uint32_t c = utf8::Next(s, i);
      size_t end = i;
      auto peek = [&](size_t at) -> uint32_t {
        if (at >= s.size()) return 0;
        size_t k = at;
        return utf8::Next(s, k);
      };
      uint32_t next = peek(end);
      Mark m;
      m.b = static_cast<uint32_t>(start);
      bool is_mark = true;
      if (c == ',' && next == ',') {
        // ",," opens a quote.
        m.e = static_cast<uint32_t>(end + 1);
        uint32_t after = peek(end + 1);
        m.open = !IsSpaceCp(after) && IsOpenContext(prev);
        if (!m.open) is_mark = false;
        i = end + 1;
        next = after;
      } else if (c == '\'' && next == '\'') {
        // "''" closes one.
        m.e = static_cast<uint32_t>(end + 1);
        uint32_t after = peek(end + 1);
        m.close = !IsSpaceCp(prev);
        m.open = IsOpenContext(prev) && !IsSpaceCp(after);
        i = end + 1;
        next = after;
      } else if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB) {
        m.e = static_cast<uint32_t>(end);
        bool can_open = !IsSpaceCp(next) && IsOpenContext(prev);
        bool can_close = !IsSpaceCp(prev) && IsCloseContext(next);
        if (c == 0x201E || c == 0xAB) {
          m.open = !IsSpaceCp(next);
        } else if (c == 0xBB) {
          m.close = !IsSpaceCp(prev);
        } else {
          m.open = can_open;
          m.close = can_close;
          if (!m.open && !m.close) {
            // A mark between two spaces (tokenised text) or two words: either, by pairing.
            m.open = m.close = true;
          }
        }
      } else if (c == '\'' || c == 0x2018 || c == 0x2019) {
        m.e = static_cast<uint32_t>(end);
        m.dbl = false;
        if (IsAlnumCp(prev) && IsAlnumCp(next)) {
          is_mark = false;  // zo'n, collega's
        } else {
          m.open = !IsSpaceCp(next) && IsOpenContext(prev) && !(next >= '0' && next <= '9');
          m.close = !IsSpaceCp(prev) && IsCloseContext(next);
          if (m.open) {
            // 's avonds, 't, 'n: apostrophes.
            uint32_t n1 = peek(end), n2 = 0;
            size_t k = end;
            if (k < s.size()) {
              utf8::Next(s, k);
              n2 = peek(k);
            }
            if ((n1 == 's' || n1 == 't' || n1 == 'n') && (IsSpaceCp(n2) || n2 == '-')) {
              is_mark = false;
            }
          }
          if (c == 0x2018 && !m.open) is_mark = false;
        }
      } else {
        is_mark = false;
      }
      if (is_mark && (m.open || m.close)) marks.push_back(m);
      prev = c;
    }
    for (Mark& m : marks) m.para = v_.size() ? v_.Paragraph(TokenAt(m.b)) : 0;
    return marks;
  }

  // Whether [b, e) of the text holds a letter or digit.
  bool HasWord(uint32_t b, uint32_t e) const {
    std::string_view s = std::string_view(d_.text).substr(b, e - b);
    size_t i = 0;
    while (i < s.size()) {
      if (IsAlnumCp(utf8::Next(s, i))) return true;
    }
    return false;
  }

  void AddDirect(const Mark& o, uint32_t cb, uint32_t ce, bool closed) {
    uint32_t b = o.e, e = cb;
    // Trim white space.
    while (b < e && (d_.text[b] == ' ' || d_.text[b] == '\n' || d_.text[b] == '\t')) ++b;
    while (e > b && (d_.text[e - 1] == ' ' || d_.text[e - 1] == '\n' || d_.text[e - 1] == '\t')) {
      --e;
    }
    if (e <= b || !HasWord(b, e)) return;
    Quoted q;
    q.ob = o.b;
    q.ce = ce;
    q.content = Span{b, e};
    q.dbl = o.dbl;
    q.para = o.para;
    q.closed = closed;
    q.tb = d_.TokenAtOrAfter(b);
    q.te = q.tb;
    while (q.te < v_.size() && d_.tokens[q.te].begin < e) ++q.te;
    if (q.te <= q.tb) return;
    out_.push_back(q);
  }

  // Pairs marks of one family; unclosed quotes end with their paragraph (double marks only).
  void Pair(const std::vector<Mark>& marks, bool dbl) {
    int64_t open = -1;
    for (size_t i = 0; i < marks.size(); ++i) {
      const Mark& m = marks[i];
      if (m.dbl != dbl) continue;
      if (!dbl && Inside(m.b)) continue;
      if (open >= 0 && m.para != marks[open].para) {
        if (dbl) CloseAtParagraphEnd(marks[open]);
        open = -1;
      }
      if (open < 0) {
        if (m.open) open = static_cast<int64_t>(i);
        continue;
      }
      if (m.close) {
        AddDirect(marks[open], m.b, m.e, true);
        open = -1;
      } else if (m.open) {
        if (dbl) CloseAtParagraphEnd(marks[open]);
        open = static_cast<int64_t>(i);
      }
    }
    if (open >= 0 && dbl) CloseAtParagraphEnd(marks[open]);
  }

  void CloseAtParagraphEnd(const Mark& o) {
    if (o.para >= para_last_.size()) return;
    uint32_t last = para_last_[o.para];
    uint32_t end = d_.tokens[last].end;
    if (end <= o.e) return;
    AddDirect(o, end, end, false);
  }

  bool Inside(uint32_t byte) const {
    for (const Quoted& q : out_) {
      if (q.ob <= byte && byte < q.ce) return true;
    }
    return false;
  }

  const Doc& d_;
  const DocView& v_;
  std::vector<uint32_t> para_last_;
  std::vector<Quoted> out_;
};

}  // namespace

std::vector<Quoted> FindQuoted(const Doc& doc, const DocView& view) {
  if (doc.tokens.empty()) return {};
  return MarkPairer(doc, view).Run();
}

}  // namespace kroniek::quotes
