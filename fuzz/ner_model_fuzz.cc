// Feeds arbitrary bytes to the NER model's section decoders, the recognizer built from them and
// the CoNLL-2002 reader. Any crash, hang or sanitizer report is a bug: a damaged model must give
// an error and odd input a message. The first byte picks what is fuzzed:
//   0: a name-list section (GAZF, then as GAZE) then matching a sentence;
//   1: a word-cluster section (WCLF, then as WCLU) then lookups;
//   2: the rest split at 0xff bytes into the sections NERT, LIN1, LIN2, GAZF, WCLF, GAZE, WCLU
//      of a well-formed model file, then recognizing a small document;
//   3: the rest as CoNLL-2002 input, every document checked and written back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/io.h"
#include "learn/model_file.h"
#include "ner/clusters.h"
#include "ner/gazetteer.h"
#include "ner/ner.h"

using namespace kroniek;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::string_view rest = all.substr(1);
  const std::vector<std::string_view> words = {"De",   "NAVO", "vergadert", "in",          "New",
                                               "York", "met",  "Jens",      "Stoltenberg", "."};
  switch (data[0] % 4) {
    case 0: {
      for (int compact = 0; compact < 2; ++compact) {
        ner::Gazetteer g;
        if (compact ? ner::Gazetteer::DeserializeCompact(rest, &g)
                    : ner::Gazetteer::Deserialize(rest, &g)) {
          std::vector<uint32_t> codes;
          g.Match(words, &codes);
          (void)g.WordCategories("NAVO");
        }
      }
      break;
    }
    case 1: {
      for (int compact = 0; compact < 2; ++compact) {
        ner::WordClusters wc;
        if (compact ? ner::WordClusters::DeserializeCompact(rest, &wc)
                    : ner::WordClusters::Deserialize(rest, &wc)) {
          (void)wc.Find("Brussel");
          (void)wc.Find("BRUSSEL");
          (void)wc.CapBucket("brussel");
        }
      }
      break;
    }
    case 2: {
      std::vector<std::string> parts;
      size_t start = 0;
      while (start <= rest.size() && parts.size() < 7) {
        size_t e = rest.find('\xff', start);
        if (e == std::string_view::npos) e = rest.size();
        parts.emplace_back(rest.substr(start, e - start));
        start = e + 1;
      }
      const char* tags[] = {"NERT", "LIN1", "LIN2", "GAZF", "WCLF", "GAZE", "WCLU"};
      learn::ModelWriter w(ner::kNerStage, ner::kNerFeatureSet);
      for (size_t i = 0; i < parts.size(); ++i) w.AddSection(tags[i], parts[i]);
      std::string bytes = w.Serialize();
      auto r = learn::ModelReader::Parse(bytes, ner::kNerStage, "fuzz.kmodel");
      if (!r.ok()) __builtin_trap();  // the writer's output must always parse
      auto rec = ner::Recognizer::FromModel(r.value());
      if (rec.ok()) {
        std::string text = "-DOCSTART- -DOCSTART- O\n";
        for (auto w : words) text.append(w).append(" X O\n");
        text += "\nNAVO X O\n";
        (void)ReadBuffer(text, "f.conll2002", InputFormat::kConll2002, {}, [&](ReadItem&& item) {
          if (!item.doc.ok()) __builtin_trap();
          rec.value()->Recognize(item.doc.value());
          if (!item.doc.value().Validate().empty()) __builtin_trap();
          return true;
        });
      }
      break;
    }
    default: {
      ReadOptions o;
      o.lenient = (data[0] & 0x80) != 0;
      o.max_doc_bytes = 1 << 16;
      (void)ReadBuffer(rest, "fuzz.conll2002", InputFormat::kConll2002, o, [](ReadItem&& item) {
        if (item.doc.ok()) {
          if (!item.doc.value().Validate().empty()) __builtin_trap();
          std::string out;
          WriteDoc(item.doc.value(), OutputFormat::kConll2002, WriteOptions{}, &out);
        }
        return true;
      });
      break;
    }
  }
  return 0;
}
