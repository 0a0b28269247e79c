#include "link/kb.h"

#include <charconv>

#include "base/embedded_data.h"
#include "base/errors.h"
#include "tag/text.h"

namespace kroniek::link {
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

// Splits on `sep`, trimming spaces; "-" and empty parts are dropped.
std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    std::string_view part = s.substr(b, e - b);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty() && part != "-") out.emplace_back(part);
    b = e + 1;
  }
  return out;
}

bool ParseYear(std::string_view s, int* v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && *v >= 1000 && *v <= 9999;
}

// "2010-2024", "2024-", "2021", several joined by "+".
bool ParseYears(std::string_view s, std::vector<std::pair<int, int>>* out) {
  for (const std::string& range : SplitList(s, '+')) {
    size_t dash = range.find('-');
    int from = 0, to = 9999;
    if (dash == std::string::npos) {
      if (!ParseYear(range, &from)) return false;
      to = from;
    } else {
      if (!ParseYear(std::string_view(range).substr(0, dash), &from)) return false;
      std::string_view rest = std::string_view(range).substr(dash + 1);
      if (!rest.empty() && !ParseYear(rest, &to)) return false;
    }
    out->push_back({from, to});
  }
  return !out->empty();
}

bool IsParticle(std::string_view lower) {
  static constexpr std::string_view kParticles[] = {
      "van", "de",    "der", "den", "von", "ter", "ten", "te", "da",  "das", "dos", "di",
      "del", "della", "le",  "la",  "du",  "des", "al",  "el", "bin", "ibn", "'t",  "in"};
  for (auto p : kParticles) {
    if (lower == p) return true;
  }
  return false;
}

bool IsRoman(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c != 'I' && c != 'V' && c != 'X') return false;
  }
  return true;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// The surname of a full personal name: the last word with the particles before it
// ("Bart De Wever" -> "De Wever"); empty for one-word names and regnal names.
std::string Surname(std::string_view name) {
  auto w = Words(name);
  if (w.size() < 2 || IsRoman(w.back())) return "";
  size_t b = w.size() - 1;
  while (b > 1 && IsParticle(tag::Lower(w[b - 1]))) --b;
  std::string out;
  for (size_t i = b; i < w.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(w[i]);
  }
  return out;
}

// A title word that may open an alias ("Koning Filip"): such aliases give no surname.
bool IsTitleWord(std::string_view lower) {
  return lower == "koning" || lower == "koningin" || lower == "prins" || lower == "prinses" ||
         lower == "paus" || lower == "ayatollah" || lower == "president" || lower == "premier";
}

}  // namespace

std::string KnowledgeBase::Key(std::string_view s) {
  std::string lower = tag::Lower(s);
  std::string out;
  out.reserve(lower.size());
  for (size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    if (c == ' ' || c == '-' || c == '.' || c == '\'' || c == '\t') continue;
    // U+2019 and U+2018 (E2 80 99 / E2 80 98) are apostrophes too.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < lower.size() &&
        static_cast<unsigned char>(lower[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(lower[i + 2]) == 0x99 ||
         static_cast<unsigned char>(lower[i + 2]) == 0x98)) {
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

Status KnowledgeBase::Add(std::string_view text, KbKind kind, std::string_view file) {
  size_t b = 0;
  int n = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const char* why) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       "link/data/" + std::string(file) + ":" + std::to_string(n) + ": " + why);
    };
    auto cols = SplitTabs(line);
    const size_t need = kind == KbKind::kCountry        ? 6
                        : kind == KbKind::kPlace        ? 4
                        : kind == KbKind::kOrganisation ? 5
                                                        : 6;
    if (cols.size() < need) return bad("too few columns");
    KbEntry en;
    en.kind = kind;
    if (cols[0] != "-") en.id = std::string(cols[0]);
    en.name = std::string(cols[1]);
    if (en.name.empty()) return bad("no canonical name");
    en.aliases = SplitList(cols[2], '|');
    switch (kind) {
      case KbKind::kCountry:
        en.type = "LOC";
        en.adjectives = SplitList(cols[4], '|');
        en.demonyms = SplitList(cols[5], '|');
        break;
      case KbKind::kPlace:
        en.type = "LOC";
        en.country = cols[3] == "-" ? "" : std::string(cols[3]);
        break;
      case KbKind::kOrganisation: {
        en.country = cols[3] == "-" ? "" : std::string(cols[3]);
        en.org_kind = std::string(cols[4]);
        const bool misc =
            en.org_kind == "event" || en.org_kind == "competition" || en.org_kind == "product";
        en.type = misc ? "MISC" : "ORG";
        break;
      }
      case KbKind::kPerson: {
        en.type = "PER";
        en.country = cols[3] == "-" ? "" : std::string(cols[3]);
        en.gender = cols[4].empty() ? '-' : cols[4][0];
        for (const std::string& r : SplitList(cols[5], '|')) {
          size_t a1 = r.find('@');
          size_t a2 = a1 == std::string::npos ? a1 : r.find('@', a1 + 1);
          if (a2 == std::string::npos) return bad("a role needs role@of@years");
          std::vector<std::pair<int, int>> years;
          if (!ParseYears(std::string_view(r).substr(a2 + 1), &years)) return bad("bad role years");
          for (auto [from, to] : years) {
            en.roles.push_back(KbRole{tag::Lower(std::string_view(r).substr(0, a1)),
                                      r.substr(a1 + 1, a2 - a1 - 1), from, to});
          }
        }
        break;
      }
    }
    entries_.push_back(std::move(en));
  }
  return Status();
}

void KnowledgeBase::Index() {
  auto add_key = [&](const std::string& surface, uint32_t i) {
    std::string k = Key(surface);
    if (k.empty()) return;
    auto& v = by_key_[k];
    if (v.empty() || v.back() != i) v.push_back(i);
    auto w = Words(surface);
    max_alias_words_ = std::max(max_alias_words_, w.size() + 1);
    first_words_[Key(w.empty() ? surface : w[0])] = true;
  };
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const KbEntry& e = entries_[i];
    by_name_.emplace(e.name, static_cast<int32_t>(i));
    add_key(e.name, i);
    for (const auto& a : e.aliases) add_key(a, i);
    if (e.kind == KbKind::kPerson) {
      auto add_surname = [&](std::string_view full) {
        auto w = Words(full);
        if (w.empty() || IsTitleWord(tag::Lower(w[0]))) return;
        std::string s = Surname(full);
        if (s.empty()) return;
        auto& v = by_surname_[Key(s)];
        if (v.empty() || v.back() != i) v.push_back(i);
      };
      add_surname(e.name);
      for (const auto& a : e.aliases) add_surname(a);
    }
    if (e.kind == KbKind::kCountry) {
      for (const auto& a : e.adjectives) adjective_.emplace(tag::Lower(a), static_cast<int32_t>(i));
      for (const auto& d : e.demonyms) demonym_.emplace(tag::Lower(d), static_cast<int32_t>(i));
    }
  }
}

Result<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::FromText(std::string_view countries,
                                                                     std::string_view places,
                                                                     std::string_view organisations,
                                                                     std::string_view people) {
  auto kb = std::shared_ptr<KnowledgeBase>(new KnowledgeBase());
  KRONIEK_RETURN_IF_ERROR(kb->Add(countries, KbKind::kCountry, "countries.tsv"));
  KRONIEK_RETURN_IF_ERROR(kb->Add(places, KbKind::kPlace, "places.tsv"));
  KRONIEK_RETURN_IF_ERROR(kb->Add(organisations, KbKind::kOrganisation, "organisations.tsv"));
  KRONIEK_RETURN_IF_ERROR(kb->Add(people, KbKind::kPerson, "people.tsv"));
  kb->Index();
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

Result<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Load() {
  static const char* kFiles[] = {"link/data/countries.tsv", "link/data/places.tsv",
                                 "link/data/organisations.tsv", "link/data/people.tsv"};
  std::string_view text[4];
  for (int i = 0; i < 4; ++i) {
    auto d = EmbeddedData(kFiles[i]);
    if (!d) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       std::string("embedded file missing: ") + kFiles[i]);
    }
    text[i] = *d;
  }
  return FromText(text[0], text[1], text[2], text[3]);
}

const std::vector<uint32_t>& KnowledgeBase::Find(std::string_view surface) const {
  static const std::vector<uint32_t> kNone;
  auto it = by_key_.find(Key(surface));
  return it == by_key_.end() ? kNone : it->second;
}

const std::vector<uint32_t>& KnowledgeBase::FindSurname(std::string_view surface) const {
  static const std::vector<uint32_t> kNone;
  auto it = by_surname_.find(Key(surface));
  return it == by_surname_.end() ? kNone : it->second;
}

int32_t KnowledgeBase::CountryOfAdjective(std::string_view word) const {
  auto it = adjective_.find(tag::Lower(word));
  return it == adjective_.end() ? -1 : it->second;
}

int32_t KnowledgeBase::CountryOfDemonym(std::string_view word) const {
  auto it = demonym_.find(tag::Lower(word));
  return it == demonym_.end() ? -1 : it->second;
}

int32_t KnowledgeBase::ByName(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : it->second;
}

bool KnowledgeBase::MayStart(std::string_view first_word) const {
  return first_words_.count(Key(first_word)) > 0;
}

bool RoleMatchesNoun(std::string_view role, std::string_view noun) {
  if (role == noun) return true;
  // The role's first word ("minister" of "minister van financiën").
  std::string_view head = role.substr(0, role.find(' '));
  if (head == noun) return true;
  auto is = [&](std::initializer_list<std::string_view> set, std::string_view w) {
    for (auto s : set) {
      if (s == w) return true;
    }
    return false;
  };
  // Heads of government.
  if (is({"premier", "minister-president", "eerste minister", "regeringsleider"}, noun) &&
      is({"premier", "minister-president", "eerste minister", "regeringsleider"}, role)) {
    return true;
  }
  if (is({"kanselier", "bondskanselier"}, noun) && is({"kanselier", "bondskanselier"}, role)) {
    return true;
  }
  if (noun == "staatshoofd" && is({"president", "koning", "koningin"}, role)) return true;
  // General words for whoever leads: any leading role.
  if (is({"chef", "baas", "topman", "topvrouw", "leider", "voorman", "voorvrouw", "kopstuk",
          "leidster", "partijleider", "partijvoorzitter"},
         noun)) {
    return is({"secretaris-generaal", "voorzitter", "president", "premier", "minister-president",
               "directeur", "directeur-generaal", "partijleider", "leider", "topman", "topvrouw",
               "ceo", "opperste leider", "fractievoorzitter", "kanselier", "bondskanselier"},
              head == "opperste" ? role : head);
  }
  return false;
}

}  // namespace kroniek::link
