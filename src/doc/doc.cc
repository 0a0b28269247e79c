#include "kroniek/doc.h"

#include <algorithm>
#include <string>

#include "base/utf8.h"

namespace kroniek {

const char* LayerName(Layer layer) {
  switch (layer) {
    case Layer::kTokens: return "tokens";
    case Layer::kSentences: return "sentences";
    case Layer::kLemma: return "lemma";
    case Layer::kUpos: return "upos";
    case Layer::kXpos: return "xpos";
    case Layer::kFeats: return "feats";
    case Layer::kDeps: return "deps";
    case Layer::kMentions: return "mentions";
    case Layer::kEntities: return "entities";
    case Layer::kQuotes: return "quotes";
    case Layer::kTimes: return "times";
    case Layer::kEvents: return "events";
    case Layer::kCount: break;
  }
  return "?";
}

const char* MentionKindName(MentionKind kind) {
  switch (kind) {
    case MentionKind::kName: return "name";
    case MentionKind::kNominal: return "nominal";
    case MentionKind::kPronoun: return "pronoun";
  }
  return "?";
}

const char* QuoteKindName(QuoteKind kind) {
  return kind == QuoteKind::kDirect ? "direct" : "indirect";
}

void Doc::Clear(Layer layer) {
  layers_.Remove(layer);
  switch (layer) {
    case Layer::kTokens:
      tokens.clear();
      space_after.clear();
      source_pos.clear();
      break;
    case Layer::kSentences: sentences.clear(); break;
    case Layer::kLemma: lemma.clear(); break;
    case Layer::kUpos: upos.clear(); break;
    case Layer::kXpos: xpos.clear(); break;
    case Layer::kFeats: feats.clear(); break;
    case Layer::kDeps:
      head.clear();
      deprel.clear();
      break;
    case Layer::kMentions: mentions.clear(); break;
    case Layer::kEntities: entities.clear(); break;
    case Layer::kQuotes: quotes.clear(); break;
    case Layer::kTimes: times.clear(); break;
    case Layer::kEvents: events.clear(); break;
    case Layer::kCount: break;
  }
}

Span Doc::SentenceSpan(size_t i) const {
  const Sentence& s = sentences[i];
  if (s.token_begin >= s.token_end) return Span{};
  return Span{tokens[s.token_begin].begin, tokens[s.token_end - 1].end};
}

int32_t Doc::SentenceOf(uint32_t token) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                             [](uint32_t t, const Sentence& s) { return t < s.token_end; });
  if (it == sentences.end() || token < it->token_begin) return -1;
  return static_cast<int32_t>(it - sentences.begin());
}

uint32_t Doc::TokenAtOrAfter(uint32_t offset) const {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](uint32_t off, const Span& t) { return off < t.end; });
  return static_cast<uint32_t>(it - tokens.begin());
}

namespace {

std::string CheckSpan(const Doc& d, Span s, const char* what, size_t i) {
  if (s.begin > s.end || s.end > d.text.size()) {
    return std::string(what) + " " + std::to_string(i) + " lies outside the text";
  }
  if (!utf8::IsBoundary(d.text, s.begin) || !utf8::IsBoundary(d.text, s.end)) {
    return std::string(what) + " " + std::to_string(i) + " cuts a UTF-8 sequence";
  }
  return "";
}

}  // namespace

std::string Doc::Validate() const {
  if (!utf8::IsValid(text)) return "text is not valid UTF-8";
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    if (tokens[i].empty()) return "token " + std::to_string(i) + " is empty";
    std::string e = CheckSpan(*this, tokens[i], "token", i);
    if (!e.empty()) return e;
    if (i > 0 && tokens[i].begin < tokens[i - 1].end) {
      return "token " + std::to_string(i) + " overlaps or precedes the one before it";
    }
  }
  if (!space_after.empty() && space_after.size() != n) return "space_after has the wrong length";
  if (!source_pos.empty() && source_pos.size() != n) return "source_pos has the wrong length";
  uint32_t expect = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& s = sentences[i];
    if (s.token_begin != expect || s.token_end <= s.token_begin || s.token_end > n) {
      return "sentence " + std::to_string(i) + " does not continue the previous one";
    }
    if (i > 0 && s.paragraph < sentences[i - 1].paragraph) {
      return "sentence " + std::to_string(i) + " has a decreasing paragraph number";
    }
    expect = s.token_end;
  }
  if (!sentences.empty() && expect != n) return "sentences do not cover every token";
  auto column = [&](size_t size, Layer l) -> std::string {
    if (Has(l) && size != n) return std::string(LayerName(l)) + " column has the wrong length";
    if (!Has(l) && size != 0) return std::string(LayerName(l)) + " column is filled but absent";
    return "";
  };
  for (auto [size, l] : {std::pair{lemma.size(), Layer::kLemma}, {upos.size(), Layer::kUpos},
                         {xpos.size(), Layer::kXpos}, {feats.size(), Layer::kFeats},
                         {head.size(), Layer::kDeps}, {deprel.size(), Layer::kDeps}}) {
    std::string e = column(size, l);
    if (!e.empty()) return e;
  }
  if (Has(Layer::kDeps)) {
    for (size_t si = 0; si < sentences.size(); ++si) {
      const Sentence& s = sentences[si];
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        if (head[t] < static_cast<int32_t>(s.token_begin) ||
            head[t] >= static_cast<int32_t>(s.token_end)) {
          return "head of token " + std::to_string(t) + " is outside its sentence";
        }
      }
    }
  }
  for (size_t i = 0; i < mentions.size(); ++i) {
    std::string e = CheckSpan(*this, mentions[i].span, "mention", i);
    if (!e.empty()) return e;
    if (mentions[i].entity >= static_cast<int32_t>(entities.size())) {
      return "mention " + std::to_string(i) + " points to a missing entity";
    }
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    for (uint32_t m : entities[i].mentions) {
      if (m >= mentions.size()) return "entity " + std::to_string(i) + " has a missing mention";
    }
  }
  for (size_t i = 0; i < quotes.size(); ++i) {
    std::string e = CheckSpan(*this, quotes[i].span, "quote", i);
    if (e.empty() && quotes[i].cue) e = CheckSpan(*this, *quotes[i].cue, "quote cue", i);
    if (e.empty() && quotes[i].speaker_mention) {
      e = CheckSpan(*this, *quotes[i].speaker_mention, "quote speaker", i);
    }
    if (!e.empty()) return e;
    if (quotes[i].speaker >= static_cast<int32_t>(entities.size())) {
      return "quote " + std::to_string(i) + " points to a missing speaker";
    }
  }
  for (size_t i = 0; i < times.size(); ++i) {
    std::string e = CheckSpan(*this, times[i].span, "time", i);
    if (!e.empty()) return e;
  }
  const auto ne = static_cast<int32_t>(entities.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& v = events[i];
    std::string e = CheckSpan(*this, v.trigger, "event trigger", i);
    if (!e.empty()) return e;
    for (int32_t a : v.actors) {
      if (a < 0 || a >= ne) return "event " + std::to_string(i) + " has a missing actor";
    }
    for (int32_t a : v.targets) {
      if (a < 0 || a >= ne) return "event " + std::to_string(i) + " has a missing target";
    }
    if (v.location >= ne) return "event " + std::to_string(i) + " has a missing location";
    if (v.time >= static_cast<int32_t>(times.size())) {
      return "event " + std::to_string(i) + " has a missing time";
    }
  }
  return "";
}

}  // namespace kroniek
