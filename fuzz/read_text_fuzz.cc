// libFuzzer target: article text with a metadata prefix, and plain text.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::ReadAndCheck(in, "fuzz.txt", InputFormat::kText, [&](const Doc& d, const ReadOptions& o) {
    if (d.text.empty()) fuzz::Fail("an empty body was accepted");
    unsigned char c = static_cast<unsigned char>(d.text[0]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) fuzz::Fail("the body starts with white space");
    if (d.meta.date && !IsValidDate(*d.meta.date)) fuzz::Fail("an invalid date was accepted");
    if (!o.lenient && in.find(d.text) == std::string_view::npos) {
      fuzz::Fail("the body is not a part of the input");
    }
  });
  fuzz::ReadAndCheck(in, "fuzz.txt", InputFormat::kPlain, [&](const Doc& d, const ReadOptions& o) {
    if (!o.lenient && in.find(d.text) == std::string_view::npos) {
      fuzz::Fail("the plain body is not the input");
    }
  });
  return 0;
}
