// IsValidDate: the date syntax of metadata fields and --date (shared/spec/input-formats.md).
//
// Accepted: YYYY, YYYY-MM, YYYY-MM-DD, and YYYY-MM-DD followed by 'T' (or one space, as RFC 3339
// allows) and a time of day hh, hh:mm, hh:mm:ss or hh:mm:ss.fraction, optionally followed by a
// zone: Z, +hh, +hhmm or +hh:mm (or '-'). Months, days (leap years included), hours, minutes and
// seconds must be in range; 24:00[:00] is allowed as the end of a day and :60 as a leap second.
#include <string_view>

#include "kroniek/io.h"

namespace kroniek {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* value) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// Parses a zone designator from s[pos] to the end: Z, +hh, +hhmm, +hh:mm.
bool ValidZone(std::string_view s, size_t pos) {
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  int hh = 0, mm = 0;
  if (!Digits(s, pos + 1, 2, &hh) || hh > 23) return false;
  size_t p = pos + 3;
  if (p == s.size()) return true;
  if (s[p] == ':') ++p;
  return Digits(s, p, 2, &mm) && mm <= 59 && p + 2 == s.size();
}

// Parses a time of day from s[pos] to the end (with an optional zone).
bool ValidTime(std::string_view s, size_t pos) {
  int hh = 0, mm = 0, ss = 0;
  if (!Digits(s, pos, 2, &hh) || hh > 24) return false;
  size_t p = pos + 2;
  bool has_fraction = false;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, &mm) || mm > 59) return false;
    p += 3;
    if (p < s.size() && s[p] == ':') {
      if (!Digits(s, p + 1, 2, &ss) || ss > 60) return false;
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        size_t q = p + 1;
        while (q < s.size() && s[q] >= '0' && s[q] <= '9') ++q;
        if (q == p + 1) return false;
        for (size_t i = p + 1; i < q; ++i) has_fraction |= s[i] != '0';
        p = q;
      }
    }
  }
  if (hh == 24 && (mm != 0 || ss != 0 || has_fraction)) return false;
  if (ss == 60 && !(hh == 23 && mm == 59)) return false;
  return ValidZone(s, p);
}

}  // namespace

bool IsValidDate(std::string_view d) {
  int year = 0, month = 0, day = 0;
  if (!Digits(d, 0, 4, &year)) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || !Digits(d, 5, 2, &month) || month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d.size() < 10 || d[7] != '-' || !Digits(d, 8, 2, &day) || day < 1 ||
      day > DaysInMonth(year, month)) {
    return false;
  }
  if (d.size() == 10) return true;
  if (d[10] != 'T' && d[10] != 't' && d[10] != ' ') return false;
  return ValidTime(d, 11);
}

}  // namespace kroniek
