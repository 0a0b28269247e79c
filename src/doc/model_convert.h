// Rewriting a model file in the current format version and section layouts, without
// retraining: the model is loaded by its stage and saved again, with the same weights and the
// same provenance (plus a note that says it was converted). `kroniek model convert` runs it on
// the shipped models when the format changes (docs/formats/model-file.md).
#ifndef KRONIEK_DOC_MODEL_CONVERT_H_
#define KRONIEK_DOC_MODEL_CONVERT_H_

#include <string>

#include "kroniek/status.h"
#include "learn/model_file.h"

namespace kroniek {

enum class ModelLayout {
  kCurrent,  // format version 2, the layouts used in place (what `kroniek train` writes)
  kCompact,  // format version 1 and its compact layouts (smaller; for an older kroniek)
};

struct ConvertOptions {
  ModelLayout layout = ModelLayout::kCurrent;
  int zstd_level = 19;  // for the sections that are compressed
};

// The bytes of `in` rewritten as a model file. Every stage that has a model file is known
// (tagger, lemmatizer, parser, ner, sentences); another stage is E205.
Result<std::string> ConvertModel(const learn::ModelReader& in, const std::string& in_path,
                                 const ConvertOptions& options = {});

// Reads `in_path` and writes the converted model to `out_path` (which may be the same file).
Status ConvertModelFile(const std::string& in_path, const std::string& out_path,
                        const ConvertOptions& options = {});

}  // namespace kroniek

#endif  // KRONIEK_DOC_MODEL_CONVERT_H_
