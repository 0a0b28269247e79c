// libFuzzer target for the entity linker, the quote finder, the time tagger and the event finder:
// any text (made valid UTF-8), tokenised, with every capitalised token run taken as an NER name,
// and (when the first byte is odd) tags and a simple parse, must give a well-formed Doc: Validate()
// passes, every entity's mentions point back to it in text order, quotes and their speakers are in
// range. Aborts on a violation. Events must have a trigger inside the text and arguments that are
// entities.
//
//   bash scripts/fuzz.sh 600 news_fuzz
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "events/event_finder.h"
#include "link/linker.h"
#include "quotes/quote_finder.h"
#include "times/time_tagger.h"
#include "tokenize/tokenizer.h"

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "news invariant broken: %s\n", what.c_str());
  std::abort();
}

template <typename T>
const T& Must(const kroniek::Result<std::shared_ptr<const T>>& r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.status().ToString());
  return *r.value();
}

const kroniek::Tokenizer& Tok() {
  static auto t = kroniek::Tokenizer::Create();
  return Must(t, "tokenizer");
}
const kroniek::link::Linker& Linker() {
  static auto l = kroniek::link::Linker::Create();
  return Must(l, "linker");
}
const kroniek::quotes::QuoteFinder& Finder() {
  static auto f = kroniek::quotes::QuoteFinder::Create();
  return Must(f, "quote finder");
}

const kroniek::TimeTagger& Times() {
  static auto t = kroniek::TimeTagger::Create();
  return Must(t, "time tagger");
}
const kroniek::events::EventFinder& Events() {
  static auto f = kroniek::events::EventFinder::Create();
  return Must(f, "event finder");
}

const char* const kTypes[] = {"PER", "ORG", "LOC", "MISC"};
const char* const kUpos[] = {"NOUN", "PROPN", "VERB", "AUX",   "ADJ",  "ADV",
                             "DET",  "PRON",  "ADP",  "SCONJ", "PUNCT"};
const char* const kRels[] = {"nsubj", "obj", "ccomp", "xcomp", "aux", "flat", "nmod", "punct"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  Doc doc;
  doc.text = utf8::Sanitize(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  doc.meta.date = (flags & 2) ? "2022-03" : "2019-04-05";
  Tok().Tokenize(doc);
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  // Names: runs of capitalised tokens within a sentence, typed by position.
  for (const Sentence& s : doc.sentences) {
    uint32_t t = s.token_begin;
    while (t < s.token_end) {
      std::string_view w = doc.TokenText(t);
      if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) {
        ++t;
        continue;
      }
      uint32_t e = t + 1;
      while (e < s.token_end && !doc.TokenText(e).empty() && doc.TokenText(e)[0] >= 'A' &&
             doc.TokenText(e)[0] <= 'Z') {
        ++e;
      }
      Mention m;
      m.token_begin = t;
      m.token_end = e;
      m.span = Span{doc.tokens[t].begin, doc.tokens[e - 1].end};
      m.type = kTypes[(t + flags) % 4];
      doc.mentions.push_back(m);
      t = e;
    }
  }
  doc.Set(Layer::kMentions);
  if (flags & 1) {
    // Tags and a tree: each token hangs on the sentence's first token or its neighbour.
    doc.upos.resize(n);
    doc.feats.assign(n, "_");
    doc.lemma.resize(n);
    doc.head.resize(n);
    doc.deprel.resize(n);
    for (const Sentence& s : doc.sentences) {
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        uint32_t h = static_cast<uint32_t>(doc.TokenText(t).size() + t + flags);
        doc.upos[t] = kUpos[h % 11];
        doc.lemma[t] = std::string(doc.TokenText(t));
        doc.head[t] = t == s.token_begin
                          ? static_cast<int32_t>(t)
                          : static_cast<int32_t>(t - 1 - (h % 2 && t - 1 > s.token_begin));
        doc.deprel[t] = t == s.token_begin ? "root" : kRels[h % 8];
      }
    }
    for (Layer l : {Layer::kUpos, Layer::kFeats, Layer::kLemma, Layer::kDeps}) doc.Set(l);
  }
  Linker().Link(doc);
  doc.Set(Layer::kEntities);
  Finder().Find(doc);
  doc.Set(Layer::kQuotes);
  Times().Tag(doc);
  doc.Set(Layer::kTimes);
  Events().Find(doc);
  doc.Set(Layer::kEvents);
  std::string v = doc.Validate();
  if (!v.empty()) Fail("Validate: " + v);
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& en = doc.entities[e];
    if (en.mentions.empty()) Fail("entity without mentions");
    if (en.name.empty()) Fail("entity without a name");
    for (size_t k = 0; k < en.mentions.size(); ++k) {
      const Mention& m = doc.mentions[en.mentions[k]];
      if (m.entity != static_cast<int32_t>(e)) Fail("mention does not point back");
      if (k && en.mentions[k] <= en.mentions[k - 1]) Fail("mentions out of order");
      if (m.token_end > n || m.token_begin >= m.token_end) Fail("mention tokens");
    }
  }
  for (const Quote& q : doc.quotes) {
    if (q.span.empty()) Fail("empty quote");
    if (q.speaker >= static_cast<int32_t>(doc.entities.size())) Fail("speaker out of range");
  }
  const auto ne = static_cast<int32_t>(doc.entities.size());
  for (const Event& ev : doc.events) {
    if (ev.trigger.empty() || ev.trigger.end > doc.text.size()) Fail("event trigger");
    if (ev.location >= ne) Fail("event location out of range");
    if (ev.time >= static_cast<int32_t>(doc.times.size())) Fail("event time out of range");
    for (int32_t a : ev.actors) {
      if (a < 0 || a >= ne) Fail("event actor out of range");
    }
    for (int32_t a : ev.targets) {
      if (a < 0 || a >= ne) Fail("event target out of range");
    }
  }
  return 0;
}
