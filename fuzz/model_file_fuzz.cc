// Feeds arbitrary bytes to the model file reader and to the decoders of the tagger and
// lemmatizer sections. Any crash, hang or sanitizer report is a bug: a damaged model must give
// an error. The first byte picks what is fuzzed, so that the section decoders are reached too
// (random bytes seldom pass a container's checksums):
//   0: the whole input as a model file;
//   1: a LinearModel section (any layout); 2: a tag lexicon section (either layout);
//   3/4: the rest split at 0xff bytes into the sections of a well-formed tagger/lemmatizer file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"

using namespace kroniek;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::string_view rest = all.substr(1);
  switch (data[0] % 5) {
    case 0: {
      auto r = learn::ModelReader::Parse(all, "", "fuzz.kmodel");
      if (r.ok()) {
        (void)tag::Tagger::FromModel(r.value());
        (void)tag::Lemmatizer::FromModel(r.value());
      }
      break;
    }
    case 1: {
      learn::LinearModel m;
      if (learn::LinearModel::Deserialize(rest, &m)) {
        std::vector<float> scores(m.num_classes());
        uint64_t keys[] = {1, 2, 3, 0x9e3779b97f4a7c15ULL};
        m.AddScores(keys, scores.data());
      }
      break;
    }
    case 2: {
      tag::TagLexicon lex;
      if (tag::TagLexicon::Deserialize(rest, &lex)) {
        uint32_t top = 0;
        (void)lex.Find("de", &top);
      }
      tag::TagLexicon lex1;
      if (tag::TagLexicon::DeserializeCompact(rest, &lex1)) {
        uint32_t top = 0;
        (void)lex1.Find("de", &top);
      }
      break;
    }
    default: {
      const bool tagger = data[0] % 5 == 3;
      std::vector<std::string> parts;
      size_t start = 0;
      while (start <= rest.size() && parts.size() < 6) {
        size_t e = rest.find('\xff', start);
        if (e == std::string_view::npos) e = rest.size();
        parts.emplace_back(rest.substr(start, e - start));
        start = e + 1;
      }
      const char* tags_t[] = {"LABL", "LINM", "TLXF", "TLEX"};
      const char* tags_l[] = {"LEXI", "STEM", "PART", "SCRP", "LINM", "LEMF"};
      learn::ModelWriter w(tagger ? tag::kTaggerStage : tag::kLemmatizerStage,
                           tagger ? tag::kTaggerFeatureSet : tag::kLemmatizerFeatureSet);
      for (size_t i = 0; i < parts.size() && i < (tagger ? 4u : 6u); ++i) {
        w.AddSection(tagger ? tags_t[i] : tags_l[i], parts[i]);
      }
      std::string bytes = w.Serialize();
      auto r = learn::ModelReader::Parse(bytes, "", "fuzz.kmodel");
      if (!r.ok()) __builtin_trap();  // the writer's output must always parse
      if (tagger) {
        auto t = tag::Tagger::FromModel(r.value());
        if (t.ok()) {
          std::vector<uint32_t> labels;
          t.value()->TagSentence({"De", "kat", "zat", "."}, &labels);
        }
      } else {
        auto l = tag::Lemmatizer::FromModel(r.value());
        if (l.ok()) {
          std::vector<std::string> lemmas;
          l.value()->LemmatizeSentence({"Hij", "liep", "weg"}, {"PRON", "VERB", "ADV"},
                                       {"VNW", "WW|pv|verl|ev", "BW"}, &lemmas);
        }
      }
      break;
    }
  }
  return 0;
}
