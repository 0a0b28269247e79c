// The Dutch tokenizer and sentence splitter, following the UD Dutch treebanks' conventions.
//
// It fills Doc::tokens, Doc::space_after and Doc::sentences from Doc::text. Tokens never lose or
// change text: each token is a byte span of the text, and white space between tokens is recorded
// in space_after. Paragraphs (blank-line separated) always end a sentence.
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

class Tokenizer {
 public:
  // Loads the word lists compiled into the library (src/tokenize/data/).
  static Result<std::shared_ptr<const Tokenizer>> Create();

  // Replaces the token and sentence layers of `doc` with a tokenisation of doc.text.
  void Tokenize(Doc& doc) const;

 private:
  Tokenizer() = default;
};

// The pipeline stage around a Tokenizer: reads nothing, writes tokens and sentences.
std::unique_ptr<Stage> MakeTokenizerStage(std::shared_ptr<const Tokenizer> tokenizer);

}  // namespace kroniek

#endif  // KRONIEK_TOKENIZE_TOKENIZER_H_
