// The Dutch time lexicon: word classes for the time tagger, loaded from the data files in
// src/times/data/ (lexicon.tsv, holidays.tsv, phrases.tsv), plus the number words, ordinals and
// part-of-day compounds generated from them.
//
// A Lexicon is immutable after Load() and safe to share between threads.
#ifndef KRONIEK_TIMES_TIME_LEXICON_H_
#define KRONIEK_TIMES_TIME_LEXICON_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::times {

// Word classes (a word may be in several).
enum Cat : uint64_t {
  kMonth = 1ull << 0,
  kMonthAbbr = 1ull << 1,
  kWeekday = 1ull << 2,
  kWeekdays = 1ull << 3,    // maandags, maandagen
  kDaypart = 1ull << 4,     // ochtend, avond
  kDaypartAdv = 1ull << 5,  // (')s avonds
  kDayPfx = 1ull << 6,      // prefix of gisteravond / vanochtend (compounds only)
  kDeictic = 1ull << 7,     // vandaag, gisteren
  kSeason = 1ull << 8,
  kSeasonAdv = 1ull << 9,  // (')s zomers
  kUnit = 1ull << 10,
  kNum = 1ull << 11,
  kOrd = 1ull << 12,
  kRelDet = 1ull << 13,
  kRef = 1ull << 14,
  kSet = 1ull << 15,
  kVDur = 1ull << 16,
  kVague = 1ull << 17,
  kApprox = 1ull << 18,
  kApprox1 = 1ull << 19,
  kTimePrep = 1ull << 20,
  kYearPrep = 1ull << 21,
  kModifier = 1ull << 22,
  kEach = 1ull << 23,
  kPer = 1ull << 24,
  kPerson = 1ull << 25,
  kCountNoun = 1ull << 26,
  kPast = 1ull << 27,
  kPerfect = 1ull << 28,
  kFuture = 1ull << 29,
  kArticle = 1ull << 30,
  kSuffix = 1ull << 31,
  kFrac = 1ull << 32,
  kEarlierLater = 1ull << 33,
  kWeekdayPart = 1ull << 34,   // generated: maandagavond
  kDeicticPart = 1ull << 35,   // generated: gisteravond, vanochtend
  kPhraseStart = 1ull << 36,   // first word of a phrases.tsv entry
  kHolidayStart = 1ull << 37,  // first word of a holidays.tsv entry
  kStart = 1ull << 38,         // other words that can start an expression (over, 's)
};

// Units of durations and calendar periods.
enum class Unit : uint8_t {
  kNone,
  kSecond,
  kMinute,
  kQuarterHour,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kHalfYear,
  kYear,
  kDecade,
  kCentury,
  kWeekend,
};

// Parts of the day and seasons, as TIMEX3 codes.
enum class DayPart : uint8_t { kNone, kMO, kAF, kEV, kNI };
enum class Season : uint8_t { kNone, kSP, kSU, kFA, kWI };
const char* DayPartCode(DayPart p);  // "MO", ...; "" for kNone
const char* SeasonCode(Season s);    // "SU", ...; "" for kNone

struct LexEntry {
  uint64_t cats = 0;
  int32_t num = 0;          // kNum
  int16_t ord = 0;          // kOrd (-1 for "laatste")
  int8_t month = 0;         // kMonth, kMonthAbbr
  int8_t weekday = 0;       // kWeekday, kWeekdays, kWeekdayPart
  int8_t deictic = 0;       // kDeictic, kDeicticPart: day offset
  int8_t daypfx = 0;        // kDayPfx: day offset
  int8_t reldet = 0;        // kRelDet
  int8_t suffix = 0;        // kSuffix: -1 past, 1 future
  char modifier = 0;        // kModifier: 'B', 'M', 'E'
  Unit unit = Unit::kNone;  // kUnit
  bool unit_plural = false;
  DayPart daypart = DayPart::kNone;  // kDaypart, kDaypartAdv, kWeekdayPart, kDeicticPart
  Season season = Season::kNone;     // kSeason, kSeasonAdv
  double frac = 0;                   // kFrac
  std::string value;                 // kRef, kSet, kVDur
};

// A holiday rule (holidays.tsv).
struct Holiday {
  std::vector<std::string> words;
  enum class Rule : uint8_t { kFixed, kEaster, kNth, kKingsDay, kQueensDay } rule = Rule::kFixed;
  int month = 0, day = 0;    // kFixed
  int offset = 0;            // kEaster
  int weekday = 0, nth = 0;  // kNth (month too)
};

// A fixed multi-word expression (phrases.tsv).
struct Phrase {
  std::vector<std::string> words;
  std::string type;
  std::string value;  // TIMEX3 value, or @D+n, @T12:00, @DP:MO, @D+n:MO
  int skip = 0;       // words left out of the span at the front
  std::vector<std::string> not_next;
};

class Lexicon {
 public:
  // Loads the embedded data files.
  static Result<std::shared_ptr<const Lexicon>> Load();
  // Builds a lexicon from the texts of the three files (for tests). Fails on a malformed line,
  // naming the file and line.
  static Result<std::shared_ptr<const Lexicon>> Parse(std::string_view lexicon_tsv,
                                                      std::string_view holidays_tsv,
                                                      std::string_view phrases_tsv);

  // The entry of a lower-case word, or nullptr.
  const LexEntry* Find(std::string_view lower) const {
    auto it = words_.find(lower);
    return it == words_.end() ? nullptr : &it->second;
  }
  // Phrases and holidays whose first word is `lower` (indexes into phrases()/holidays()).
  const std::vector<uint32_t>* PhrasesFrom(std::string_view lower) const;
  const std::vector<uint32_t>* HolidaysFrom(std::string_view lower) const;
  const std::vector<Phrase>& phrases() const { return phrases_; }
  const std::vector<Holiday>& holidays() const { return holidays_; }
  size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Map = std::unordered_map<std::string, LexEntry, Hash, std::equal_to<>>;
  using Index = std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>>;

  Lexicon() = default;
  Status ParseLexicon(std::string_view text);
  Status ParseHolidays(std::string_view text);
  Status ParsePhrases(std::string_view text);
  void Generate();

  Map words_;
  std::vector<Phrase> phrases_;
  std::vector<Holiday> holidays_;
  Index phrase_index_;
  Index holiday_index_;
};

}  // namespace kroniek::times

#endif  // KRONIEK_TIMES_TIME_LEXICON_H_
