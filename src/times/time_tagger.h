// The time tagger: finds Dutch time expressions in a Doc's tokens and normalises them to TIMEX3
// (type DATE, TIME, DURATION or SET, and a value) against the document date, meta.date.
//
// Conventions are those of shared/gold-dev/README.md ("Times"): minimal spans without the
// preposition (except fixed expressions such as "van de zomer", "over een week" and
// approximators such as "rond 16.30 uur"); each occurrence in the text is one TimeExpr.
// meta.date may be "YYYY", "YYYY-MM", "YYYY-MM-DD", an ISO date-time or absent; whatever cannot
// be known from it is written with X's ("vandaag" under a month-precision date is 2022-03-XX,
// without any date XXXX-XX-XX). docs/times.md lists the decisions.
//
// The matcher works on the token text only (lower-cased, outer punctuation stripped), so it
// runs with the white-space tokenizer as well as with one that splits punctuation; it uses
// feats (Tense=Past) when a tagger has run, only to choose between past and future readings.
//
// A TimeTagger is immutable after Create(); Tag() is const, thread-safe and linear in the number
// of tokens (a hash lookup per token, pattern checks only at time words).
#ifndef KRONIEK_TIMES_TIME_TAGGER_H_
#define KRONIEK_TIMES_TIME_TAGGER_H_

#include <memory>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"

namespace kroniek {

namespace times {
class Lexicon;
}

class TimeTagger {
 public:
  // Loads the lexicon compiled into the library (src/times/data/).
  static Result<std::shared_ptr<const TimeTagger>> Create();
  // A tagger over a given lexicon (tests).
  static std::shared_ptr<const TimeTagger> CreateWith(
      std::shared_ptr<const times::Lexicon> lexicon);

  // Replaces doc.times with the time expressions of doc's tokens, in text order. Needs the token
  // layer; sentence boundaries are used when present.
  void Tag(Doc& doc) const;

 private:
  explicit TimeTagger(std::shared_ptr<const times::Lexicon> lexicon) : lex_(std::move(lexicon)) {}
  std::shared_ptr<const times::Lexicon> lex_;
};

// The pipeline stage "times": reads tokens and sentences, writes times.
std::unique_ptr<Stage> MakeTimeTaggerStage(std::shared_ptr<const TimeTagger> tagger);

}  // namespace kroniek

#endif  // KRONIEK_TIMES_TIME_TAGGER_H_
