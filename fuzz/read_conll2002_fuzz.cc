// libFuzzer target: CoNLL-2002. Besides the common checks, a document written back as
// CoNLL-2002 reads in again with the same tokens, POS and names.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::ReadAndCheck(
      in, "fuzz.conll", InputFormat::kConll2002, [](const Doc& d, const ReadOptions&) {
        if (d.source_pos.size() != d.tokens.size())
          fuzz::Fail("source_pos does not cover the tokens");
        std::string out;
        WriteDoc(d, OutputFormat::kConll2002, {}, &out);
        size_t docs = 0;
        ReadOptions big;
        big.max_doc_bytes = size_t{1} << 30;
        Status st =
            ReadBuffer(out, "again.conll", InputFormat::kConll2002, big, [&](ReadItem&& item) {
              if (!item.doc.ok())
                fuzz::Fail("CoNLL-2002 output does not read back: " + item.doc.status().ToString());
              const Doc& r = item.doc.value();
              ++docs;
              if (r.text != d.text || r.tokens != d.tokens)
                fuzz::Fail("CoNLL-2002 round trip changed the tokens");
              if (r.source_pos != d.source_pos) fuzz::Fail("CoNLL-2002 round trip changed the POS");
              if (r.mentions.size() != d.mentions.size())
                fuzz::Fail("CoNLL-2002 round trip changed the names");
              for (size_t i = 0; i < r.mentions.size(); ++i) {
                if (!(r.mentions[i].span == d.mentions[i].span) ||
                    r.mentions[i].type != d.mentions[i].type) {
                  fuzz::Fail("CoNLL-2002 round trip changed a name");
                }
              }
              return true;
            });
        if (!st.ok() || docs != 1) fuzz::Fail("CoNLL-2002 output is not one document");
      });
  return 0;
}
