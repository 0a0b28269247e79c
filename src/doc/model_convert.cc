#include "doc/model_convert.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "base/errors.h"
#include "kroniek/version.h"
#include "ner/ner.h"
#include "parse/parser.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"
#include "tokenize/sentence_model.h"

namespace kroniek {
namespace {

// Loads the model with its stage's decoder and saves it into `w`.
template <typename T>
Status Resave(const Result<T>& loaded, learn::ModelWriter* w) {
  if (!loaded.ok()) return loaded.status();
  loaded.value()->Save(w);
  return Status();
}

}  // namespace

Result<std::string> ConvertModel(const learn::ModelReader& in, const std::string& in_path) {
  const learn::ModelInfo& info = in.info();
  learn::ModelWriter w(info.stage, info.feature_set);
  w.provenance() = info.provenance;
  w.provenance().notes.emplace_back(
      "converted", "from format version " + std::to_string(info.format_version) + " (kroniek " +
                       info.kroniek_version + ") by kroniek " + kVersionString +
                       " `model convert`");
  Status st;
  if (info.stage == tag::kTaggerStage) {
    st = Resave(tag::Tagger::FromModel(in), &w);
  } else if (info.stage == tag::kLemmatizerStage) {
    st = Resave(tag::Lemmatizer::FromModel(in), &w);
  } else if (info.stage == parse::kParserStage) {
    st = Resave(parse::Parser::FromModel(in), &w);
  } else if (info.stage == ner::kNerStage) {
    st = Resave(ner::Recognizer::FromModel(in), &w);
  } else if (info.stage == tok::kSentenceStage) {
    st = Resave(tok::SentenceModel::Open(in_path), &w);
  } else {
    return MakeError(StatusCode::kInvalidInput, ErrorId::kModelWrongStage,
                     in_path + ": no stage of this kroniek reads '" + info.stage + "' models");
  }
  if (!st.ok()) return st;
  return w.Serialize();
}

Status ConvertModelFile(const std::string& in_path, const std::string& out_path) {
  auto in = learn::ModelReader::Open(in_path, "");
  if (!in.ok()) return in.status();
  auto bytes = ConvertModel(in.value(), in_path);
  if (!bytes.ok()) return bytes.status();
  // Check the result loads before it replaces anything.
  auto back = learn::ModelReader::Parse(bytes.value(), in->info().stage, out_path);
  if (!back.ok()) return back.status();
  std::string tmp = out_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    out.close();
    if (!out) {
      return MakeError(StatusCode::kIOError, ErrorId::kOutputFailed,
                       tmp + ": cannot write the model file: " + std::strerror(errno));
    }
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    return MakeError(StatusCode::kIOError, ErrorId::kOutputFailed,
                     out_path + ": cannot write the model file: " + std::strerror(errno));
  }
  return Status();
}

}  // namespace kroniek
