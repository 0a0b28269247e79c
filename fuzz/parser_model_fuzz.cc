// Feeds arbitrary bytes to the parser's model decoders, and parses a sentence with whatever
// decodes. Any crash, hang or sanitizer report is a bug: a damaged model must give an error,
// and a model that decodes must always give a well-formed tree. The first byte picks what is
// fuzzed (random bytes seldom pass a container's checksums):
//   0: the whole input as a model file;
//   1: a word clusters section;
//   2: the rest split at 0xff bytes into the PLAB, LINM, PARM and CLUS sections of a
//      well-formed parser file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "learn/model_file.h"
#include "learn/word_clusters.h"
#include "parse/parser.h"
#include "parse/transition.h"

using namespace kroniek;

namespace {

void ParseWith(const learn::ModelReader& r) {
  auto p = parse::Parser::FromModel(r);
  if (!p.ok()) return;
  parse::ParseInput in;
  in.words = {"De", "minister", "zei", "dat", "het", "kon", "."};
  in.upos = {"DET", "NOUN", "VERB", "SCONJ", "PRON", "AUX", "PUNCT"};
  in.xpos = {"LID|bep|stan|rest",
             "N|soort|ev|basis|zijd|stan",
             "WW|pv|verl|ev",
             "VG|onder",
             "VNW|pers|pron|stan|red|3|ev|onz",
             "WW|pv|verl|ev",
             "LET"};
  std::vector<int> heads;
  std::vector<std::string> labels;
  p.value()->ParseSentence(in, &heads, &labels);
  if (heads.size() != in.size() || !parse::IsWellFormedTree(heads)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::string_view rest = all.substr(1);
  switch (data[0] % 3) {
    case 0: {
      auto r = learn::ModelReader::Parse(all, "", "fuzz.kmodel");
      if (r.ok()) ParseWith(r.value());
      break;
    }
    case 1: {
      learn::WordClusters c;
      if (learn::WordClusters::Deserialize(rest, &c)) (void)c.Find("de");
      break;
    }
    default: {
      std::vector<std::string> parts;
      size_t start = 0;
      while (start <= rest.size() && parts.size() < 4) {
        size_t e = rest.find('\xff', start);
        if (e == std::string_view::npos) e = rest.size();
        parts.emplace_back(rest.substr(start, e - start));
        start = e + 1;
      }
      learn::ModelWriter w(parse::kParserStage, parse::kParserFeatureSet);
      const char* tags[] = {"PLAB", "LINM", "PARM", "CLUS"};
      for (size_t i = 0; i < parts.size(); ++i) w.AddSection(tags[i], parts[i]);
      auto r = learn::ModelReader::Parse(w.Serialize(), parse::kParserStage, "fuzz.kmodel");
      if (r.ok()) ParseWith(r.value());
      break;
    }
  }
  return 0;
}
