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
// paragraph break. Other gaps before a possible sentence start (a capitalised word, a number, a
// quote or bracket) are decided by a small learned model (sentence_model.h, compiled into the
// library) that splits off headings, titles and list items without final punctuation
// ("Geschiedenis In 1921 werd ..."), or, with the model turned off, by heading and list
// heuristics. The model is on by default: on text without layout it is better than the
// heuristics (LassySmall dev Sentences F1 89.5 -> 93.3) and on news as good (Alpino dev 99.58
// both; 1960s newspapers 95.8 -> 96.0).
//
// A Tokenizer is immutable after Create(); Tokenize is const and safe to call from many threads.
#ifndef KRONIEK_TOKENIZE_TOKENIZER_H_
#define KRONIEK_TOKENIZE_TOKENIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"

namespace kroniek {

namespace tok {
struct WordLists;
class GapDecider;
class SentenceModel;
}  // namespace tok

struct TokenizerOptions {
  // Where the sentence boundary model comes from: "" or "builtin" = the one compiled into the
  // library (the default), "none" = no model (the rules only), else the path of a model file.
  std::string sentence_model;
};

class Tokenizer {
 public:
  // Loads the word lists compiled into the library (src/tokenize/data/), and the sentence model
  // that `options` asks for.
  static Result<std::shared_ptr<const Tokenizer>> Create();
  static Result<std::shared_ptr<const Tokenizer>> Create(const TokenizerOptions& options);

  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Replaces the token and sentence layers of `doc` with a tokenisation of doc.text.
  void Tokenize(Doc& doc) const;

  // Like Tokenize, with `decider` deciding the gaps the rules leave open instead of the model
  // (null: the rules' heuristics). For training the model.
  void TokenizeWith(Doc& doc, tok::GapDecider* decider) const;

  // The sentence model in use, or null (rules only).
  const tok::SentenceModel* sentence_model() const { return model_.get(); }

 private:
  Tokenizer();
  std::unique_ptr<tok::WordLists> lists_;
  std::unique_ptr<tok::SentenceModel> model_;
};

// The pipeline stage around a Tokenizer: reads nothing, writes tokens and sentences.
std::unique_ptr<Stage> MakeTokenizerStage(std::shared_ptr<const Tokenizer> tokenizer);

}  // namespace kroniek

#endif  // KRONIEK_TOKENIZE_TOKENIZER_H_
