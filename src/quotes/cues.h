// The reporting-verb lexicon of the quotes stage (src/quotes/data/cues.tsv) and the source
// nouns that may follow "volgens" (src/quotes/data/sources.tsv).
#ifndef KRONIEK_QUOTES_CUES_H_
#define KRONIEK_QUOTES_CUES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kroniek/status.h"

namespace kroniek::quotes {

enum CueFrame : uint32_t {
  kFrameDat = 1,         // "zei dat ..."
  kFrameOf = 2,          // "vroeg of ..."
  kFrameTe = 4,          // "zei ... te zien"
  kFrameOm = 8,          // "riep op om ..."
  kFrameDirect = 16,     // attributes a direct quote
  kNeedsLaten = 32,      // only after "laten" ("laat weten")
  kNeedsAdjective = 64,  // only with a judgement before "dat" ("houdt het voor mogelijk dat")
};

struct Cue {
  std::string lemma;
  uint32_t frames = 0;
};

class CueLexicon {
 public:
  static Result<std::shared_ptr<const CueLexicon>> Load();
  static Result<std::shared_ptr<const CueLexicon>> FromText(std::string_view cues,
                                                            std::string_view sources);

  // The cue whose lemma is `lemma` (particle verbs with or without the lemmatizer's "_").
  const Cue* ByLemma(std::string_view lemma) const;
  // The cue one of whose listed word forms is `lower` (for text without a lemma layer).
  const Cue* ByForm(std::string_view lower) const;
  // True when `lower` is a source noun that "volgens" may take ("waarnemers", "de krant").
  bool IsSource(std::string_view lower) const { return sources_.count(std::string(lower)) > 0; }

 private:
  std::unordered_map<std::string, Cue> by_lemma_;
  std::unordered_map<std::string, std::string> form_to_lemma_;
  std::unordered_set<std::string> sources_;
};

}  // namespace kroniek::quotes

#endif  // KRONIEK_QUOTES_CUES_H_
