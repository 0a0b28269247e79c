// Synthetic Dutch news articles for benchmarks and tests of the corpus store.
//
// Each article is made from templates and word lists written for kroniek (names, places,
// organisations, quotes, PLOVER-style event sentences, time phrases), deterministically from a
// seed and its index. The generator knows where it put every name, quote and event, so besides
// the text it can fill the entity, mention, quote and event layers of the Doc ("gold" layers),
// which lets the store be measured with realistic layers before the models that produce them
// exist. About 5 % of the articles are agency copies of an earlier one in another outlet (an
// edited lead, a dropped closing paragraph): the near-duplicates the store must flag.
#ifndef KRONIEK_SYNTH_SYNTH_NEWS_H_
#define KRONIEK_SYNTH_SYNTH_NEWS_H_

#include <cstdint>
#include <string>

#include "kroniek/doc.h"

namespace kroniek::synth {

struct SynthOptions {
  uint64_t seed = 1;
  bool layers = true;  // fill mentions, entities, quotes and events
  double near_duplicate_rate = 0.05;
};

// Article number `index` (0-based) of the corpus defined by `options`. Its id is "synth-<index>"
// (zero-padded to 7 digits).
Doc MakeArticle(uint64_t index, const SynthOptions& options);

// True when article `index` is an agency copy of an earlier article; *original gets its index.
bool IsNearDuplicate(uint64_t index, const SynthOptions& options, uint64_t* original);

// The article as one JSON Lines record of kroniek's input format (id, date, title, source, url,
// text), without a trailing newline.
std::string ToInputJsonl(const Doc& doc);

}  // namespace kroniek::synth

#endif  // KRONIEK_SYNTH_SYNTH_NEWS_H_
