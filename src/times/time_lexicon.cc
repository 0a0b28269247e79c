#include "times/time_lexicon.h"

#include <charconv>
#include <cstdlib>

#include "base/embedded_data.h"
#include "base/errors.h"

namespace kroniek::times {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t e = line.find('\t', b);
    out.push_back(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::vector<std::string> SplitChar(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

bool ParseInt(std::string_view s, int* v) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Calls fn(line_number, line) for every non-empty, non-comment line.
template <typename Fn>
Status ForEachLine(std::string_view text, std::string_view file, Fn fn) {
  size_t b = 0;
  int n = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++n;
    b = e + 1;
    if (line.empty() || line.front() == '#') continue;
    if (!fn(line)) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       "times/data/" + std::string(file) + ":" + std::to_string(n) +
                           ": malformed line '" + std::string(line) + "'");
    }
  }
  return Status();
}

bool ParseUnit(std::string_view s, Unit* u) {
  static constexpr std::pair<std::string_view, Unit> kUnits[] = {
      {"S", Unit::kSecond},  {"MIN", Unit::kMinute}, {"QH", Unit::kQuarterHour},
      {"H", Unit::kHour},    {"D", Unit::kDay},      {"W", Unit::kWeek},
      {"M", Unit::kMonth},   {"Q", Unit::kQuarter},  {"HY", Unit::kHalfYear},
      {"Y", Unit::kYear},    {"DE", Unit::kDecade},  {"CE", Unit::kCentury},
      {"WE", Unit::kWeekend}};
  for (const auto& [name, unit] : kUnits) {
    if (s == name) {
      *u = unit;
      return true;
    }
  }
  return false;
}

bool ParseDayPart(std::string_view s, DayPart* p) {
  if (s == "MO")
    *p = DayPart::kMO;
  else if (s == "AF")
    *p = DayPart::kAF;
  else if (s == "EV")
    *p = DayPart::kEV;
  else if (s == "NI")
    *p = DayPart::kNI;
  else
    return false;
  return true;
}

bool ParseSeason(std::string_view s, Season* p) {
  if (s == "SP")
    *p = Season::kSP;
  else if (s == "SU")
    *p = Season::kSU;
  else if (s == "FA")
    *p = Season::kFA;
  else if (s == "WI")
    *p = Season::kWI;
  else
    return false;
  return true;
}

}  // namespace

const char* DayPartCode(DayPart p) {
  switch (p) {
    case DayPart::kMO:
      return "MO";
    case DayPart::kAF:
      return "AF";
    case DayPart::kEV:
      return "EV";
    case DayPart::kNI:
      return "NI";
    case DayPart::kNone:
      break;
  }
  return "";
}

const char* SeasonCode(Season s) {
  switch (s) {
    case Season::kSP:
      return "SP";
    case Season::kSU:
      return "SU";
    case Season::kFA:
      return "FA";
    case Season::kWI:
      return "WI";
    case Season::kNone:
      break;
  }
  return "";
}

Status Lexicon::ParseLexicon(std::string_view text) {
  return ForEachLine(text, "lexicon.tsv", [&](std::string_view line) {
    auto f = SplitTabs(line);
    if (f.size() < 2 || f[0].empty()) return false;
    LexEntry& e = words_[std::string(f[0])];
    std::string_view cat = f[1];
    auto arg_int = [&](size_t k, int* v) { return f.size() > k && ParseInt(f[k], v); };
    int v = 0;
    if (cat == "month" || cat == "monthabbr") {
      if (!arg_int(2, &v) || v < 1 || v > 12) return false;
      e.cats |= cat == "month" ? kMonth : kMonthAbbr;
      e.month = static_cast<int8_t>(v);
    } else if (cat == "weekday" || cat == "weekdays") {
      if (!arg_int(2, &v) || v < 1 || v > 7) return false;
      e.cats |= cat == "weekday" ? kWeekday : kWeekdays;
      e.weekday = static_cast<int8_t>(v);
    } else if (cat == "daypart" || cat == "daypartadv") {
      if (f.size() < 3 || !ParseDayPart(f[2], &e.daypart)) return false;
      e.cats |= cat == "daypart" ? kDaypart : kDaypartAdv;
    } else if (cat == "daypfx") {
      if (!arg_int(2, &v)) return false;
      e.cats |= kDayPfx;
      e.daypfx = static_cast<int8_t>(v);
    } else if (cat == "deictic") {
      if (!arg_int(2, &v)) return false;
      e.cats |= kDeictic;
      e.deictic = static_cast<int8_t>(v);
    } else if (cat == "season" || cat == "seasonadv") {
      if (f.size() < 3 || !ParseSeason(f[2], &e.season)) return false;
      e.cats |= cat == "season" ? kSeason : kSeasonAdv;
    } else if (cat == "unit") {
      if (f.size() < 4 || !ParseUnit(f[2], &e.unit)) return false;
      if (f[3] != "sg" && f[3] != "pl") return false;
      e.cats |= kUnit;
      e.unit_plural = f[3] == "pl";
    } else if (cat == "num") {
      if (!arg_int(2, &v) || v < 0) return false;
      e.cats |= kNum;
      e.num = v;
    } else if (cat == "ord") {
      if (!arg_int(2, &v)) return false;
      e.cats |= kOrd;
      e.ord = static_cast<int16_t>(v);
    } else if (cat == "reldet") {
      if (!arg_int(2, &v)) return false;
      e.cats |= kRelDet;
      e.reldet = static_cast<int8_t>(v);
    } else if (cat == "suffix") {
      if (!arg_int(2, &v)) return false;
      e.cats |= kSuffix;
      e.suffix = static_cast<int8_t>(v);
    } else if (cat == "modifier") {
      if (f.size() < 3 || f[2].size() != 1 ||
          std::string_view("BME").find(f[2][0]) == std::string_view::npos) {
        return false;
      }
      e.cats |= kModifier;
      e.modifier = f[2][0];
    } else if (cat == "ref" || cat == "set" || cat == "vdur") {
      if (f.size() < 3 || f[2].empty()) return false;
      e.cats |= cat == "ref" ? kRef : cat == "set" ? kSet : kVDur;
      e.value = std::string(f[2]);
    } else if (cat == "frac") {
      if (f.size() < 3) return false;
      char* end = nullptr;
      std::string s(f[2]);
      e.frac = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size() || e.frac <= 0) return false;
      e.cats |= kFrac;
    } else {
      static constexpr std::pair<std::string_view, Cat> kFlags[] = {{"vague", kVague},
                                                                    {"approx", kApprox},
                                                                    {"approx1", kApprox1},
                                                                    {"timeprep", kTimePrep},
                                                                    {"yearprep", kYearPrep},
                                                                    {"each", kEach},
                                                                    {"per", kPer},
                                                                    {"person", kPerson},
                                                                    {"countnoun", kCountNoun},
                                                                    {"past", kPast},
                                                                    {"perfect", kPerfect},
                                                                    {"future", kFuture},
                                                                    {"article", kArticle},
                                                                    {"earlierlater", kEarlierLater},
                                                                    {"start", kStart}};
      bool found = false;
      for (const auto& [name, flag] : kFlags) {
        if (cat == name) {
          e.cats |= flag;
          found = true;
        }
      }
      if (!found) return false;
    }
    return true;
  });
}

Status Lexicon::ParseHolidays(std::string_view text) {
  return ForEachLine(text, "holidays.tsv", [&](std::string_view line) {
    auto f = SplitTabs(line);
    if (f.size() != 2) return false;
    Holiday h;
    h.words = SplitChar(f[0], ' ');
    auto r = SplitChar(f[1], ' ');
    if (h.words.empty() || r.empty()) return false;
    auto num = [&](size_t k, int* v) { return r.size() > k && ParseInt(r[k], v); };
    if (r[0] == "fixed") {
      h.rule = Holiday::Rule::kFixed;
      if (!num(1, &h.month) || !num(2, &h.day) || h.month < 1 || h.month > 12 || h.day < 1 ||
          h.day > 31) {
        return false;
      }
    } else if (r[0] == "easter") {
      h.rule = Holiday::Rule::kEaster;
      if (!num(1, &h.offset)) return false;
    } else if (r[0] == "nth") {
      h.rule = Holiday::Rule::kNth;
      if (!num(1, &h.month) || !num(2, &h.weekday) || !num(3, &h.nth)) return false;
      if (h.month < 1 || h.month > 12 || h.weekday < 1 || h.weekday > 7) return false;
    } else if (r[0] == "kingsday") {
      h.rule = Holiday::Rule::kKingsDay;
    } else if (r[0] == "queensday") {
      h.rule = Holiday::Rule::kQueensDay;
    } else {
      return false;
    }
    holiday_index_[h.words[0]].push_back(static_cast<uint32_t>(holidays_.size()));
    words_[h.words[0]].cats |= kHolidayStart;
    holidays_.push_back(std::move(h));
    return true;
  });
}

Status Lexicon::ParsePhrases(std::string_view text) {
  return ForEachLine(text, "phrases.tsv", [&](std::string_view line) {
    auto f = SplitTabs(line);
    if (f.size() < 4 || f.size() > 5) return false;
    Phrase p;
    p.words = SplitChar(f[0], ' ');
    p.type = std::string(f[1]);
    p.value = std::string(f[2]);
    if (p.words.empty() || p.value.empty()) return false;
    if (p.type != "DATE" && p.type != "TIME" && p.type != "DURATION" && p.type != "SET") {
      return false;
    }
    if (!ParseInt(f[3], &p.skip) || p.skip < 0 || p.skip >= static_cast<int>(p.words.size())) {
      return false;
    }
    if (f.size() == 5) p.not_next = SplitChar(f[4], ',');
    phrase_index_[p.words[0]].push_back(static_cast<uint32_t>(phrases_.size()));
    words_[p.words[0]].cats |= kPhraseStart;
    phrases_.push_back(std::move(p));
    return true;
  });
}

// Adds the number words 1..999, the ordinals up to 100 and the part-of-day compounds.
void Lexicon::Generate() {
  std::string unit_names[10];
  std::string tens_names[10];  // 10, 20, ..., 90
  std::string teen_names[10];  // 10..19
  std::vector<std::pair<std::string, int>> direct;
  for (const auto& [w, e] : words_) {
    if (!(e.cats & kNum)) continue;
    if (w == "één" || w == "eén") continue;
    if (e.num >= 1 && e.num <= 9) unit_names[e.num] = w;
    if (e.num >= 10 && e.num <= 19) teen_names[e.num - 10] = w;
    if (e.num >= 10 && e.num <= 90 && e.num % 10 == 0) tens_names[e.num / 10] = w;
  }
  auto add_num = [&](const std::string& w, int n) {
    LexEntry& e = words_[w];
    if (!(e.cats & kNum)) {
      e.cats |= kNum;
      e.num = n;
    }
  };
  std::string names[100];
  for (int n = 1; n < 100; ++n) {
    if (n < 10) {
      names[n] = unit_names[n];
    } else if (n < 20) {
      names[n] = teen_names[n - 10];
    } else if (n % 10 == 0) {
      names[n] = tens_names[n / 10];
    } else {
      const std::string& u = unit_names[n % 10];
      // tweeëntwintig, drieëntwintig: a diaeresis after a vowel e.
      std::string joint = !u.empty() && u.back() == 'e' ? "\xC3\xABn" : "en";
      names[n] = u + joint + tens_names[n / 10];
      if (joint != "en") add_num(u + "en" + tens_names[n / 10], n);
    }
    if (!names[n].empty()) add_num(names[n], n);
  }
  for (int h = 1; h <= 9; ++h) {
    std::string prefix = h == 1 ? "honderd" : unit_names[h] + "honderd";
    if (prefix == "honderd" && h != 1) continue;
    add_num(prefix, h * 100);
    for (int n = 1; n < 100; ++n) {
      if (!names[n].empty()) add_num(prefix + names[n], h * 100 + n);
    }
  }
  // Fractions written as one word: vijfenhalf, tweeënhalf.
  for (int n = 1; n < 100; ++n) {
    if (names[n].empty()) continue;
    std::string joint = names[n].back() == 'e' ? "\xC3\xABnhalf" : "enhalf";
    LexEntry& e = words_[names[n] + joint];
    e.cats |= kFrac;
    e.frac = n + 0.5;
  }
  // Ordinals: the irregular first ten are listed; elfde .. negentiende, twintigste ...
  for (int n = 11; n <= 100; ++n) {
    std::string base = n == 100 ? "honderd" : names[n];
    if (base.empty()) continue;
    std::string w = base + (n < 20 ? "de" : "ste");
    if (n == 11) w = "elfde";
    if (n == 12) w = "twaalfde";
    LexEntry& e = words_[w];
    e.cats |= kOrd;
    e.ord = static_cast<int16_t>(n);
  }
  // Part-of-day compounds.
  std::vector<std::pair<std::string, DayPart>> parts;
  std::vector<std::pair<std::string, int>> weekdays;
  std::vector<std::pair<std::string, int>> prefixes;
  for (const auto& [w, e] : words_) {
    if (e.cats & kDaypart) parts.emplace_back(w, e.daypart);
    if (e.cats & kWeekday) weekdays.emplace_back(w, e.weekday);
    if (e.cats & kDayPfx) prefixes.emplace_back(w, e.daypfx);
  }
  for (const auto& [p, dp] : parts) {
    for (const auto& [w, wd] : weekdays) {
      LexEntry& e = words_[w + p];
      e.cats |= kWeekdayPart;
      e.weekday = static_cast<int8_t>(wd);
      e.daypart = dp;
    }
    for (const auto& [w, off] : prefixes) {
      LexEntry& e = words_[w + p];
      e.cats |= kDeicticPart;
      e.deictic = static_cast<int8_t>(off);
      e.daypart = dp;
    }
  }
}

Result<std::shared_ptr<const Lexicon>> Lexicon::Parse(std::string_view lexicon_tsv,
                                                      std::string_view holidays_tsv,
                                                      std::string_view phrases_tsv) {
  std::shared_ptr<Lexicon> lex(new Lexicon());
  Status st = lex->ParseLexicon(lexicon_tsv);
  if (st.ok()) st = lex->ParseHolidays(holidays_tsv);
  if (st.ok()) st = lex->ParsePhrases(phrases_tsv);
  if (!st.ok()) return st;
  lex->Generate();
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

Result<std::shared_ptr<const Lexicon>> Lexicon::Load() {
  auto lexicon = EmbeddedData("times/data/lexicon.tsv");
  auto holidays = EmbeddedData("times/data/holidays.tsv");
  auto phrases = EmbeddedData("times/data/phrases.tsv");
  if (!lexicon || !holidays || !phrases) {
    return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                     "the time lexicon (times/data/*.tsv) is not compiled in");
  }
  return Parse(*lexicon, *holidays, *phrases);
}

const std::vector<uint32_t>* Lexicon::PhrasesFrom(std::string_view lower) const {
  auto it = phrase_index_.find(lower);
  return it == phrase_index_.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* Lexicon::HolidaysFrom(std::string_view lower) const {
  auto it = holiday_index_.find(lower);
  return it == holiday_index_.end() ? nullptr : &it->second;
}

}  // namespace kroniek::times
