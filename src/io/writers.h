// The per-format writers behind WriteDoc (kroniek/io.h).
#ifndef KRONIEK_IO_WRITERS_H_
#define KRONIEK_IO_WRITERS_H_

#include <string>

#include "kroniek/io.h"

namespace kroniek::io {

void AppendJson(const Doc& doc, std::string* out);                   // one line, no newline
void AppendConllu(const Doc& doc, const WriteOptions& options, std::string* out);
void AppendConll2002(const Doc& doc, std::string* out);
void AppendTextView(const Doc& doc, const WriteOptions& options, std::string* out);
void AppendPlover(const Doc& doc, std::string* out);

// The BIO tag of every token derived from doc.mentions ("O", "B-PER", "I-PER", ...).
std::vector<std::string> BioTags(const Doc& doc);

}  // namespace kroniek::io

#endif  // KRONIEK_IO_WRITERS_H_
