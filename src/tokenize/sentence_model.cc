#include "tokenize/sentence_model.h"

#include <cmath>
#include <string>

#include "base/errors.h"
#include "learn/bytes.h"

namespace kroniek::tok {
namespace {

Result<std::unique_ptr<SentenceModel>> FromReader(const learn::ModelReader& r) {
  if (r.info().feature_set != kSentenceFeatureSet) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     "sentence model has feature set '" + r.info().feature_set +
                         "', this kroniek computes '" + kSentenceFeatureSet + "'");
  }
  auto linm = r.Require("LINM");
  if (!linm.ok()) return linm.status();
  learn::LinearModel m;
  if (!learn::LinearModel::Deserialize(linm.value(), &m, r.owner()) || m.num_classes() != 2) {
    return r.Corrupt("LINM", "not a two-class linear model");
  }
  auto thrs = r.Require("THRS");
  if (!thrs.ok()) return thrs.status();
  learn::ByteReader br(thrs.value());
  float threshold = br.F32();
  if (!br.ok() || !br.AtEnd() || !std::isfinite(threshold)) {
    return r.Corrupt("THRS", "not one finite float");
  }
  SentenceLexicon lexicon;
  if (auto lexi = r.Section("LEXI")) {
    if (!SentenceLexicon::Deserialize(*lexi, &lexicon)) {
      return r.Corrupt("LEXI", "not a well-formed word table");
    }
  }
  return std::make_unique<SentenceModel>(std::move(m), threshold, std::move(lexicon));
}

}  // namespace

Result<std::unique_ptr<SentenceModel>> SentenceModel::Parse(std::string_view bytes,
                                                            std::string_view name,
                                                            bool bytes_are_static) {
  auto r = learn::ModelReader::Parse(bytes, kSentenceStage, name, bytes_are_static);
  if (!r.ok()) return r.status();
  return FromReader(r.value());
}

Result<std::unique_ptr<SentenceModel>> SentenceModel::Open(const std::string& path) {
  auto r = learn::ModelReader::Open(path, kSentenceStage);
  if (!r.ok()) return r.status();
  return FromReader(r.value());
}

void SentenceModel::Save(learn::ModelWriter* w) const {
  w->AddSection("LINM", model_.Serialize(), learn::SectionCodec::kStored);
  learn::ByteWriter t;
  t.F32(threshold_);
  w->AddSection("THRS", t.Take());
  if (lexicon_.size() > 0) w->AddSection("LEXI", lexicon_.Serialize());
}

}  // namespace kroniek::tok
