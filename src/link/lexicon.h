// Word lists of the entity linker (src/link/data/): person nouns (titles, roles, relations),
// type nouns ("kledingketen", "de gemeente", "het tv-programma") and first names.
#ifndef KRONIEK_LINK_LEXICON_H_
#define KRONIEK_LINK_LEXICON_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kroniek/status.h"

namespace kroniek::link {

enum class PersonNounClass : uint8_t { kNone, kTitle, kRole, kRelation };

// What a person noun says: its class and the listed noun it was matched by (the word itself,
// or the head of a compound: "defensieleider" -> "leider", "NAVO-chef" -> "chef").
struct PersonNoun {
  PersonNounClass cls = PersonNounClass::kNone;
  std::string head;       // the listed noun
  std::string qualifier;  // the compound's first part when matched by its head ("NAVO", "oud")
};

class LinkLexicon {
 public:
  // The lists compiled into the library.
  static Result<std::shared_ptr<const LinkLexicon>> Load();
  static Result<std::shared_ptr<const LinkLexicon>> FromText(std::string_view person_nouns,
                                                             std::string_view type_nouns,
                                                             std::string_view first_names);

  // The person noun `word` (any case) is, by itself or as a compound's last part.
  PersonNoun Person(std::string_view word) const;
  // The type (ORG, LOC, MISC, GROUP) a type noun gives, by itself or as a compound's last
  // part; empty when `word` is none.
  std::string_view TypeOf(std::string_view word) const;
  bool IsFirstName(std::string_view word) const { return first_names_.count(std::string(word)); }

 private:
  struct Noun {
    std::string value;  // class name or type
    bool head = false;
  };
  const Noun* FindNoun(const std::unordered_map<std::string, Noun>& map, const std::string& lower,
                       std::string* head, std::string* qualifier) const;

  std::unordered_map<std::string, Noun> person_, type_;
  std::unordered_set<std::string> first_names_;
};

}  // namespace kroniek::link

#endif  // KRONIEK_LINK_LEXICON_H_
