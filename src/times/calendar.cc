#include "times/calendar.h"

#include <cstdio>

namespace kroniek::times {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsValidYmd(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return Ymd{y, m, d};
}

Ymd AddDays(const Ymd& x, int64_t n) { return CivilFromDays(DaysFromCivil(x) + n); }

int Weekday(const Ymd& x) {
  // 1970-01-01 was a Thursday (4).
  int64_t z = DaysFromCivil(x);
  int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

void IsoWeek(const Ymd& x, int* week_year, int* week) {
  // The ISO week belongs to the year of its Thursday.
  Ymd thursday = AddDays(x, 4 - Weekday(x));
  int64_t jan1 = DaysFromCivil(thursday.y, 1, 1);
  *week_year = thursday.y;
  *week = static_cast<int>((DaysFromCivil(thursday) - jan1) / 7 + 1);
}

int IsoWeeksInYear(int y) {
  int wy = 0, w = 0;
  IsoWeek(Ymd{y, 12, 28}, &wy, &w);  // 28 December is always in the last ISO week
  return w;
}

Ymd EasterSunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return Ymd{y, month, day};
}

Ymd NthWeekdayOfMonth(int y, int m, int weekday, int n) {
  if (n > 0) {
    Ymd first{y, m, 1};
    int delta = (weekday - Weekday(first) + 7) % 7;
    return AddDays(first, delta + 7 * (n - 1));
  }
  Ymd last{y, m, DaysInMonth(y, m)};
  int delta = (Weekday(last) - weekday + 7) % 7;
  return AddDays(last, -delta);
}

namespace {

// Reads a run of digits starting at s[*i]; returns the count read (0 when none).
int ReadDigits(std::string_view s, size_t* i, int* value) {
  int n = 0, v = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9' && n < 9) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++n;
  }
  *value = v;
  return n;
}

bool IsSep(char c) { return c == '-' || c == '/' || c == '.'; }

}  // namespace

Anchor Anchor::Parse(std::optional<std::string_view> date) {
  Anchor a;
  if (!date) return a;
  std::string_view s = *date;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int n = 0;
  size_t i = 0;
  while (n < 3) {
    int v = 0;
    int k = ReadDigits(s, &i, &v);
    if (k == 0) break;
    parts[n] = v;
    digits[n] = k;
    ++n;
    if (i < s.size() && IsSep(s[i]) && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      ++i;
      continue;
    }
    break;
  }
  int y = 0, m = 0, d = 0;
  if (n >= 1 && digits[0] == 4) {
    y = parts[0];
    if (n >= 2 && digits[1] <= 2) m = parts[1];
    if (n >= 3 && digits[2] <= 2) d = parts[2];
  } else if (n == 3 && digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
    y = parts[2];
    m = parts[1];
    d = parts[0];
  } else {
    return a;
  }
  if (y < 1 || y > 9999) return a;
  a.year = y;
  if (m >= 1 && m <= 12) {
    a.month = m;
    if (d >= 1 && d <= DaysInMonth(y, m)) a.day = d;
  }
  return a;
}

std::string FormatYear(int y) {
  if (y <= 0 || y > 9999) return "XXXX";
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

std::string FormatYearMonth(int y, int m) {
  std::string s = FormatYear(y);
  s += '-';
  if (m >= 1 && m <= 12) {
    s += static_cast<char>('0' + m / 10);
    s += static_cast<char>('0' + m % 10);
  } else {
    s += "XX";
  }
  return s;
}

std::string FormatDate(int y, int m, int d) {
  std::string s = FormatYearMonth(y, m);
  s += '-';
  if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
    s += static_cast<char>('0' + d / 10);
    s += static_cast<char>('0' + d % 10);
  } else {
    s += "XX";
  }
  return s;
}

std::string FormatWeek(int week_year, int week) {
  std::string s = FormatYear(week_year);
  s += "-W";
  if (week >= 1 && week <= 53) {
    s += static_cast<char>('0' + week / 10);
    s += static_cast<char>('0' + week % 10);
  } else {
    s += "XX";
  }
  return s;
}

}  // namespace kroniek::times
