// Quotation marks: the stretches of an article's text between a pair of them.
//
// Every Dutch style is recognised: " “ ” „ ,, '' « » and the single ' ‘ ’. Whether a mark opens
// or closes follows from the characters around it (an opening mark has white space or an
// opening bracket before it and a word after it); an apostrophe inside a word (zo'n, collega's)
// or before 's, 't, 'n is no quotation mark. Double marks are paired first, single marks outside
// them after. A double-marked quote still open at the end of its paragraph ends there (the next
// paragraph of a multi-paragraph quote opens again); an unclosed single mark is dropped.
#ifndef KRONIEK_QUOTES_MARKS_H_
#define KRONIEK_QUOTES_MARKS_H_

#include <cstdint>
#include <vector>

#include "kroniek/doc.h"
#include "link/doc_view.h"

namespace kroniek::quotes {

// A pair of quotation marks and what they enclose.
struct Quoted {
  uint32_t ob = 0, ce = 0;  // from the opening mark's first byte to the closing mark's last
  Span content;             // between the marks, white space trimmed
  uint32_t tb = 0, te = 0;  // tokens of the content
  uint32_t para = 0;        // paragraph of the opening mark
  bool dbl = true;          // double marks (single: ' ‘ ’)
  bool closed = true;       // false when the paragraph ended first
};

// The quoted stretches of `doc` in text order (needs tokens; uses sentences for paragraphs).
std::vector<Quoted> FindQuoted(const Doc& doc, const link::DocView& view);

}  // namespace kroniek::quotes

#endif  // KRONIEK_QUOTES_MARKS_H_
