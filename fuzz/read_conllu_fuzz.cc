// libFuzzer target: CoNLL-U.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::ReadAndCheck(in, "fuzz.conllu", InputFormat::kConllu, [](const Doc& d, const ReadOptions&) {
    if (!d.Has(Layer::kTokens) || !d.Has(Layer::kSentences) || d.tokens.empty()) {
      fuzz::Fail("a CoNLL-U document without tokens");
    }
  });
  return 0;
}
