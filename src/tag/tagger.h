// The part-of-speech tagger: UPOS, XPOS (the full CGN/Lassy tag) and UD features.
//
// One averaged-perceptron model (learn/linear_model.h) predicts a joint UPOS+XPOS label per
// token, left to right, from the word, its affixes and shape, the words around it, the labels
// already given to the two words before it, and an optional lexicon of possible CGN tags per
// word (compiled from Frog's tagger lexicon at training time, see TaggerTrainOptions). The UD
// features are a function of the label learned from the training data (the most frequent
// feature set of each UPOS+XPOS pair).
//
// Model file: stage "tagger", feature set "tagger.v1"; sections LABL (labels), LINM (weights),
// TLEX (tag lexicon, optional).
#ifndef KRONIEK_TAG_TAGGER_H_
#define KRONIEK_TAG_TAGGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "learn/flat_table.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "tag/corpus.h"

namespace kroniek::tag {

inline constexpr char kTaggerStage[] = "tagger";
inline constexpr char kTaggerFeatureSet[] = "tagger.v1";

struct TagLabel {
  std::string upos;
  std::string xpos;
  std::string feats;  // "_" when none
};

// Word -> ambiguity class (the set of tags the word is seen with in a large tagged corpus).
class TagLexicon {
 public:
  // Reads Frog's MBT lexicon ("count word TAG:count TAG:count ..." per line). Tags with at
  // least `min_share` of a word's count make its class; words seen fewer than `min_count`
  // times are left out.
  static Result<TagLexicon> FromFrogLex(const std::string& path, double min_share = 0.05,
                                        uint32_t min_count = 1);
  // Class id + 1 of a word (0 when unknown); the top tag's id + 1 in *top.
  uint32_t Find(std::string_view word, uint32_t* top) const;
  // True when tag id `tag` (top - 1 of Find) is a verb tag (CGN "WW(...)").
  bool IsVerbTag(uint32_t tag) const;
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  // The layout used in place from a model file (section TLXF): tags, classes, then a flat
  // table (learn/flat_table.h). Deserialize uses `bytes` in place when `owner` keeps them alive.
  std::string Serialize() const;
  static bool Deserialize(std::string_view bytes, TagLexicon* out,
                          std::shared_ptr<const void> owner = nullptr);
  // The compact layout of format version 1 files (section TLEX).
  std::string SerializeCompact() const;
  static bool DeserializeCompact(std::string_view bytes, TagLexicon* out);

 private:
  // Words are kept as 64-bit hashes (XXH3) in a flat table: no strings to allocate when a
  // model loads, and the table is used in place from the model file.
  struct Value {
    uint32_t cls;
    uint32_t top;
  };
  std::vector<std::string> classes_;  // ambiguity classes, "tag;tag;tag"
  std::vector<std::string> tags_;
  learn::FlatTable<Value> table_;
  size_t size_ = 0;
};

class Tagger {
 public:
  static Result<std::shared_ptr<const Tagger>> Load(const std::string& path);
  static Result<std::shared_ptr<const Tagger>> FromModel(const learn::ModelReader& model);

  // Labels of one sentence (indexes into labels()).
  void TagSentence(const std::vector<std::string_view>& words, std::vector<uint32_t>* out) const;
  // Fills the upos, xpos and feats layers of every sentence of `doc`.
  void Tag(Doc& doc) const;

  const std::vector<TagLabel>& labels() const { return labels_; }
  const learn::LinearModel& model() const { return model_; }

  // Adds this tagger's sections to a model file.
  void Save(learn::ModelWriter* w) const;

 private:
  friend class TaggerTrainer;
  Tagger() = default;
  std::vector<TagLabel> labels_;
  learn::LinearModel model_;
  TagLexicon lexicon_;
};

struct TaggerTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  std::string frog_lexicon;        // path of Frog.mbt.1.0.lex; empty: no tag lexicon
  uint32_t lexicon_min_count = 1;  // leave out lexicon words seen fewer times
  float min_abs_weight = 0.0f;
  // Called with a line of progress (per epoch: training accuracy, dev scores).
  std::function<void(const std::string&)> progress;
};

struct DevSet {
  std::string name;
  const std::vector<AnnotatedSentence>* sentences;
};

// The per-epoch result on a dev set.
struct TagScores {
  double upos = 0, xpos = 0, feats = 0, joint = 0;
};
TagScores ScoreTagger(const Tagger& tagger, const std::vector<AnnotatedSentence>& gold);

// Trains a tagger; the model of the epoch with the best joint score on the first dev set is
// kept (the last epoch when there is no dev set). `best_scores` gets the kept epoch's scores per
// dev set.
Result<std::shared_ptr<const Tagger>> TrainTagger(const std::vector<AnnotatedSentence>& train,
                                                  const std::vector<DevSet>& dev,
                                                  const TaggerTrainOptions& options,
                                                  std::vector<TagScores>* best_scores);

// The pipeline stage: reads tokens and sentences, writes upos, xpos and feats.
std::unique_ptr<Stage> MakeTaggerStage(std::shared_ptr<const Tagger> tagger);

}  // namespace kroniek::tag

#endif  // KRONIEK_TAG_TAGGER_H_
