// The dependency parser: UD v2 trees (heads and full relation labels with subtypes).
//
// A greedy arc-hybrid transition parser (parse/transition.h) scored by one averaged-perceptron
// model over hashed features (learn/linear_model.h). The features follow Zhang & Nivre (2011)
// adapted to arc-hybrid: words, fine and coarse tags of the top three stack and buffer items
// and of their outermost dependents, pairs and triples of them, distance, valency, the labels
// and label sets of dependents, counts of punctuation and verbs between s0 and b0, suffixes,
// and word clusters learnt from raw text (learn/word_clusters.h) when the model has them; the
// feature set parser.v2 adds lookahead (the next verb and punctuation mark after b0, which
// matter in verb-final Dutch clauses), a fourth buffer item and third-order labels. Training
// uses the dynamic oracle with exploration (Goldberg & Nivre 2012/2013), so the model learns to
// recover from its own mistakes. Non-projective trees are learnt and produced through
// pseudo-projective lifting. Punctuation is then re-attached by the rule the UD Dutch
// treebanks' converter follows (parse/punctuation.h), which gets the treebanks' punctuation
// heads right far more often than the classifier. The tags it reads are the tagger's predictions:
// at training time the caller replaces the gold tags with predicted ones (JackknifeTags does it for
// training data without letting a tagger see the sentences it tags). AgreedParses adds raw
// sentences that several parsers parse alike (tri-training).
//
// Model file: stage "parser", feature set "parser.v2" ("parser.v1" models load too); sections PLAB
// (labels), LINM (weights) PARM (the beam width) and CLUS (word clusters, optional).
#ifndef KRONIEK_PARSE_PARSER_H_
#define KRONIEK_PARSE_PARSER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "learn/word_clusters.h"
#include "tag/corpus.h"
#include "tag/tagger.h"

namespace kroniek::parse {

inline constexpr char kParserStage[] = "parser";
// The feature set that training writes; models of the older set "parser.v1" (without the
// lookahead and extra templates) still load and parse as they did.
inline constexpr char kParserFeatureSet[] = "parser.v2";
inline constexpr char kParserFeatureSetV1[] = "parser.v1";

// One sentence to parse: its words and their (predicted) UPOS and XPOS tags.
struct ParseInput {
  std::vector<std::string_view> words, upos, xpos;
  size_t size() const { return words.size(); }
};

class Parser {
 public:
  static Result<std::shared_ptr<const Parser>> Load(const std::string& path);
  static Result<std::shared_ptr<const Parser>> FromModel(const learn::ModelReader& model);

  // Parses one sentence: heads are 0-based indexes, -1 for the root; labels are UD relations.
  // The result is always a well-formed tree. Tokens tagged PUNCT get their head from
  // AttachPunctuation (parse/punctuation.h) and the label "punct".
  void ParseSentence(const ParseInput& in, std::vector<int>* heads,
                     std::vector<std::string>* labels) const;
  // Fills the head and deprel columns of every sentence of `doc` (it needs upos and xpos).
  void Parse(Doc& doc) const;

  // The labels the classifier predicts; a pseudo-projective label is "rel|headrel".
  const std::vector<std::string>& labels() const { return labels_; }
  const learn::LinearModel& model() const { return model_; }
  int beam() const { return beam_; }
  // The feature set: 1 (parser.v1) or 2 (parser.v2), and its name for the model file.
  int feature_version() const { return feature_version_; }
  const char* feature_set() const {
    return feature_version_ == 1 ? kParserFeatureSetV1 : kParserFeatureSet;
  }

  // Adds this parser's sections to a model file.
  void Save(learn::ModelWriter* w) const;

 private:
  friend class ParserTrainer;
  Parser() = default;
  std::vector<std::string> labels_;
  uint32_t root_label_ = 0;
  int beam_ = 1;  // 1: greedy
  int feature_version_ = 2;
  learn::WordClusters clusters_;
  learn::LinearModel model_;
};

struct ParserTrainOptions {
  int epochs = 15;
  uint64_t seed = 1;
  // From this epoch on the trainer follows its own (possibly wrong) predictions with
  // probability explore_p, learning from the dynamic oracle what is best from there.
  int explore_from_epoch = 2;
  double explore_p = 0.9;
  float min_abs_weight = 0.0f;
  // Beam width. 1: greedy decoding trained with the dynamic oracle; more: beam search trained
  // as a global (structured) perceptron with early update (Zhang & Clark 2008).
  int beam = 1;
  // The feature set to learn: 2 (current) or 1 (parser.v1, for comparisons).
  int feature_version = 2;
  // Word clusters learnt from raw text (copied into the model); null for none.
  const learn::WordClusters* clusters = nullptr;
  std::function<void(const std::string&)> progress;
};

struct ParseScores {
  double uas = 0, las = 0, clas = 0;  // LAS and CLAS on the universal part of the relation
  double las_full = 0;                // LAS on the full relation (nmod:poss must match)
};

// Scores a parser on sentences whose tags are already what it should read (predicted).
ParseScores ScoreParser(const Parser& parser, const std::vector<tag::AnnotatedSentence>& gold);

// Trains a parser on sentences with gold trees and (predicted) tags. The model of the epoch
// with the best LAS on the first dev set is kept (the last one when there is none).
// `best_scores` gets that epoch's scores on each dev set.
Result<std::shared_ptr<const Parser>> TrainParser(const std::vector<tag::AnnotatedSentence>& train,
                                                  const std::vector<tag::DevSet>& dev,
                                                  const ParserTrainOptions& options,
                                                  std::vector<ParseScores>* best_scores);

// Replaces the UPOS, XPOS and FEATS of every sentence with the tagger's predictions.
void Retag(const tag::Tagger& tagger, std::vector<tag::AnnotatedSentence>* sentences);

// Jackknifing: splits the sentences into k folds (sentence i goes to fold i % k), trains a
// tagger on every k-1 folds and tags the fold it has not seen with it, so that the parser
// learns from tags as good (and as bad) as it will get at run time. `threads` folds are
// trained at once.
Status JackknifeTags(std::vector<tag::AnnotatedSentence>* sentences, int k,
                     const tag::TaggerTrainOptions& tagger_options, int threads = 1);

// Tri-training (after Zhou & Li 2005; Weiss et al. 2015 for parsing): tags each raw sentence
// (words) with `tagger`, parses it with every one of `parsers` (at least two, best of different
// kinds) and returns the sentences on which all of them agree on every head and label, as
// training sentences with the predicted tags, heads and labels (lemmas "_"). Such sentences
// are far more often right than a single parser's output, and bring words and constructions of
// the raw text's domain into training.
std::vector<tag::AnnotatedSentence> AgreedParses(
    const std::vector<std::vector<std::string>>& sentences, const tag::Tagger& tagger,
    const std::vector<const Parser*>& parsers);

// The pipeline stage: reads tokens, sentences, upos and xpos; writes heads and relations.
std::unique_ptr<Stage> MakeParserStage(std::shared_ptr<const Parser> parser);

}  // namespace kroniek::parse

#endif  // KRONIEK_PARSE_PARSER_H_
