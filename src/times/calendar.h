// Proleptic Gregorian calendar arithmetic for the time tagger: day numbers, weekdays, ISO weeks,
// Easter, and the document-date anchor that relative expressions are resolved against.
//
// Everything here is pure, allocation-free (except the formatting helpers) and thread-safe.
#ifndef KRONIEK_TIMES_CALENDAR_H_
#define KRONIEK_TIMES_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kroniek::times {

struct Ymd {
  int y = 0;
  int m = 0;  // 1..12
  int d = 0;  // 1..31
  friend bool operator==(const Ymd&, const Ymd&) = default;
};

bool IsLeapYear(int y);
int DaysInMonth(int y, int m);
bool IsValidYmd(int y, int m, int d);
// Days since 1970-01-01 (negative before), for any valid date.
int64_t DaysFromCivil(int y, int m, int d);
inline int64_t DaysFromCivil(const Ymd& x) { return DaysFromCivil(x.y, x.m, x.d); }
Ymd CivilFromDays(int64_t days);
Ymd AddDays(const Ymd& x, int64_t n);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int Weekday(const Ymd& x);
// ISO 8601 week: the week-numbering year and the week 1..53.
void IsoWeek(const Ymd& x, int* week_year, int* week);
// Number of ISO weeks (52 or 53) of ISO year y.
int IsoWeeksInYear(int y);
// Easter Sunday (Gregorian computus).
Ymd EasterSunday(int y);
// The n-th (1-based) given ISO weekday of a month; n = -1 is the last one.
Ymd NthWeekdayOfMonth(int y, int m, int weekday, int n);

// The document date an article's relative expressions are resolved against. Each part may be
// unknown (the date was given only to the year or month, or not at all).
struct Anchor {
  int year = 0;   // 0: unknown
  int month = 0;  // 0: unknown (only meaningful when year is known)
  int day = 0;    // 0: unknown (only meaningful when month is known)

  bool HasYear() const { return year != 0; }
  bool HasMonth() const { return year != 0 && month != 0; }
  bool HasDay() const { return year != 0 && month != 0 && day != 0; }
  Ymd Date() const { return Ymd{year, month, day}; }

  // Parses meta.date: "YYYY", "YYYY-MM", "YYYY-MM-DD", an ISO date-time ("YYYY-MM-DDTHH:MM..."
  // or with a space), with '-', '/' or '.' as separator, and "DD-MM-YYYY". Anything else, or an
  // impossible date, keeps the parts that are valid (or none).
  static Anchor Parse(std::optional<std::string_view> date);
};

// TIMEX3 value fragments; unknown parts (0) are written as X's.
std::string FormatYear(int y);                    // 2022, XXXX
std::string FormatYearMonth(int y, int m);        // 2022-03, 2022-XX, XXXX-XX
std::string FormatDate(int y, int m, int d);      // 2022-03-24, 2022-03-XX, ...
std::string FormatWeek(int week_year, int week);  // 2022-W12, 2022-WXX, XXXX-WXX

}  // namespace kroniek::times

#endif  // KRONIEK_TIMES_CALENDAR_H_
