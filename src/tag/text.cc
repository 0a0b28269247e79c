#include "tag/text.h"

namespace kroniek::tag {
namespace {

inline bool IsCont(unsigned char c) { return (c & 0xc0) == 0x80; }
// Latin-1 capital in UTF-8: C3 80..9E except C3 97 (multiplication sign).
inline bool IsLatinUpper(unsigned char a, unsigned char b) {
  return a == 0xc3 && b >= 0x80 && b <= 0x9e && b != 0x97;
}
inline bool IsLatinLower(unsigned char a, unsigned char b) {
  return a == 0xc3 && b >= 0x9f && b <= 0xbf && b != 0xb7;
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (i + 1 < out.size() && IsLatinUpper(c, static_cast<unsigned char>(out[i + 1]))) {
      out[i + 1] = static_cast<char>(static_cast<unsigned char>(out[i + 1]) + 0x20);
      ++i;
    }
  }
  return out;
}

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (out.empty()) return out;
  unsigned char c = static_cast<unsigned char>(out[0]);
  if (c >= 'a' && c <= 'z') {
    out[0] = static_cast<char>(c - 32);
  } else if (out.size() > 1 && IsLatinLower(c, static_cast<unsigned char>(out[1])) &&
             static_cast<unsigned char>(out[1]) != 0x9f &&
             static_cast<unsigned char>(out[1]) != 0xbf) {
    out[1] = static_cast<char>(static_cast<unsigned char>(out[1]) - 0x20);
  }
  return out;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return s.size() > 1 && IsLatinUpper(c, static_cast<unsigned char>(s[1]));
}

bool AllUpper(std::string_view s) {
  bool letters = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letters = true;
    if (i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (IsLatinLower(c, d)) return false;
      if (IsLatinUpper(c, d)) letters = true;
    }
  }
  return letters;
}

std::string Shape(std::string_view s) {
  std::string out;
  char last = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char k;
    if (c >= 'A' && c <= 'Z') {
      k = 'X';
    } else if (c >= 'a' && c <= 'z') {
      k = 'x';
    } else if (c >= '0' && c <= '9') {
      k = 'd';
    } else if (c >= 0x80) {
      if (IsCont(c)) continue;
      unsigned char d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
      k = IsLatinUpper(c, d) ? 'X' : (c == 0xc3 ? 'x' : 'u');
    } else {
      k = static_cast<char>(c);
    }
    if (k != last || !(k == 'X' || k == 'x' || k == 'd' || k == 'u')) out.push_back(k);
    last = k;
    if (out.size() > 12) break;
  }
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsCont(static_cast<unsigned char>(c));
  return n;
}

std::string_view SuffixCp(std::string_view s, size_t n) {
  size_t i = s.size();
  size_t k = 0;
  while (i > 0 && k < n) {
    --i;
    while (i > 0 && IsCont(static_cast<unsigned char>(s[i]))) --i;
    ++k;
  }
  return s.substr(i);
}

std::string_view PrefixCp(std::string_view s, size_t n) {
  size_t i = 0;
  size_t k = 0;
  while (i < s.size() && k < n) {
    ++i;
    while (i < s.size() && IsCont(static_cast<unsigned char>(s[i]))) ++i;
    ++k;
  }
  return s.substr(0, i);
}

}  // namespace kroniek::tag
