// Named-entity recognition: PER, ORG, LOC and MISC names as CoNLL-2002 defines them.
//
// A sequence labeller over BILOU labels (O, and B/I/L/U for each type): a linear model on the
// learning core (learn/linear_model.h) scores every label of every token from rich token
// features (word, affixes, shape, case, position, the words around it, word clusters learned
// from raw text, a capitalisation prior and name-list matches), label transitions are scored
// too, and Viterbi finds the best valid label sequence of each sentence. Training is the
// structured (Collins) perceptron with averaging.
//
// Two passes give document-level consistency (Ratinov & Roth 2009): the second pass sees, for
// each token, how the first pass labelled the same word elsewhere in the document (majority
// type, whether it occurs inside a longer name, whether the word is also written in lower case),
// so "Stoltenberg" alone is recognised after "Jens Stoltenberg" and a name keeps one type. The
// second pass is trained on first-pass labels of the training documents made by cross-fitting
// (k models each trained without one fold), so that it learns how reliable they really are.
//
// Name lists are trusted carefully: Alpino's lists were built partly from CoNLL-2002 train, so a
// training name that occurs in no other training document is hidden from the list features
// with a probability (gazetteer dropout), which makes list hits as reliable in training as they
// are on new text.
//
// Model file: stage "ner", feature set "ner.v1"; sections NERT (types and options), LIN1 and
// LIN2 (the two passes; LIN2 optional), GAZE (name lists, optional), WCLU (word clusters and
// the capitalisation prior, optional).
#ifndef KRONIEK_NER_NER_H_
#define KRONIEK_NER_NER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "ner/clusters.h"
#include "ner/gazetteer.h"
#include "ner/ner_eval.h"

namespace kroniek::ner {

inline constexpr char kNerStage[] = "ner";
inline constexpr char kNerFeatureSet[] = "ner.v1";

class Recognizer {
 public:
  static Result<std::shared_ptr<const Recognizer>> Load(const std::string& path);
  static Result<std::shared_ptr<const Recognizer>> FromModel(const learn::ModelReader& model);
  void Save(learn::ModelWriter* w) const;

  // Replaces doc.mentions with the names found in every sentence (kind kName) and marks the
  // mentions layer present. Needs tokens and sentences.
  void Recognize(Doc& doc) const;
  // The same with only the first pass (for comparisons).
  void RecognizeFirstPass(Doc& doc) const;

  const std::vector<std::string>& types() const { return types_; }
  bool two_pass() const { return pass2_.num_classes() > 0; }
  const Gazetteer& gazetteer() const { return gaz_; }
  const WordClusters& clusters() const { return clusters_; }
  size_t num_weights() const { return pass1_.num_weights() + pass2_.num_weights(); }

 private:
  friend class NerTrainer;
  Recognizer() = default;
  void Run(Doc& doc, bool second) const;

  std::vector<std::string> types_;  // PER, ORG, LOC, MISC (in the order of the labels)
  learn::LinearModel pass1_, pass2_;
  Gazetteer gaz_;
  WordClusters clusters_;
};

struct NerTrainOptions {
  int epochs = 12;  // at most, per pass; the best epoch on dev is kept
  int folds = 4;    // cross-fitting folds for the second pass; 0 = one pass only
  uint64_t seed = 1;
  double gaz_dropout = 0.9;  // chance to hide a list hit on a training name seen in one doc only
  uint32_t dropout_categories = 0xf;  // the list categories dropout applies to (bit per category)
  int mix = 1;                        // models per pass trained on different shuffles and averaged
  float min_abs_weight = 0.0f;
  Gazetteer gazetteer;    // may be empty
  WordClusters clusters;  // may be empty
  std::function<void(const std::string&)> progress;
};

// Trains a recognizer on documents with gold mentions (e.g. read from CoNLL-2002). `dev`, when
// not empty, chooses the epoch of each pass; `dev_scores` gets the final model's dev scores.
Result<std::shared_ptr<const Recognizer>> TrainRecognizer(const std::vector<Doc>& train,
                                                          const std::vector<Doc>& dev,
                                                          const NerTrainOptions& options,
                                                          NerScores* dev_scores);

// The pipeline stage: reads tokens and sentences, writes mentions.
std::unique_ptr<Stage> MakeNerStage(std::shared_ptr<const Recognizer> recognizer);

}  // namespace kroniek::ner

#endif  // KRONIEK_NER_NER_H_
