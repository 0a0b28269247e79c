// libFuzzer target for reading sentence models: any bytes, as a whole model file and as a bare
// LEXI section (the word statistics), must be rejected with a Status or read into a model that
// scores and looks up without crashing.
//
//   bash scripts/fuzz.sh 120 sentence_model_fuzz
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/sentence_lexicon.h"
#include "tokenize/sentence_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto m = kroniek::tok::SentenceModel::Parse(bytes, "fuzz");
  if (m.ok()) {
    const std::vector<uint64_t> keys{1, 2, 0x9e3779b97f4a7c15ULL, size};
    volatile float s = (*m)->Score(keys);
    (void)s;
    (void)(*m)->lexicon().Find("De");
  }
  kroniek::tok::SentenceLexicon lex;
  if (kroniek::tok::SentenceLexicon::Deserialize(bytes, &lex)) {
    for (std::string_view w : {"De", "Geschiedenis", "van", ""}) (void)lex.Find(w);
  }
  return 0;
}
