// Small text helpers for the tagger and lemmatizer features: lower-casing (ASCII and Latin-1
// letters, which cover Dutch), word shapes and code-point-aware prefixes and suffixes.
#ifndef KRONIEK_TAG_TEXT_H_
#define KRONIEK_TAG_TEXT_H_

#include <string>
#include <string_view>

namespace kroniek::tag {

// Lower-cases ASCII letters and the Latin-1 capitals À..Þ; other bytes are kept.
std::string Lower(std::string_view s);
// Upper-cases the first letter the same way.
std::string UpperFirst(std::string_view s);
// True when the first character is an upper-case ASCII or Latin-1 letter.
bool StartsUpper(std::string_view s);
// True when s has letters and all of them are upper case.
bool AllUpper(std::string_view s);
// A compressed shape: runs of upper letters X, lower letters x, digits d; other characters
// kept as themselves. "Jan-Willem" -> "Xx-Xx", "1998" -> "d", "NAVO's" -> "X'x".
std::string Shape(std::string_view s);
// Number of code points.
size_t CodePoints(std::string_view s);
// The last / first n code points (the whole string when shorter).
std::string_view SuffixCp(std::string_view s, size_t n);
std::string_view PrefixCp(std::string_view s, size_t n);

}  // namespace kroniek::tag

#endif  // KRONIEK_TAG_TEXT_H_
