#include "times/calendar.h"

#include <gtest/gtest.h>

namespace kroniek::times {
namespace {

TEST(CalendarTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
  EXPECT_TRUE(IsValidYmd(2024, 2, 29));
  EXPECT_FALSE(IsValidYmd(2023, 2, 29));
  EXPECT_FALSE(IsValidYmd(2023, 4, 31));
}

TEST(CalendarTest, DayNumbersRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (int64_t z = -700000; z <= 800000; z += 997) {
    Ymd x = CivilFromDays(z);
    ASSERT_TRUE(IsValidYmd(x.y, x.m, x.d)) << z;
    ASSERT_EQ(DaysFromCivil(x), z);
  }
  EXPECT_EQ(AddDays(Ymd{2024, 2, 28}, 1), (Ymd{2024, 2, 29}));
  EXPECT_EQ(AddDays(Ymd{2023, 2, 28}, 1), (Ymd{2023, 3, 1}));
  EXPECT_EQ(AddDays(Ymd{2020, 12, 31}, 1), (Ymd{2021, 1, 1}));
  EXPECT_EQ(AddDays(Ymd{2021, 1, 1}, -1), (Ymd{2020, 12, 31}));
}

TEST(CalendarTest, Weekdays) {
  EXPECT_EQ(Weekday(Ymd{2022, 3, 24}), 4);  // a Thursday
  EXPECT_EQ(Weekday(Ymd{2019, 5, 26}), 7);  // a Sunday
  EXPECT_EQ(Weekday(Ymd{1970, 1, 1}), 4);
  EXPECT_EQ(Weekday(Ymd{1969, 12, 29}), 1);  // before the epoch
}

TEST(CalendarTest, IsoWeeksAcrossYearBoundaries) {
  int y = 0, w = 0;
  IsoWeek(Ymd{2019, 7, 29}, &y, &w);
  EXPECT_EQ(y, 2019);
  EXPECT_EQ(w, 31);
  IsoWeek(Ymd{2021, 1, 3}, &y, &w);  // Sunday of the last week of 2020
  EXPECT_EQ(y, 2020);
  EXPECT_EQ(w, 53);
  IsoWeek(Ymd{2019, 12, 30}, &y, &w);  // Monday of the first week of 2020
  EXPECT_EQ(y, 2020);
  EXPECT_EQ(w, 1);
  IsoWeek(Ymd{2015, 12, 31}, &y, &w);
  EXPECT_EQ(y, 2015);
  EXPECT_EQ(w, 53);
  IsoWeek(Ymd{2022, 1, 2}, &y, &w);
  EXPECT_EQ(y, 2021);
  EXPECT_EQ(w, 52);
  EXPECT_EQ(IsoWeeksInYear(2020), 53);
  EXPECT_EQ(IsoWeeksInYear(2021), 52);
}

TEST(CalendarTest, EasterAndNthWeekday) {
  EXPECT_EQ(EasterSunday(2000), (Ymd{2000, 4, 23}));
  EXPECT_EQ(EasterSunday(2019), (Ymd{2019, 4, 21}));
  EXPECT_EQ(EasterSunday(2022), (Ymd{2022, 4, 17}));
  EXPECT_EQ(EasterSunday(2024), (Ymd{2024, 3, 31}));
  EXPECT_EQ(EasterSunday(2038), (Ymd{2038, 4, 25}));
  // Moederdag: second Sunday of May; Prinsjesdag: third Tuesday of September.
  EXPECT_EQ(NthWeekdayOfMonth(2022, 5, 7, 2), (Ymd{2022, 5, 8}));
  EXPECT_EQ(NthWeekdayOfMonth(2023, 9, 2, 3), (Ymd{2023, 9, 19}));
  EXPECT_EQ(NthWeekdayOfMonth(2022, 3, 5, -1), (Ymd{2022, 3, 25}));
}

TEST(CalendarTest, AnchorParsesEveryPrecision) {
  Anchor a = Anchor::Parse("2022-03-24");
  EXPECT_TRUE(a.HasDay());
  EXPECT_EQ(a.Date(), (Ymd{2022, 3, 24}));
  a = Anchor::Parse("2022-03");
  EXPECT_TRUE(a.HasMonth());
  EXPECT_FALSE(a.HasDay());
  a = Anchor::Parse("2022");
  EXPECT_TRUE(a.HasYear());
  EXPECT_FALSE(a.HasMonth());
  a = Anchor::Parse("2022-03-24T16:30:00+01:00");
  EXPECT_EQ(a.Date(), (Ymd{2022, 3, 24}));
  a = Anchor::Parse("2022-03-24 16:30");
  EXPECT_EQ(a.Date(), (Ymd{2022, 3, 24}));
  a = Anchor::Parse("24-03-2022");
  EXPECT_EQ(a.Date(), (Ymd{2022, 3, 24}));
  a = Anchor::Parse("2022/3/4");
  EXPECT_EQ(a.Date(), (Ymd{2022, 3, 4}));
  // Impossible parts are dropped, nonsense gives nothing.
  a = Anchor::Parse("2023-02-30");
  EXPECT_TRUE(a.HasMonth());
  EXPECT_FALSE(a.HasDay());
  EXPECT_FALSE(Anchor::Parse("gisteren").HasYear());
  EXPECT_FALSE(Anchor::Parse("").HasYear());
  EXPECT_FALSE(Anchor::Parse(std::nullopt).HasYear());
}

TEST(CalendarTest, FormatsUnknownPartsAsX) {
  EXPECT_EQ(FormatDate(2022, 3, 0), "2022-03-XX");
  EXPECT_EQ(FormatDate(0, 3, 24), "XXXX-03-24");
  EXPECT_EQ(FormatDate(0, 0, 0), "XXXX-XX-XX");
  EXPECT_EQ(FormatYearMonth(2022, 0), "2022-XX");
  EXPECT_EQ(FormatWeek(2022, 0), "2022-WXX");
  EXPECT_EQ(FormatWeek(2020, 53), "2020-W53");
  EXPECT_EQ(FormatYear(0), "XXXX");
  EXPECT_EQ(FormatYear(987), "0987");
}

}  // namespace
}  // namespace kroniek::times
