#include "quotes/cues.h"

#include <vector>

#include "base/embedded_data.h"
#include "base/errors.h"

namespace kroniek::quotes {
namespace {

std::string NoUnderscore(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const CueLexicon>> CueLexicon::FromText(std::string_view cues,
                                                               std::string_view sources) {
  auto lex = std::shared_ptr<CueLexicon>(new CueLexicon());
  size_t b = 0;
  int n = 0;
  while (b < cues.size()) {
    size_t e = cues.find('\n', b);
    if (e == std::string_view::npos) e = cues.size();
    std::string_view line = cues.substr(b, e - b);
    b = e + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols;
    size_t c = 0;
    while (true) {
      size_t t = line.find('\t', c);
      cols.push_back(line.substr(c, t == std::string_view::npos ? std::string_view::npos : t - c));
      if (t == std::string_view::npos) break;
      c = t + 1;
    }
    auto bad = [&](const std::string& why) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       "quotes/data/cues.tsv:" + std::to_string(n) + ": " + why);
    };
    if (cols.size() < 2 || cols[0].empty()) return bad("needs lemma and frames");
    Cue cue;
    cue.lemma = std::string(cols[0]);
    size_t f = 0;
    while (f <= cols[1].size()) {
      size_t comma = cols[1].find(',', f);
      if (comma == std::string_view::npos) comma = cols[1].size();
      std::string_view fr = cols[1].substr(f, comma - f);
      if (fr == "dat")
        cue.frames |= kFrameDat;
      else if (fr == "of")
        cue.frames |= kFrameOf;
      else if (fr == "te")
        cue.frames |= kFrameTe;
      else if (fr == "om")
        cue.frames |= kFrameOm;
      else if (fr == "direct")
        cue.frames |= kFrameDirect;
      else if (fr == "needs-laten")
        cue.frames |= kNeedsLaten;
      else if (fr == "needs-adj")
        cue.frames |= kNeedsAdjective;
      else
        return bad("unknown frame '" + std::string(fr) + "'");
      f = comma + 1;
    }
    lex->form_to_lemma_[cue.lemma] = cue.lemma;
    if (cols.size() > 2) {
      size_t p = 0;
      while (p <= cols[2].size()) {
        size_t bar = cols[2].find('|', p);
        if (bar == std::string_view::npos) bar = cols[2].size();
        std::string_view form = cols[2].substr(p, bar - p);
        // Only one-word forms are matched token by token.
        if (!form.empty() && form.find(' ') == std::string_view::npos) {
          lex->form_to_lemma_.emplace(std::string(form), cue.lemma);
        }
        p = bar + 1;
      }
    }
    lex->by_lemma_[cue.lemma] = std::move(cue);
  }
  size_t p = 0;
  while (p < sources.size()) {
    size_t e = sources.find('\n', p);
    if (e == std::string_view::npos) e = sources.size();
    std::string_view line = sources.substr(p, e - p);
    p = e + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lex->sources_.insert(std::string(line));
  }
  return std::shared_ptr<const CueLexicon>(std::move(lex));
}

Result<std::shared_ptr<const CueLexicon>> CueLexicon::Load() {
  auto c = EmbeddedData("quotes/data/cues.tsv");
  auto s = EmbeddedData("quotes/data/sources.tsv");
  if (!c || !s) {
    return MakeError(StatusCode::kInternal, ErrorId::kInternal, "embedded quote lexicon missing");
  }
  return FromText(*c, *s);
}

const Cue* CueLexicon::ByLemma(std::string_view lemma) const {
  auto it = by_lemma_.find(lemma.find('_') == std::string_view::npos ? std::string(lemma)
                                                                     : NoUnderscore(lemma));
  return it == by_lemma_.end() ? nullptr : &it->second;
}

const Cue* CueLexicon::ByForm(std::string_view lower) const {
  auto it = form_to_lemma_.find(std::string(lower));
  if (it == form_to_lemma_.end()) return nullptr;
  return ByLemma(it->second);
}

}  // namespace kroniek::quotes
