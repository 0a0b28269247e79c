// Pipeline stages and the Pipeline that runs them in order over a Doc.
//
// A Stage does one job (tokenise, tag, parse, find names, ...). It declares the layers it reads
// and writes, like spaCy's requires/assigns; Pipeline::Create checks that every layer a stage
// reads is present in the input or written by an earlier stage, so a misordered pipeline fails
// when it is built, not halfway through a corpus.
//
// Stages are immutable once built (a loaded model never changes) and Process is const: one
// Pipeline may serve many threads at once, each working on its own Doc. Scratch memory a stage
// needs is its own business (thread_local or allocated per call).
#ifndef KRONIEK_PIPELINE_H_
#define KRONIEK_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/status.h"

namespace kroniek {

class Stage {
 public:
  virtual ~Stage() = default;
  // A short name: "tokenizer", "tagger", "parser", ...
  virtual std::string Name() const = 0;
  // Layers this stage needs.
  virtual LayerSet Reads() const = 0;
  // Layers this stage adds (and marks present on the Doc).
  virtual LayerSet Writes() const = 0;
  // Adds the stage's layers to `doc`. Fails only on a broken input invariant or resource limit;
  // on failure `doc` may hold a partial layer, which Pipeline clears.
  virtual Status Process(Doc& doc) const = 0;
};

// Where to find the models and which stages to run.
struct PipelineOptions {
  // Directory holding the *.kmodel files. Empty: $KRONIEK_MODELS, else the models/ folder next
  // to the executable's ../share/kroniek or the source tree it was built from.
  std::string models_dir;
  // Skip tokenisation and sentence splitting (the input already has tokens, e.g. CoNLL-U).
  bool pretokenized = false;
  // The sentence-boundary model: "" or "builtin" = the learned model compiled in (the default),
  // "none" = the rules' heading heuristics only, else a model file path.
  std::string sentence_model;
  // Run at most up to and including this stage ("tokenizer", "tagger", "parser", "ner", ...).
  // Empty: everything available.
  std::string last_stage;
};

class Pipeline {
 public:
  // Builds a pipeline from stages in order. `input_layers` are the layers the Docs will already
  // have (e.g. {kTokens, kSentences} for pretokenized input). Fails with a message naming the
  // stage and the missing layer when the order cannot work.
  static Result<Pipeline> Create(std::vector<std::unique_ptr<Stage>> stages,
                                 LayerSet input_layers);

  // The standard kroniek pipeline: every stage whose model (if any) is found. Stages whose
  // model is missing are left out and named in `warnings`.
  static Result<Pipeline> Default(const PipelineOptions& options,
                                  std::vector<std::string>* warnings = nullptr);

  Pipeline(Pipeline&&) = default;
  Pipeline& operator=(Pipeline&&) = default;

  // Runs every stage in order over `doc`.
  Status Process(Doc& doc) const;

  // The stage names, in order.
  std::vector<std::string> StageNames() const;
  // Read-only access to the stages (benchmarks time them one by one).
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  Pipeline() = default;
  std::vector<std::unique_ptr<Stage>> stages_;
};

// Finds the models directory as PipelineOptions::models_dir describes. Empty when none is found.
std::string FindModelsDir(const std::string& requested);

}  // namespace kroniek

#endif  // KRONIEK_PIPELINE_H_
