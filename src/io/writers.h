// The per-format writers behind WriteDoc (kroniek/io.h).
#ifndef KRONIEK_IO_WRITERS_H_
#define KRONIEK_IO_WRITERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "kroniek/io.h"

namespace kroniek::io {

void AppendJson(const Doc& doc, std::string* out);        // one line, no newline
void AppendPrettyJson(const Doc& doc, std::string* out);  // WriteOptions::pretty, ends in newline
void AppendConllu(const Doc& doc, const WriteOptions& options, std::string* out);
void AppendConll2002(const Doc& doc, std::string* out);
void AppendTextView(const Doc& doc, const WriteOptions& options, std::string* out);
void AppendPlover(const Doc& doc, std::string* out);

// Appends `s` as one column of a CoNLL file: `empty` when `s` is empty, else `s` with every
// byte that would break the line or the columns replaced by `replacement`: tab, CR and LF, and
// with `spaces_too` every other ASCII white space as well (CoNLL-2002 columns are split on
// spaces, CoNLL-U columns on tabs only).
void AppendColumn(std::string_view s, bool spaces_too, char replacement, std::string_view empty,
                  std::string* out);

// The BIO tag of every token derived from doc.mentions ("O", "B-PER", "I-PER", ...).
std::vector<std::string> BioTags(const Doc& doc);

}  // namespace kroniek::io

#endif  // KRONIEK_IO_WRITERS_H_
