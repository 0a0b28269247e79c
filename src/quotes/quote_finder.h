// Quotes: who said what. Direct quotes (text in quotation marks) and indirect quotes (reported
// speech), each with its speaker entity, the speaker's mention and the cue.
//
// Direct quotes are found from the quotation marks of every Dutch style (" “ ” „ ,, '' « » and
// single ‘ ’ '), paired per paragraph with apostrophes told apart from quote marks; an opened
// quote that runs to the end of its paragraph ends there (a multi-paragraph quote gives one
// quote per paragraph). Short quoted words inside a sentence without a reporting cue are scare
// quotes or titles and are left out; single-quoted ones always.
//
// Indirect quotes are the content of reporting cues (quotes/data/cues.tsv): "zegt dat ...",
// "vroeg of ...", "zei ... te zien", "riep op om ...", "volgens X ...", "..., aldus X",
// "X: ...", "..., maakte X bekend", and "Dat meldt X" pointing back to a sentence without a
// quote. When quoted words are part of a reported clause (a mixed quote) one quote is kept:
// the quoted words when they are most of the clause, else the clause with its marks.
//
// The speaker is the subject of the cue: from the parse (nsubj) when the deps layer is present,
// else from the word order (the clause's first noun phrase, or the one after the finite verb
// when the clause opens with something else: "Op de vraag ... antwoordt Rutte dat"), or the
// noun phrase after an attribution ("..., zei de Noor", "..., aldus Van Dijk", "volgens X").
// A noun phrase gives its entity through the mentions of the entities stage (a named person
// first, then a nominal, a spokesperson's organisation, an organisation or place); pronouns go
// to the last quoted person, else the last person named; "de gemeente" to the entity the
// article introduced as "de gemeente X". A quote without attribution continues the speaker of
// the quote before it (within two paragraphs); quoted subheadings have no speaker.
//
// A definite role noun that speaks ("zegt de defensieleider") and names no one the linker knew
// is taken as the person quoted just before, and added to that entity as a nominal mention.
#ifndef KRONIEK_QUOTES_QUOTE_FINDER_H_
#define KRONIEK_QUOTES_QUOTE_FINDER_H_

#include <memory>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "link/lexicon.h"
#include "quotes/cues.h"

namespace kroniek::quotes {

class QuoteFinder {
 public:
  // The finder over the lexicons compiled into the library.
  static Result<std::shared_ptr<const QuoteFinder>> Create();
  static std::shared_ptr<const QuoteFinder> CreateWith(
      std::shared_ptr<const CueLexicon> cues, std::shared_ptr<const link::LinkLexicon> words);

  // Replaces doc.quotes. Needs tokens and sentences; uses lemmas, tags, the parse and the
  // entities when present (without entities every speaker is unknown).
  void Find(Doc& doc) const;

 private:
  QuoteFinder(std::shared_ptr<const CueLexicon> cues,
              std::shared_ptr<const link::LinkLexicon> words)
      : cues_(std::move(cues)), words_(std::move(words)) {}
  std::shared_ptr<const CueLexicon> cues_;
  std::shared_ptr<const link::LinkLexicon> words_;
};

// The pipeline stage "quotes": reads tokens and sentences, writes quotes.
std::unique_ptr<Stage> MakeQuoteStage(std::shared_ptr<const QuoteFinder> finder);

}  // namespace kroniek::quotes

#endif  // KRONIEK_QUOTES_QUOTE_FINDER_H_
