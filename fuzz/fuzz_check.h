// What every reader fuzz target checks (fuzz/*_fuzz.cc): each returned Doc satisfies
// Doc::Validate(), every writer handles it, the JSON is valid JSON with the same id and text,
// and the CoNLL-U output reads back with the same tokens. Each error names the input and a
// line and carries a catalogue id. A broken invariant aborts, which libFuzzer reports.
#ifndef KRONIEK_FUZZ_FUZZ_CHECK_H_
#define KRONIEK_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kroniek/io.h"

namespace kroniek::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "FUZZ INVARIANT BROKEN: %s\n", what.c_str());
  std::abort();
}

inline void CheckError(const Status& st, std::string_view name, const ReadOptions& options) {
  if (st.ok()) Fail("an error item holds an OK status");
  if (st.error_id() < 101 || st.error_id() > 199)
    Fail("input error without an E1xx id: " + st.ToString());
  const std::string prefix = std::string(name) + ":";
  if (st.message().rfind(prefix, 0) != 0 || st.message().size() <= prefix.size() ||
      st.message()[prefix.size()] < '0' || st.message()[prefix.size()] > '9') {
    Fail("error does not name the input and a line: " + st.ToString());
  }
  if (options.lenient && st.error_id() == 101) Fail("invalid UTF-8 reported under --lenient");
}

inline void CheckDoc(const Doc& doc) {
  if (std::string e = doc.Validate(); !e.empty()) Fail("Doc '" + doc.id + "' invalid: " + e);
  if (doc.id.empty()) Fail("a Doc without an id");
  std::string json = ToJson(doc);
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded()) Fail("the JSON output does not parse: " + json.substr(0, 200));
  if (!j["text"].is_string() || j["text"].get<std::string>() != doc.text) {
    Fail("the JSON text differs from the Doc text");
  }
  if (!j["id"].is_string() || j["id"].get<std::string>() != doc.id) Fail("the JSON id differs");
  if (doc.Has(Layer::kTokens) &&
      (!j["tokens"].is_array() || j["tokens"].size() != doc.tokens.size())) {
    Fail("the JSON token count differs");
  }
  std::string out;
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kConll2002, OutputFormat::kPlover,
                         OutputFormat::kJsonl}) {
    WriteOptions o;
    o.color = f == OutputFormat::kText;
    WriteDoc(doc, f, o, &out);
  }
  WriteOptions pretty;
  pretty.pretty = true;
  out.clear();
  WriteDoc(doc, OutputFormat::kJson, pretty, &out);
  nlohmann::json jp = nlohmann::json::parse(out, nullptr, false);
  if (jp.is_discarded() || jp != j) Fail("the pretty JSON differs from the one-line JSON");
  // CoNLL-U out and back in: the same tokens and sentences.
  out.clear();
  WriteDoc(doc, OutputFormat::kConllu, {}, &out);
  if (doc.Has(Layer::kTokens) && !doc.sentences.empty()) {
    size_t docs = 0;
    ReadOptions big;
    big.max_doc_bytes = size_t{1} << 30;
    Status st =
        ReadBuffer(out, "roundtrip.conllu", InputFormat::kConllu, big, [&](ReadItem&& item) {
          if (!item.doc.ok())
            Fail("the CoNLL-U output does not read back: " + item.doc.status().ToString());
          const Doc& r = item.doc.value();
          ++docs;
          if (r.tokens.size() != doc.tokens.size())
            Fail("CoNLL-U round trip changed the token count");
          if (r.sentences.size() != doc.sentences.size())
            Fail("CoNLL-U round trip changed the sentences");
          for (size_t i = 0; i < r.tokens.size(); ++i) {
            if (r.TokenText(i) != doc.TokenText(i)) Fail("CoNLL-U round trip changed a token");
          }
          return true;
        });
    if (!st.ok() || docs != 1) Fail("the CoNLL-U output is not one document");
  }
}

// Reads `data` as `format` under a strict and a lenient, small-limit set of options, checking
// every item. `more` is called with each Doc for target-specific checks.
template <typename F>
void ReadAndCheck(std::string_view data, std::string_view name, InputFormat format, F more) {
  ReadOptions strict;
  ReadOptions lenient;
  lenient.lenient = true;
  lenient.max_doc_bytes = 512;
  lenient.date = "2022-03-24";
  for (const ReadOptions* o : {&strict, &lenient}) {
    Status st = ReadBuffer(data, name, format, *o, [&](ReadItem&& item) {
      for (const std::string& w : item.warnings) {
        if (w.rfind(std::string(name) + ":", 0) != 0) Fail("warning does not name the input: " + w);
      }
      if (!item.doc.ok()) {
        CheckError(item.doc.status(), name, *o);
        return true;
      }
      const Doc& d = item.doc.value();
      if (d.text.size() > o->max_doc_bytes) Fail("a Doc over the size limit");
      CheckDoc(d);
      more(d, *o);
      return true;
    });
    if (!st.ok()) Fail("ReadBuffer failed as a whole: " + st.ToString());
  }
}

}  // namespace kroniek::fuzz

#endif  // KRONIEK_FUZZ_FUZZ_CHECK_H_
