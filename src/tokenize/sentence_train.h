// Training the sentence boundary model (sentence_model.h) from sentence-split text.
//
// The training texts imitate how the model is evaluated: the gold sentences of a file are
// joined by single spaces into raw text (no line breaks), in pieces of a few hundred sentences,
// and tokenised by the rules. At every gap the rules leave open, the splitter computes the
// model's features, and the gold standard says whether a sentence starts at the next token
// (the splitter then goes on as the gold standard decided). An averaged perceptron learns from
// these examples; after each epoch the model splits the dev texts (each dev file joined whole,
// as `kroniek eval tokenize` does) and the epoch with the best mean Sentences F1 is kept.
#ifndef KRONIEK_TOKENIZE_SENTENCE_TRAIN_H_
#define KRONIEK_TOKENIZE_SENTENCE_TRAIN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eval/tokenize_eval.h"
#include "kroniek/doc.h"
#include "kroniek/status.h"
#include "tokenize/sentence_model.h"
#include "tokenize/tokenizer.h"

namespace kroniek::tok {

// One sentence of gold text: its tokens and whether a space follows each.
struct GoldSentence {
  std::vector<std::string> tokens;
  std::vector<uint8_t> space_after;
  std::string id;
};

// The sentences of gold documents (read from CoNLL-U), in order.
std::vector<GoldSentence> SentencesOf(const std::vector<Doc>& docs);
// The sentences of a text with one sentence per line, tokens separated by spaces.
std::vector<GoldSentence> SentencesOfLines(std::string_view text);
// Sorts sentences by their ids in natural order (numbers compared as numbers), so that
// "wiki-12.p.3.s.2" comes after "wiki-12.p.3.s.1" and before "wiki-12.p.10.s.1"; sentences
// without an id keep their place relative to each other, after those with one.
void SortById(std::vector<GoldSentence>* sentences);

// A raw text made of gold sentences and the byte offsets where they start.
struct GoldText {
  std::string text;
  std::vector<uint32_t> starts;  // ascending
};
// Joins sentences [begin, end) by single spaces.
GoldText JoinSentences(const std::vector<GoldSentence>& s, size_t begin, size_t end);

struct SentenceTrainSet {
  std::string name;
  std::vector<GoldSentence> sentences;
};

struct SentenceTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  size_t piece_sentences = 200;    // sentences per training text
  float min_abs_weight = 0.0f;     // drop smaller weights
  uint32_t min_feature_count = 1;  // features seen in fewer gaps are left out
  float threshold = 0.0f;          // added to the boundary score
  bool tune_threshold = false;     // choose the threshold on the dev sets instead
  // Rounds of training: the first with the gold history of decisions, each further one adds
  // the gaps seen when the splitter follows the best model so far and trains anew; the epoch
  // with the best dev score over all rounds is kept.
  int history_rounds = 1;
  uint32_t lexicon_min_count = 2;
  std::string learner = "logistic";  // or "perceptron" (averaged)
  float l2 = 1e-4f;
  float rate = 0.1f;  // forms seen fewer times are left out of the word statistics
  std::function<void(const std::string&)> progress;
};

struct SentenceDevScore {
  std::string name;
  TokenizeScore score;
};

// Splits the text of `gold` (joined by spaces) with `model` (or the rules when null) and scores
// the tokens and sentences.
TokenizeScore ScoreSentenceSplit(const Tokenizer& tokenizer, const SentenceModel* model,
                                 const std::vector<GoldSentence>& gold);

// Trains a model on `train` (`tokenizer` supplies the rules and word lists; its own model is not
// used), with word statistics (sentence_lexicon.h) counted on `lexicon_corpora` and on the
// person names of `name_lists` (one name a "sentence").
// `dev_scores` receives the kept epoch's dev scores, one per dev set.
Result<std::unique_ptr<SentenceModel>> TrainSentenceModel(
    const Tokenizer& tokenizer, const std::vector<SentenceTrainSet>& train,
    const std::vector<SentenceTrainSet>& dev,
    const std::vector<const std::vector<GoldSentence>*>& lexicon_corpora,
    const std::vector<const std::vector<GoldSentence>*>& name_lists,
    const SentenceTrainOptions& options, std::vector<SentenceDevScore>* dev_scores);

}  // namespace kroniek::tok

#endif  // KRONIEK_TOKENIZE_SENTENCE_TRAIN_H_
