// The trigger lexicon of the events stage (events/data/triggers.tsv): Dutch lemmas that express
// PLOVER events, each with the sense constraints under which it does (the object it needs, a
// preposition, a modifier, whether it may stand without named participants).
//
// A lemma may have several senses ("sturen" MOBILIZE with troops, AID with weapons,
// "veroordelen" COERCE with "tot", else ACCUSE); the event finder takes the first whose
// constraints hold. Noun senses also match compounds that end in them ("topoverleg",
// "wapenlevering") unless marked exact. Lemmas are stored without compound marks, lower case.
#ifndef KRONIEK_EVENTS_TRIGGER_LEXICON_H_
#define KRONIEK_EVENTS_TRIGGER_LEXICON_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::events {

// PLOVER's sixteen event types, in the order of the spec.
extern const char* const kPloverTypes[16];
bool IsPloverType(std::string_view type);

// A set of words or entity types a constraint accepts.
struct WordSet {
  std::unordered_set<std::string> words;  // lemmas, compound marks removed
  bool per = false, org = false, loc = false;
  bool empty() const { return words.empty() && !per && !org && !loc; }
};

// One sense of a trigger lemma.
struct TriggerSense {
  std::string lemma;               // the key: lemma without compound marks ("binnenvallen")
  std::string with;                // for multi-word entries ("beschikbaar_stellen"): the other word
  char pos = 'V';                  // 'V' verb, 'N' noun, '*' either
  std::string type;                // PLOVER type
  WordSet obj;                     // the theme must be one of these (empty: anything)
  std::vector<std::string> preps;  // a prepositional argument with one of these (empty: none)
  std::vector<std::string> mods;   // a modifier with one of these lemmas (empty: none)
  bool van_actor = false;          // a van-phrase of the noun is the actor, not the target
  bool bare = false;               // may stand without named participants
  bool needs_actor = false;
  bool nosport = false;
  bool exact = false;         // no compound matching
  bool nonneg = false;        // not an event when negated
  bool unaccusative = false;  // perfect with "zijn": "is binnengevallen" is active
};

class TriggerLexicon {
 public:
  // The lexicon compiled into the library.
  static Result<std::shared_ptr<const TriggerLexicon>> Load();
  // Parses the text of a triggers.tsv file; `name` is used in error messages.
  static Result<std::shared_ptr<const TriggerLexicon>> FromText(std::string_view text,
                                                                std::string_view name);

  // The senses of a lemma key (empty when none).
  const std::vector<TriggerSense>* Find(std::string_view key) const;
  // A class of words (@sport, ...), or nullptr.
  const std::unordered_set<std::string>* Class(std::string_view name) const;
  size_t size() const { return senses_.size(); }  // number of distinct lemmas
  // The longest suffix of `key` (at least 4 bytes, leaving at least 3) with senses that allow
  // compound matching, or an empty view.
  std::string_view CompoundHead(std::string_view key) const;

 private:
  std::unordered_map<std::string, std::vector<TriggerSense>> senses_;
  std::unordered_map<std::string, std::unordered_set<std::string>> classes_;
};

// A lemma as a lexicon key: lower case, compound marks ('_') and hyphens removed.
std::string LemmaKey(std::string_view lemma);

}  // namespace kroniek::events

#endif  // KRONIEK_EVENTS_TRIGGER_LEXICON_H_
