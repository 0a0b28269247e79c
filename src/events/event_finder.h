// PLOVER events: who did what to whom, where and when (docs/events.md).
//
// Triggers are verbs and nouns of the trigger lexicon (events/data/triggers.tsv), matched by
// lemma (noun compounds by their head: "topoverleg" -> overleg) and kept only when the sense's
// constraints hold on the parse (the object it needs, a preposition, a modifier). For each
// trigger:
//  - actors: the subject of a verb (the door-phrase of a passive), else the subject of the verb
//    it depends on through xcomp/conj ("weigeren samen te werken"); for a noun its door- or
//    possessive phrase, its van-phrase when the sense says so ("het bezoek van Rutte"), else the
//    subject of the clause it is an argument of ("Poetin maakte een fout met het binnenvallen").
//  - targets: the object, indirect object or passive subject of a verb; the van-phrase of a noun
//    ("het binnenvallen van Oekraïne"); an aan/tegen/met/tegenover phrase (op for attacks).
//  - phrases become entities through the entity layer: every mention inside the phrase (the
//    name part of "NAVO-landen" too), pronouns resolved to the last person named (first person
//    inside a direct quote to the quote's speaker), relative pronouns to their antecedent.
//  - location: the one named place of an in/bij/te phrase of the trigger or its clause, else
//    the dateline's place for an event in the dateline's sentence.
//  - time: the DATE/TIME expression of the sentence attached to the trigger's clause, else the
//    nearest one in the sentence (the PLOVER writer falls back to the document date).
//  - status: negated (niet, nooit, geen), hypothetical (als/of-clauses, zou, bijvoorbeeld,
//    overwegen), planned (zullen, gaan, willen, van plan, verwachten, aankondigen), else
//    asserted.
// Precision: a trigger needs a named participant (a named actor for most nouns) unless its sense
// is `bare` (a stabbing, an arrest); an event that is the content of a refusal, demand or threat
// is part of that event; sports reports switch off the senses marked nosport.
// Deduplication: the same type told twice (the same trigger word or a compound of it, or the
// same named actors) with compatible participants and times is one event, represented by its
// most complete telling.
#ifndef KRONIEK_EVENTS_EVENT_FINDER_H_
#define KRONIEK_EVENTS_EVENT_FINDER_H_

#include <memory>

#include "events/trigger_lexicon.h"
#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"

namespace kroniek::events {

class EventFinder {
 public:
  // The finder over the lexicon compiled into the library.
  static Result<std::shared_ptr<const EventFinder>> Create();
  static std::shared_ptr<const EventFinder> CreateWith(
      std::shared_ptr<const TriggerLexicon> lexicon);

  // Replaces doc.events. Needs tokens and sentences; finds nothing without the parse (deps).
  // Uses lemmas, tags, entities, quotes and times when present.
  void Find(Doc& doc) const;

  const TriggerLexicon& lexicon() const { return *lex_; }

 private:
  explicit EventFinder(std::shared_ptr<const TriggerLexicon> lex) : lex_(std::move(lex)) {}
  std::shared_ptr<const TriggerLexicon> lex_;
};

// The pipeline stage "events": reads tokens and sentences, writes events.
std::unique_ptr<Stage> MakeEventStage(std::shared_ptr<const EventFinder> finder);

}  // namespace kroniek::events

#endif  // KRONIEK_EVENTS_EVENT_FINDER_H_
