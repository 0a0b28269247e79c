// The learned part of sentence splitting: a binary averaged-perceptron classifier that decides,
// at each gap between tokens where the rules of sentence_splitter.cc do not decide, whether a
// sentence ends there. The gaps it sees are those before a token that could start a sentence (a
// capitalised word, a number, an opening quote or bracket, a dash, a bullet) where no terminal
// punctuation, line break or dateline already ended the sentence and the token before is not one
// that always goes with what follows (an opening bracket, a preposition, an enumeration marker
// such as ", ( 2 )"; Splitter::ModelMayEnd): mostly headings, titles, list items and captions
// that have no final punctuation ("Geschiedenis In 1921 werd ...").
//
// Its features (sentence_splitter.cc, SentenceFeatures) are the words and shapes around the gap,
// the length and make-up of the sentence so far, what follows up to the next punctuation, and
// the heading/list heuristics of the rules. The splitter computes them and asks a GapDecider;
// at run time that is the model, in training (sentence_train.h) the gold standard.
//
// The model is a model file (learn/model_file.h) with stage "sentences", a LINM section (two
// classes: 0 = no boundary, 1 = boundary), a THRS section (a float added to the boundary score)
// and a LEXI section (word statistics, sentence_lexicon.h; optional). The trained model is compiled
// into the library from src/tokenize/data/sentences.kmodel, so the tokenizer needs no models
// directory.
#ifndef KRONIEK_TOKENIZE_SENTENCE_MODEL_H_
#define KRONIEK_TOKENIZE_SENTENCE_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "kroniek/status.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "tokenize/sentence_lexicon.h"

namespace kroniek::tok {

inline constexpr char kSentenceStage[] = "sentences";
inline constexpr char kSentenceFeatureSet[] = "sentences.v2";
// The embedded model's name for EmbeddedData.
inline constexpr char kEmbeddedSentenceModel[] = "tokenize/data/sentences.kmodel";

// Decides an open gap: the features of the gap before token `next`; true ends the sentence.
class GapDecider {
 public:
  virtual ~GapDecider() = default;
  virtual bool EndsBefore(std::span<const uint64_t> keys, size_t next) = 0;
  // The word statistics the features look up (null: none).
  virtual const SentenceLexicon* lexicon() const = 0;
};

class SentenceModel {
 public:
  SentenceModel(learn::LinearModel model, float threshold, SentenceLexicon lexicon)
      : model_(std::move(model)), threshold_(threshold), lexicon_(std::move(lexicon)) {}

  // Reads a whole model file held in memory (`name` is used in messages).
  // `bytes_are_static`: the bytes live as long as the program (a compiled-in model), and
  // the weights are then used in place.
  static Result<std::unique_ptr<SentenceModel>> Parse(std::string_view bytes, std::string_view name,
                                                      bool bytes_are_static = false);
  // Reads a model file.
  static Result<std::unique_ptr<SentenceModel>> Open(const std::string& path);

  // The boundary score of a gap (above 0: a sentence ends).
  float Score(std::span<const uint64_t> keys) const {
    float s[2] = {0.0f, 0.0f};
    model_.AddScores(keys, s);
    return s[1] - s[0] + threshold_;
  }
  bool EndsBefore(std::span<const uint64_t> keys) const { return Score(keys) > 0.0f; }

  const learn::LinearModel& linear() const { return model_; }
  float threshold() const { return threshold_; }
  void set_threshold(float t) { threshold_ = t; }
  const SentenceLexicon& lexicon() const { return lexicon_; }

  // Adds the LINM, THRS and LEXI sections to a model file.
  void Save(learn::ModelWriter* w) const;

 private:
  learn::LinearModel model_;
  float threshold_ = 0.0f;
  SentenceLexicon lexicon_;
};

// The decider a tokenizer uses at run time.
class ModelDecider : public GapDecider {
 public:
  explicit ModelDecider(const SentenceModel& m) : m_(m) {}
  bool EndsBefore(std::span<const uint64_t> keys, size_t) override { return m_.EndsBefore(keys); }
  const SentenceLexicon* lexicon() const override { return &m_.lexicon(); }

 private:
  const SentenceModel& m_;
};

}  // namespace kroniek::tok

#endif  // KRONIEK_TOKENIZE_SENTENCE_MODEL_H_
