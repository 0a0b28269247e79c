#include "doc/model_convert.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "base/errors.h"
#include "kroniek/version.h"
#include "learn/linear_model.h"
#include "ner/clusters.h"
#include "ner/gazetteer.h"
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

// The compact (format 1) form of a section in a current layout: the new tag and bytes, or
// the section as it is when it has no other form. False when the section does not decode.
bool CompactSection(const learn::ModelReader& in, const std::string& name, std::string* out_tag,
                    std::string* out) {
  std::string_view bytes = *in.Section(name);
  *out_tag = name;
  if (name == "LINM" || name == "LIN1" || name == "LIN2") {
    learn::LinearModel m;
    if (!learn::LinearModel::Deserialize(bytes, &m)) return false;
    *out = m.SerializeCompact();
  } else if (name == "TLXF") {
    tag::TagLexicon lex;
    if (!tag::TagLexicon::Deserialize(bytes, &lex)) return false;
    *out_tag = "TLEX";
    *out = lex.SerializeCompact();
  } else if (name == "GAZF") {
    ner::Gazetteer g;
    if (!ner::Gazetteer::Deserialize(bytes, &g)) return false;
    *out_tag = "GAZE";
    *out = g.SerializeCompact();
  } else if (name == "WCLF") {
    ner::WordClusters c;
    if (!ner::WordClusters::Deserialize(bytes, &c)) return false;
    *out_tag = "WCLU";
    *out = c.SerializeCompact();
  } else {
    *out = std::string(bytes);
  }
  return true;
}

}  // namespace

Result<std::string> ConvertModel(const learn::ModelReader& in, const std::string& in_path,
                                 const ConvertOptions& options) {
  const learn::ModelInfo& info = in.info();
  learn::ModelWriter w(info.stage, info.feature_set);
  w.provenance() = info.provenance;
  const bool compact = options.layout == ModelLayout::kCompact;
  w.set_compression_level(options.zstd_level);
  w.provenance().notes.emplace_back(
      "converted", "from format version " + std::to_string(info.format_version) + " (kroniek " +
                       info.kroniek_version + ") by kroniek " + kVersionString +
                       " `model convert`" + (compact ? " --compact" : ""));
  Status st;
  if (compact) {
    w.set_format_version(1);
    // Check the model loads first; then rewrite section by section (the lemmatizer's word
    // lists through the stage).
    if (info.stage == tag::kLemmatizerStage) {
      auto lem = tag::Lemmatizer::FromModel(in);
      if (!lem.ok()) return lem.status();
      (*lem)->SaveCompact(&w);
      return w.Serialize();
    }
    for (const learn::SectionInfo& s : info.sections) {
      std::string tag, bytes;
      if (!CompactSection(in, s.tag, &tag, &bytes)) return in.Corrupt(s.tag, "does not decode");
      w.AddSection(tag, std::move(bytes));
    }
    return w.Serialize();
  }
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

Status ConvertModelFile(const std::string& in_path, const std::string& out_path,
                        const ConvertOptions& options) {
  auto in = learn::ModelReader::Open(in_path, "");
  if (!in.ok()) return in.status();
  auto bytes = ConvertModel(in.value(), in_path, options);
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
