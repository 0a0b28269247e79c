// The bundled knowledge base: countries, places, organisations and people that fill Dutch and
// Belgian news, with their canonical names, aliases, types, Wikidata ids and (for people)
// nationality and roles with years. The data are the TSV files of src/link/data/ (each file's
// header describes its columns), compiled into the library.
//
// Lookups fold case and ignore spaces, hyphens, dots and apostrophes, so "N-VA", "NV-A" and
// "nva" find the same party and "Open VLD" finds "Open Vld". Adjectives and demonyms
// ("Noorse", "Noor") map to their country; people can be found by surname and by the roles
// they held in a given year ("premier" of "Nederland" in 2019).
//
// A KnowledgeBase is immutable once built and safe to share between threads.
#ifndef KRONIEK_LINK_KB_H_
#define KRONIEK_LINK_KB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::link {

enum class KbKind : uint8_t { kCountry, kPlace, kOrganisation, kPerson };

// One role of a person: "secretaris-generaal" of "NAVO" from 2014 to 2024 (inclusive years;
// `to` is 9999 while ongoing).
struct KbRole {
  std::string role;  // lower case, e.g. "premier", "minister van financiën"
  std::string of;    // canonical name of an organisation, country or place
  int from = 0;
  int to = 9999;
};

struct KbEntry {
  std::string id;    // Wikidata QID, empty when not known
  std::string name;  // canonical name
  std::string type;  // PER, ORG, LOC or MISC
  KbKind kind = KbKind::kPlace;
  std::vector<std::string> aliases;
  std::string country;        // organisations and places: their country; people: nationality
  std::string org_kind;       // organisations: party, media, club, ...
  char gender = '-';          // people: m, v or -
  std::vector<KbRole> roles;  // people
  std::vector<std::string> adjectives, demonyms;  // countries
};

class KnowledgeBase {
 public:
  // The knowledge base compiled into the library (src/link/data/*.tsv).
  static Result<std::shared_ptr<const KnowledgeBase>> Load();
  // A knowledge base from given file contents (tests). An empty view skips that file.
  static Result<std::shared_ptr<const KnowledgeBase>> FromText(std::string_view countries,
                                                               std::string_view places,
                                                               std::string_view organisations,
                                                               std::string_view people);

  const std::vector<KbEntry>& entries() const { return entries_; }
  const KbEntry& entry(uint32_t i) const { return entries_[i]; }

  // Entries whose canonical name or an alias folds to the same key as `surface`.
  const std::vector<uint32_t>& Find(std::string_view surface) const;
  // People whose surname (the name without the first name(s)) folds like `surface`.
  const std::vector<uint32_t>& FindSurname(std::string_view surface) const;
  // The country whose adjective ("Noorse", "Noors") or demonym ("Noor", "Noren") is `word`
  // (any case), or -1.
  int32_t CountryOfAdjective(std::string_view word) const;
  int32_t CountryOfDemonym(std::string_view word) const;
  // The entry whose canonical name is exactly `name`, or -1.
  int32_t ByName(std::string_view name) const;
  // True when some alias or name starts with this folded first word (a quick filter for scans).
  bool MayStart(std::string_view first_word) const;
  // The longest alias in words.
  size_t max_alias_words() const { return max_alias_words_; }

  // The folded lookup key: lower case, without spaces, hyphens, dots and apostrophes.
  static std::string Key(std::string_view s);

 private:
  Status Add(std::string_view text, KbKind kind, std::string_view file);
  void Index();

  std::vector<KbEntry> entries_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_key_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_surname_;
  std::unordered_map<std::string, int32_t> adjective_, demonym_;
  std::unordered_map<std::string, int32_t> by_name_;
  std::unordered_map<std::string, bool> first_words_;
  size_t max_alias_words_ = 1;
};

// True when `role` (a KB role, e.g. "secretaris-generaal") is named by the noun `noun` as a
// reader would use it ("secretaris-generaal", or a general head noun such as "chef", "leider",
// "topman" for any leading role; "premier" for "minister-president").
bool RoleMatchesNoun(std::string_view role, std::string_view noun);

}  // namespace kroniek::link

#endif  // KRONIEK_LINK_KB_H_
