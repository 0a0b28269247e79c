// The Dutch tokenizer and sentence splitter, following the UD Dutch treebanks' conventions.
//
// It fills Doc::tokens, Doc::space_after and Doc::sentences from Doc::text. Tokens never lose or
// change text: each token is a byte span of the text, and white space between tokens is recorded
// in space_after. Paragraphs (blank-line separated) always end a sentence.
//
// What is one token (as in UD Dutch Alpino and LassySmall):
//   - abbreviations keep their period (o.a., d.w.z., mr., enz.), and so do initials (J.P.);
//   - numbers, times, dates and amounts stay whole (1.000.000, 16.30, 3,5, 24-03-2022, 10,-, 5%);
//   - hyphenated compounds (NAVO-landen, 's-Hertogenbosch) and word-internal apostrophes
//     (auto's, zo'n, m'n) stay whole; 's, 't, 'n and '80 are words of their own;
//   - URLs, e-mail addresses, hashtags and mentions stay whole;
//   - every other punctuation mark is a token, except the newspaper quotes ,, and '' and an
//     ellipsis (... or …), which are one token each.
// Sentences end at . ! ? and ellipses before a likely sentence start (closing quotes and
// brackets stay with the sentence they close), at line breaks that end a headline or a
// paragraph-per-line text, before a dateline ("BRUSSEL -", "SCHIPHOL (ANP) -") and always at a
// paragraph break.
//
// A Tokenizer is immutable after Create(); Tokenize is const and safe to call from many threads.
#ifndef KRONIEK_TOKENIZE_TOKENIZER_H_
#define KRONIEK_TOKENIZE_TOKENIZER_H_

#include <memory>
#include <string_view>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"

namespace kroniek {

namespace tok {
struct WordLists;
}  // namespace tok

class Tokenizer {
 public:
  // Loads the word lists compiled into the library (src/tokenize/data/).
  static Result<std::shared_ptr<const Tokenizer>> Create();

  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Replaces the token and sentence layers of `doc` with a tokenisation of doc.text.
  void Tokenize(Doc& doc) const;

 private:
  Tokenizer();
  std::unique_ptr<tok::WordLists> lists_;
};

// The pipeline stage around a Tokenizer: reads nothing, writes tokens and sentences.
std::unique_ptr<Stage> MakeTokenizerStage(std::shared_ptr<const Tokenizer> tokenizer);

}  // namespace kroniek

#endif  // KRONIEK_TOKENIZE_TOKENIZER_H_
