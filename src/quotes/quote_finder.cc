#include "quotes/quote_finder.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/utf8.h"
#include "link/doc_view.h"
#include "quotes/marks.h"
#include "tag/text.h"

namespace kroniek::quotes {
namespace {

using link::DocView;
using link::PersonNounClass;

// A quote being built.
struct QuoteCand {
  Span content;
  QuoteKind kind = QuoteKind::kDirect;
  std::optional<Span> cue;
  uint32_t np_b = 0, np_e = 0;  // the speaker's noun phrase (tokens), empty when none
  bool attributed = false;      // a cue was found (the speaker may still be unknown)
  bool heading = false;
  uint32_t para = 0;
  uint32_t tb = 0, te = 0;
  int32_t direct = -1;  // the Quoted it comes from
  bool drop = false;
  int32_t speaker = -1;
  std::optional<Span> speaker_mention;
};

bool Is(std::string_view w, std::initializer_list<std::string_view> set) {
  for (auto s : set) {
    if (w == s) return true;
  }
  return false;
}

bool IsDeterminer(std::string_view w) {
  return Is(w, {"de",       "het",  "een",    "die",  "deze", "dit",    "zijn",
                "haar",     "hun",  "diens",  "mijn", "onze", "ons",    "jullie",
                "uw",       "elke", "iedere", "alle", "veel", "enkele", "verschillende",
                "meerdere", "twee", "drie",   "vier"});
}

bool IsPersonalPronoun(std::string_view w) {
  return Is(w, {"hij", "zij", "ze", "ik", "wij", "we", "jij", "je", "u", "men", "het"});
}

// Adverbs that may stand between a verb and its subject ("zei onder meer", "zegt ook").
bool IsLightAdverb(std::string_view w) {
  return Is(
      w,
      {"ook",       "nog",      "eerder",      "al",       "verder",  "daarbij",  "vervolgens",
       "echter",    "wel",      "zelf",        "eens",     "opnieuw", "nogmaals", "toen",
       "later",     "tevens",   "bovendien",   "eveneens", "daarna",  "dan",      "nu",
       "donderdag", "gisteren", "vandaag",     "immers",   "alvast",  "meteen",   "uitdrukkelijk",
       "expliciet", "eerst",    "nadrukkelijk"});
}

bool IsSubordinator(std::string_view w) {
  return Is(w, {"omdat", "terwijl", "doordat", "nadat", "hoewel", "zodat", "wanneer", "als",
                "zodra", "voordat", "omdat", "want", "maar", "en", "of", "dus"});
}

bool IsSpokesNoun(std::string_view lower) {
  auto ends = [&](std::string_view s) {
    return lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0;
  };
  return ends("woordvoerder") || ends("woordvoerster") || ends("woordvoerders") ||
         lower == "zegsman" || lower == "zegsvrouw" || ends("persvoorlichter") ||
         lower == "spokesman" || lower == "spokeswoman";
}

class QuoteRun {
 public:
  QuoteRun(const CueLexicon& cues, const link::LinkLexicon& words, Doc& doc)
      : cues_(cues), words_(words), d_(doc), v_(doc) {}

  void Run() {
    const uint32_t n = v_.size();
    in_direct_.assign(n, -1);
    mark_tok_.assign(n, 0);
    mention_of_.assign(n, -1);
    has_entities_ = d_.Has(Layer::kEntities);
    if (has_entities_) {
      for (uint32_t i = 0; i < d_.mentions.size(); ++i) {
        const Mention& m = d_.mentions[i];
        if (m.entity < 0 || m.entity >= static_cast<int32_t>(d_.entities.size())) continue;
        for (uint32_t t = m.token_begin; t < m.token_end && t < n; ++t) {
          // A longer mention wins over a name part inside it.
          if (mention_of_[t] < 0 || d_.mentions[mention_of_[t]].span.size() < m.span.size()) {
            mention_of_[t] = static_cast<int32_t>(i);
          }
        }
      }
      TypeNounEvidence();
    }
    para_last_.clear();
    para_first_.clear();
    for (uint32_t t = 0; t < n; ++t) {
      uint32_t p = v_.Paragraph(t);
      if (para_last_.size() <= p) {
        para_last_.resize(p + 1, t);
        para_first_.resize(p + 1, t);
      }
      para_last_[p] = t;
    }
    FindDirect();
    FindCues();
    Indirect();
    AttributeDirect();
    MergeMixed();
    Resolve();
    Write();
  }

 private:
  void FindDirect() {
    directs_ = FindQuoted(d_, v_);
    back_attr_.assign(directs_.size(), std::nullopt);
    for (size_t i = 0; i < directs_.size(); ++i) {
      const Quoted& q = directs_[i];
      for (uint32_t t = q.tb; t < q.te; ++t) in_direct_[t] = static_cast<int32_t>(i);
      // The marks' own tokens.
      uint32_t a = d_.TokenAtOrAfter(q.ob);
      for (uint32_t t = a; t < v_.size() && d_.tokens[t].begin < q.ce; ++t) {
        if (t < q.tb || t >= q.te) mark_tok_[t] = 1;
      }
    }
  }

  // ------------------------------------------------------------------ cues
  struct CueHit {
    uint32_t tok = 0;
    const Cue* cue = nullptr;
  };

  const Cue* CueAt(uint32_t t) const {
    if (in_direct_[t] >= 0 || !v_.IsWord(t)) return nullptr;
    if (v_.HasUpos() && !v_.IsVerb(t)) return nullptr;
    const Cue* c = cues_.ByLemma(v_.Lemma(t));
    if (!c) c = cues_.ByForm(v_.Lower(t));
    if (!c && v_.HasDeps()) {
      // A separated particle the lemmatizer did not join ("kondigde ... aan"): the parse's
      // compound:prt dependent completes the verb.
      for (uint32_t k = t + 1; k < v_.SentenceEnd(t) && k < t + 16; ++k) {
        if (d_.head[k] == static_cast<int32_t>(t) && v_.Deprel(k) == "compound:prt") {
          c = cues_.ByLemma(std::string(v_.Lower(k)) + std::string(v_.Lemma(t)));
          break;
        }
      }
    }
    if (!c) return nullptr;
    if (c->frames & kNeedsLaten) {
      bool laten = false;
      uint32_t sb = v_.SentenceBegin(t);
      for (uint32_t k = t; k > sb && t - k < 8; --k) {
        std::string_view l = v_.Lemma(k - 1);
        if (l == "laten" || v_.Lower(k - 1) == "laat" || v_.Lower(k - 1) == "liet" ||
            v_.Lower(k - 1) == "lieten" || v_.Lower(k - 1) == "laten") {
          laten = true;
        }
      }
      if (!laten) return nullptr;
    }
    return c;
  }

  void FindCues() {
    for (uint32_t t = 0; t < v_.size(); ++t) {
      const Cue* c = CueAt(t);
      if (c) cue_hits_.push_back(CueHit{t, c});
    }
  }

  // ------------------------------------------------------------------ noun phrases
  bool InMention(uint32_t t) const { return mention_of_[t] >= 0; }

  // The noun phrase starting at or after `t` (light adverbs skipped), ending before `limit`.
  // Returns [b, e); empty when there is none.
  std::pair<uint32_t, uint32_t> NpAt(uint32_t t, uint32_t limit, bool skip_adverbs) const {
    uint32_t i = t;
    if (skip_adverbs) {
      while (i < limit) {
        const std::string& w = v_.Lower(i);
        if (w == "onder" && i + 1 < limit &&
            (v_.Lower(i + 1) == "meer" || v_.Lower(i + 1) == "andere")) {
          i += 2;
        } else if (IsLightAdverb(w)) {
          ++i;
        } else {
          break;
        }
      }
    }
    const uint32_t b = i;
    bool head = false, used_van = false;
    while (i < limit) {
      if (mark_tok_[i] || in_direct_[i] >= 0) break;
      if (InMention(i)) {
        // After a noun only a person's name ("centrumverantwoordelijke Kurt Lobbestael") or a
        // name a title or type noun introduces belongs to the phrase.
        const Mention& mm = d_.mentions[mention_of_[i]];
        if (head && i > b && d_.entities[mm.entity].type != "PER" &&
            words_.Person(v_.Text(i - 1)).cls == PersonNounClass::kNone &&
            words_.TypeOf(v_.Text(i - 1)).empty() && !InMention(i - 1)) {
          break;
        }
        const Mention& m = d_.mentions[mention_of_[i]];
        // A name part of a compound ("NAVO-woordvoerder") is one token of the phrase.
        i = std::max<uint32_t>(i + 1, std::min<uint32_t>(m.token_end, limit));
        head = true;
        continue;
      }
      const std::string& w = v_.Lower(i);
      std::string_view u = v_.Upos(i);
      if (!v_.IsWord(i)) break;
      if (!head && IsPersonalPronoun(w) && i == b &&
          !(w == "het" && i + 1 < limit &&
            (InMention(i + 1) || v_.Upos(i + 1) == "NOUN" || v_.Upos(i + 1) == "ADJ"))) {
        ++i;
        head = true;
        break;
      }
      if (!head && IsDeterminer(w) && (u.empty() || u == "DET" || u == "PRON" || u == "NUM")) {
        ++i;
        continue;
      }
      if (!head && (u == "ADJ" || (u == "ADV" && i + 1 < limit && v_.Upos(i + 1) == "ADJ"))) {
        ++i;
        continue;
      }
      if (u == "NOUN" || u == "PROPN" || u == "X" || (u.empty() && v_.IsWord(i) && !head)) {
        ++i;
        head = true;
        // Another noun of a multi-word title ("minister van Welzijn ...") may follow.
        continue;
      }
      if (w == "van" && head && !used_van) {
        used_van = true;
        head = false;
        ++i;
        continue;
      }
      break;
    }
    // "minister van Onderwijs en Sport Ben Weyts": over the portfolio to the name.
    if (head && i < limit) {
      bool title = false;
      for (uint32_t k = b; k < i; ++k) {
        title |= words_.Person(v_.Text(k)).cls != PersonNounClass::kNone;
      }
      uint32_t k = i;
      while (title && k < limit && k < i + 4 && !InMention(k) &&
             (v_.Cap(k) || v_.Lower(k) == "en" || v_.Lower(k) == "van")) {
        ++k;
      }
      if (title && k < limit && InMention(k) &&
          d_.entities[d_.mentions[mention_of_[k]].entity].type == "PER") {
        i = std::min<uint32_t>(d_.mentions[mention_of_[k]].token_end, limit);
      }
    }
    // A dangling "van" is not part of it.
    uint32_t e = i;
    while (e > b && (v_.Lower(e - 1) == "van" || !v_.IsWord(e - 1))) --e;
    if (!head && e == b) return {b, b};
    return {b, e};
  }

  // The first token of the clause holding token t: the sentence start, or the word after the
  // last subordinator or "en"/"maar" before it.
  uint32_t ClauseStart(uint32_t t) const {
    uint32_t sb = v_.SentenceBegin(t);
    uint32_t cs = sb;
    for (uint32_t k = sb; k < t; ++k) {
      if (in_direct_[k] >= 0 || mark_tok_[k]) {
        cs = k + 1;
        continue;
      }
      const std::string& w = v_.Lower(k);
      std::string_view u = v_.Upos(k);
      // A subordinate or coordinated clause after a comma ("..., omdat het kabinet vindt").
      if (IsSubordinator(w) && (u.empty() || u == "SCONJ" || u == "CCONJ") && k > sb &&
          v_.Text(k - 1) == ",") {
        cs = k + 1;
      }
      if ((w == ";" || w == ":") && k + 1 < t) cs = k + 1;
      // A dateline or an aside between dashes ("DEN HAAG (ANP) - Premier X vindt").
      if ((w == "-" || w == "\xE2\x80\x93" || w == "\xE2\x80\x94") && k + 1 < t) cs = k + 1;
    }
    while (cs < t && !v_.IsWord(cs)) ++cs;
    return cs;
  }

  // The finite verb governing cue token v: the first verb of v's clause (an auxiliary
  // "heeft ... uitgesloten", "laat ... weten"), or v itself.
  uint32_t FiniteOf(uint32_t v, uint32_t cs) const {
    if (!v_.HasUpos() || !d_.Has(Layer::kFeats)) return v;
    auto finite = [&](uint32_t k) { return d_.feats[k].find("VerbForm=Fin") != std::string::npos; };
    if (finite(v)) return v;
    for (uint32_t k = v; k > cs; --k) {
      if (v_.IsVerb(k - 1) && in_direct_[k - 1] < 0 && finite(k - 1)) return k - 1;
    }
    return v;
  }

  // The subject of cue token v from the parse: the tokens of its nsubj subtree.
  std::optional<std::pair<uint32_t, uint32_t>> ParseSubject(uint32_t v) const {
    if (!v_.HasDeps()) return std::nullopt;
    uint32_t sb = v_.SentenceBegin(v), se = v_.SentenceEnd(v);
    int32_t verb = static_cast<int32_t>(v);
    for (int hops = 0; hops < 2 && verb >= 0; ++hops) {
      for (uint32_t k = sb; k < se; ++k) {
        if (v_.Head(k) == verb && v_.Deprel(k).substr(0, 5) == "nsubj" &&
            v_.Deprel(k) != "nsubj:pass") {
          // The subtree of k.
          uint32_t lo = k, hi = k + 1;
          for (uint32_t j = sb; j < se; ++j) {
            int32_t h = static_cast<int32_t>(j);
            for (int d = 0; d < 20 && h >= 0 && h != static_cast<int32_t>(k); ++d) {
              int32_t nh = v_.Head(h);
              if (nh == h) break;
              h = nh;
            }
            if (h == static_cast<int32_t>(k)) lo = std::min(lo, j), hi = std::max(hi, j + 1);
          }
          return std::make_pair(lo, hi);
        }
      }
      // "laat weten": the subject hangs on "laat"; a participle's on its auxiliary's head.
      std::string_view rel = v_.Deprel(static_cast<uint32_t>(verb));
      if (rel != "xcomp" && rel != "aux" && rel != "conj") break;
      int32_t h = v_.Head(static_cast<uint32_t>(verb));
      if (h == verb) break;
      verb = h;
    }
    return std::nullopt;
  }

  // The subject noun phrase of cue token v (surface rules, or the parse when present).
  std::pair<uint32_t, uint32_t> SubjectOf(uint32_t v) const {
    if (auto p = ParseSubject(v)) {
      if (p->first < p->second && p->second - p->first <= 12) return *p;
    }
    uint32_t cs = ClauseStart(v);
    uint32_t fin = FiniteOf(v, cs);
    if (fin < cs) fin = v;
    const uint32_t se = v_.SentenceEnd(v);
    // "Overheidsdienst Funai, die ... reguleert, dacht": the phrase before the first comma.
    uint32_t np_limit = fin;
    if (fin > cs + 1 && v_.Text(fin - 1) == ",") {
      for (uint32_t k = fin - 1; k > cs; --k) {
        if (v_.Text(k - 1) == ",") {
          np_limit = k - 1;
          break;
        }
      }
    }
    // A focus particle before the subject ("Ook zij beloofden").
    while (cs + 1 < fin && Is(v_.Lower(cs), {"ook", "zelfs", "alleen", "juist", "vooral"}) &&
           (v_.Upos(cs).empty() || v_.Upos(cs) == "ADV")) {
      ++cs;
    }
    // The clause opens with a noun phrase: that is the subject ("Stoltenberg verwacht").
    if (cs < fin) {
      std::string_view u = v_.Upos(cs);
      const std::string& w = v_.Lower(cs);
      bool np_start =
          InMention(cs) || IsPersonalPronoun(w) || (IsDeterminer(w) && w != "dat" && w != "dit") ||
          u == "PROPN" || u == "NOUN" || (u.empty() && v_.Cap(cs)) ||
          (u == "ADJ" && cs + 1 < fin &&
           (v_.Upos(cs + 1) == "NOUN" || v_.Upos(cs + 1) == "ADJ" || InMention(cs + 1)));
      // "Vlak voor aanvang ..." opens with an adverbial.
      if (u == "ADJ" && cs + 1 < fin && v_.Upos(cs + 1) == "ADP") np_start = false;
      if (u == "ADP" || u == "ADV" || u == "SCONJ") np_start = false;
      if (w == "er" || w == "dat" || w == "dit" || w == "zo" || w == "daarom") np_start = false;
      if (np_start) {
        auto np = NpAt(cs, np_limit, false);
        if (np.second > np.first) return np;
      }
    }
    // Else after the finite verb ("antwoordt Rutte", "meldden Scandinavische media").
    auto np = NpAt(fin + 1, se, true);
    if (np.second > np.first && np.first < se) {
      const std::string& w = v_.Lower(np.first);
      if (w != "dat" && w != "het" && w != "er") return np;
    }
    return {0, 0};
  }

  // ------------------------------------------------------------------ indirect quotes
  // The end (exclusive token) of the content clause starting at `from`.
  uint32_t ClauseEnd(uint32_t from) const {
    if (from >= v_.size()) return from;
    const uint32_t se = v_.SentenceEnd(from);
    uint32_t i = from;
    for (; i < se; ++i) {
      if (in_direct_[i] >= 0 || mark_tok_[i]) continue;
      std::string_view w = v_.Text(i);
      if (w == ";" || w == "\xE2\x80\x93" || w == "\xE2\x80\x94") break;
      if (w == "," && i + 1 < se) {
        const std::string& nx = v_.Lower(i + 1);
        if (Is(nx, {"maar", "want", "terwijl", "aldus", "volgens", "zo", "zodat"})) break;
        const Cue* c = CueAt(i + 1);
        if (c && (c->frames & (kFrameDirect | kFrameDat))) break;  // ", maakte X bekend"
      }
    }
    // Trailing punctuation and closing marks of quotes that started outside are left out.
    uint32_t e = i;
    while (e > from && !v_.IsWord(e - 1)) {
      // Keep the closing mark of a quote that opened inside the clause.
      if (mark_tok_[e - 1] && e - 1 > from && in_direct_[e - 2] >= 0 &&
          directs_[in_direct_[e - 2]].tb >= from) {
        break;
      }
      --e;
    }
    return e;
  }

  void AddIndirect(uint32_t tb, uint32_t te, uint32_t cue_b, uint32_t cue_e,
                   std::pair<uint32_t, uint32_t> np) {
    if (te <= tb) return;
    // At least two words of content.
    int words = 0;
    for (uint32_t t = tb; t < te; ++t) words += v_.IsWord(t) && !mark_tok_[t];
    if (words < 2) return;
    for (const QuoteCand& q : cands_) {
      if (q.kind == QuoteKind::kIndirect && q.tb < te && tb < q.te) return;  // overlaps
    }
    QuoteCand q;
    q.kind = QuoteKind::kIndirect;
    q.tb = tb;
    q.te = te;
    q.content = Span{d_.tokens[tb].begin, d_.tokens[te - 1].end};
    q.cue = Span{d_.tokens[cue_b].begin, d_.tokens[cue_e - 1].end};
    q.np_b = np.first;
    q.np_e = np.second;
    q.attributed = true;
    q.para = v_.Paragraph(tb);
    cands_.push_back(q);
    for (uint32_t t = tb; t < te; ++t) in_indirect_[t] = 1;
  }

  // Whether the comma at token c closes a relative clause or an apposition (", die ...,").
  bool RelativeBefore(uint32_t c) const {
    uint32_t sb = v_.SentenceBegin(c);
    for (uint32_t k = c; k > sb + 1; --k) {
      if (v_.Text(k - 1) == ",") {
        const std::string& w = v_.Lower(k);
        return Is(w, {"die", "dat", "wat", "waar", "waarin", "waarvan", "waarmee", "wie", "welke",
                      "wiens", "dat"});
      }
    }
    return false;
  }

  bool JudgementBetween(uint32_t a, uint32_t b) const {
    for (uint32_t k = a; k < b; ++k) {
      if (Is(v_.Lower(k), {"mogelijk", "waarschijnlijk", "aannemelijk", "onwaarschijnlijk",
                           "denkbaar", "uitgesloten", "onmogelijk", "zeker", "wenselijk",
                           "noodzakelijk", "belangrijk", "nodig"})) {
        return true;
      }
    }
    return false;
  }

  void Indirect() {
    const uint32_t n = v_.size();
    in_indirect_.assign(n, 0);
    for (const CueHit& h : cue_hits_) {
      const uint32_t v = h.tok;
      if (in_indirect_[v]) continue;  // a cue inside reported content
      const uint32_t se = v_.SentenceEnd(v);
      const uint32_t frames = h.cue->frames;
      // "..., maakte de gemeente bekend." / "..., zei hij.": the clause before the comma.
      if (v > v_.SentenceBegin(v) && v_.Text(v - 1) == "," && (frames & kFrameDirect) &&
          !RelativeBefore(v - 1)) {
        uint32_t cs = v_.SentenceBegin(v);
        while (cs < v && !v_.IsWord(cs)) ++cs;
        bool quoted = false;
        for (uint32_t k = cs; k < v; ++k) quoted |= in_direct_[k] >= 0 || mark_tok_[k];
        auto np = NpAt(v + 1, se, true);
        // Nothing after the speaker but a phrase ("op de website"): no "dat" clause follows.
        bool rest_clause = false;
        for (uint32_t k = np.second; k < se; ++k) {
          const std::string& w = v_.Lower(k);
          if (w == "dat" || w == "of" || w == ":" || v_.IsVerb(k) || mark_tok_[k]) {
            rest_clause = true;
          }
        }
        if (!quoted && !rest_clause && np.second > np.first && !(frames & kNeedsAdjective)) {
          uint32_t end = v - 1;
          AddIndirect(cs, end, v, v + 1, np);
          continue;
        }
      }
      // "zei dat ...", "vroeg of ...".
      if (frames & (kFrameDat | kFrameOf)) {
        uint32_t j = v + 1;
        bool found = false;
        for (; j < se && j < v + 12; ++j) {
          if (in_direct_[j] >= 0 || mark_tok_[j]) break;
          const std::string& w = v_.Lower(j);
          if (w == ":" && j + 1 < se && !mark_tok_[j + 1] && in_direct_[j + 1] < 0 &&
              (frames & kFrameDirect)) {
            // "Rutte zei: het kabinet valt." (no quotation marks).
            found = true;
            break;
          }
          if (w == "," || w == ";" || w == ":" || w == ".") break;
          bool comp = (w == "dat" && (frames & kFrameDat)) || (w == "of" && (frames & kFrameOf));
          if (comp && (!v_.HasUpos() || v_.Upos(j) == "SCONJ")) {
            found = true;
            break;
          }
          if (v_.IsVerb(j) && v_.Upos(j) == "VERB" && CueAt(j) == nullptr) break;
        }
        if (found && (!(frames & kNeedsAdjective) || JudgementBetween(v + 1, j))) {
          uint32_t b = j + 1;
          uint32_t e = ClauseEnd(b);
          AddIndirect(b, e, v, v + 1, SubjectOf(v));
          continue;
        }
      }
      if (frames & kNeedsAdjective) continue;
      // "riep op om ...".
      if (frames & kFrameOm) {
        for (uint32_t j = v + 1; j < se && j < v + 6; ++j) {
          if (v_.Lower(j) == "om" &&
              (!v_.HasUpos() || v_.Upos(j) == "SCONJ" || v_.Upos(j) == "ADP")) {
            AddIndirect(j + 1, ClauseEnd(j + 1), v, v + 1, SubjectOf(v));
            break;
          }
          if (v_.Text(j) == ",") break;
        }
        continue;
      }
      // "zei Rusland niet als bedreiging te zien", "heeft uitgesloten ... te gaan samenwerken".
      if (frames & kFrameTe) {
        uint32_t end = ClauseEnd(v + 1);
        bool te = false;
        for (uint32_t j = v + 1; j + 1 < end && j < v + 16; ++j) {
          if (v_.Lower(j) == "te" && (v_.IsVerb(j + 1) || !v_.HasUpos())) te = true;
          if (v_.Lower(j) == "dat") break;
        }
        if (!te) continue;
        auto subj = SubjectOf(v);
        uint32_t b = v + 1;
        // The inverted subject is not content ("zegt hij te ...").
        if (subj.first == b && subj.second > b) b = subj.second;
        AddIndirect(b, end, v, v + 1, subj);
      }
    }
    Volgens();
    Aldus();
    Colon();
    PointingBack();
  }

  // Whether the noun phrase [b, e) can be the source after "volgens".
  bool SourceNp(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      if (InMention(k)) return true;
      if (cues_.IsSource(v_.Lower(k))) return true;
      if (words_.Person(v_.Text(k)).cls != PersonNounClass::kNone) return true;
      if (IsPersonalPronoun(v_.Lower(k)) || v_.Lower(k) == "hem" || v_.Lower(k) == "hen") {
        return true;
      }
    }
    return false;
  }

  void Volgens() {
    for (uint32_t t = 0; t < v_.size(); ++t) {
      if (v_.Lower(t) != "volgens" || in_direct_[t] >= 0 || in_indirect_[t]) continue;
      const uint32_t sb = v_.SentenceBegin(t), se = v_.SentenceEnd(t);
      // After a direct quote it attributes that quote.
      if (t >= 2 && v_.Text(t - 1) == "," && mark_tok_[t - 2] && t - 2 >= sb) continue;
      if (t >= 1 && mark_tok_[t - 1] && t - 1 >= sb) continue;
      auto np = NpAt(t + 1, se, false);
      if (np.second <= np.first || !SourceNp(np.first, np.second)) continue;
      uint32_t first_word = sb;
      while (first_word < t && !v_.IsWord(first_word)) ++first_word;
      const bool initial = first_word == t || v_.Text(t - 1) == ",";
      uint32_t after = np.second;
      if (initial) {
        uint32_t b = after;
        while (b < se && v_.Text(b) == ",") ++b;
        AddIndirect(b, ClauseEnd(b), t, t + 1, np);
      } else if (after >= se || !v_.IsWord(after)) {
        // "..., volgens X." closes the sentence: the clause before it.
        uint32_t e = t;
        while (e > first_word && !v_.IsWord(e - 1)) --e;
        AddIndirect(ClauseStart(t), e, t, t + 1, np);
      } else {
        // Inside the clause: the whole clause, "volgens X" included.
        uint32_t cs = ClauseStart(t);
        AddIndirect(cs, ClauseEnd(t), t, t + 1, np);
      }
    }
  }

  void Aldus() {
    for (uint32_t t = 1; t < v_.size(); ++t) {
      if (v_.Lower(t) != "aldus" || in_direct_[t] >= 0 || v_.Text(t - 1) != ",") continue;
      if (t >= 2 && mark_tok_[t - 2] && t - 2 >= v_.SentenceBegin(t)) continue;  // direct
      const uint32_t se = v_.SentenceEnd(t);
      auto np = NpAt(t + 1, se, false);
      if (np.second <= np.first) continue;
      uint32_t cs = v_.SentenceBegin(t);
      while (cs < t && !v_.IsWord(cs)) ++cs;
      AddIndirect(cs, t - 1, t, t + 1, np);
    }
  }

  // "Rutte: kabinet valt niet": a name, a colon and a statement without quotation marks.
  void Colon() {
    for (uint32_t s = 0; s < d_.sentences.size(); ++s) {
      uint32_t b = d_.sentences[s].token_begin, e = d_.sentences[s].token_end;
      if (b >= e || !InMention(b)) continue;
      const Mention& m = d_.mentions[mention_of_[b]];
      uint32_t c = m.token_end;
      if (c + 3 >= e || v_.Text(c) != ":" || in_direct_[c + 1] >= 0 || mark_tok_[c + 1]) continue;
      uint32_t end = ClauseEnd(c + 1);
      AddIndirect(c + 1, end, c, c + 1, {b, c});
    }
  }

  // "Dat meldt de BBC.": the sentence before is the report, when it has no quote of its own.
  void PointingBack() {
    for (uint32_t s = 1; s < d_.sentences.size(); ++s) {
      uint32_t b = d_.sentences[s].token_begin, e = d_.sentences[s].token_end;
      if (b + 2 >= e) continue;
      const std::string& w = v_.Lower(b);
      if (w != "dat" && w != "dit" && w != "zo") continue;
      const Cue* c = CueAt(b + 1);
      if (!c || !(c->frames & (kFrameDat | kFrameDirect))) continue;
      const Sentence& prev = d_.sentences[s - 1];
      if (prev.paragraph != d_.sentences[s].paragraph) continue;
      // '"...", Dat zei Rutte.': the quote that ends right before is attributed.
      if (!directs_.empty() && b > 0) {
        int64_t last = -1;
        for (size_t q = 0; q < directs_.size(); ++q) {
          if (directs_[q].ce <= d_.tokens[b].begin) last = static_cast<int64_t>(q);
        }
        if (last >= 0 && directs_[last].te > 0 && v_.Sentence(directs_[last].te - 1) + 1 >= s &&
            v_.Paragraph(directs_[last].tb) == d_.sentences[s].paragraph) {
          bool only_marks = true;
          for (uint32_t k = d_.TokenAtOrAfter(directs_[last].ce); k < b; ++k) {
            if (v_.IsWord(k)) only_marks = false;
          }
          if (only_marks) {
            back_attr_[last] = BackAttr{b + 1, NpAt(b + 2, e, true)};
            continue;
          }
        }
      }
      bool quoted = false;
      for (uint32_t k = prev.token_begin; k < prev.token_end; ++k) {
        quoted |= in_direct_[k] >= 0 || in_indirect_[k] || mark_tok_[k];
      }
      if (quoted) continue;
      auto np = NpAt(b + 2, e, true);
      uint32_t pb = prev.token_begin, pe = prev.token_end;
      while (pb < pe && !v_.IsWord(pb)) ++pb;
      while (pe > pb && !v_.IsWord(pe - 1)) --pe;
      AddIndirect(pb, pe, b + 1, b + 2, np);
    }
  }

  // ------------------------------------------------------------------ direct quotes
  int WordsIn(uint32_t tb, uint32_t te) const {
    int n = 0;
    for (uint32_t t = tb; t < te; ++t) n += v_.IsWord(t) && !mark_tok_[t];
    return n;
  }

  // The attribution right after a closing mark: ", zei hij", ", aldus Van Dijk", "zegt Rutte",
  // ", volgens Guszti Eiben", ", klonk het bij minister X". Fills q and returns true.
  bool AttributionAfter(const Quoted& dq, QuoteCand* q) const {
    uint32_t t = d_.TokenAtOrAfter(dq.ce);
    const uint32_t n = v_.size();
    if (t >= n) return false;
    if (v_.Paragraph(t) != dq.para) return false;
    // A new sentence after the quote is no attribution of it.
    if (dq.te > 0 && v_.Sentence(t) != v_.Sentence(dq.te - 1) && v_.Cap(t)) return false;
    uint32_t se = v_.SentenceEnd(t);
    if (v_.Text(t) == ",") ++t;
    if (t >= n || !v_.IsWord(t) || in_direct_[t] >= 0 || mark_tok_[t]) return false;
    // The attribution ends at the sentence end or at the next quote.
    uint32_t lim = t;
    while (lim < se && !mark_tok_[lim] && in_direct_[lim] < 0) ++lim;
    const std::string& w = v_.Lower(t);
    if (w == "aldus" || w == "volgens") {
      auto np = NpAt(t + 1, lim, false);
      if (np.second <= np.first) return false;
      q->cue = Span{d_.tokens[t].begin, d_.tokens[t].end};
      q->np_b = np.first, q->np_e = np.second;
      q->attributed = true;
      return true;
    }
    uint32_t verb = t;
    if (w == "zo" && t + 1 < lim) verb = t + 1;
    const Cue* c = CueAt(verb);
    bool is_verb = c != nullptr || (v_.HasUpos() && v_.IsVerb(verb));
    if (!is_verb) return false;
    uint32_t np_from = verb + 1;
    // "klonk het bij minister X", "klinkt het uit de mond van X".
    if (np_from + 1 < lim && v_.Lower(np_from) == "het" &&
        Is(v_.Lower(np_from + 1), {"bij", "uit", "van"})) {
      np_from += 2;
      while (np_from < lim && Is(v_.Lower(np_from), {"de", "mond", "van"})) ++np_from;
    }
    auto np = NpAt(np_from, lim, true);
    if (np.second <= np.first) return false;
    // Without a reporting verb the phrase after must be a person or a pronoun.
    if (!c) {
      bool person = IsPersonalPronoun(v_.Lower(np.first)) && v_.Lower(np.first) != "het";
      for (uint32_t k = np.first; k < np.second; ++k) {
        if (InMention(k) || words_.Person(v_.Text(k)).cls != PersonNounClass::kNone) {
          person = true;
        }
      }
      if (!person) return false;
    }
    q->cue = Span{d_.tokens[verb].begin, d_.tokens[verb].end};
    q->np_b = np.first, q->np_e = np.second;
    q->attributed = true;
    return true;
  }

  // The attribution before the opening mark in the same sentence: "Rutte: "...", "Hij zei:
  // "...", "Bolsonaro noemde ... "parasieten"".
  bool AttributionBefore(const Quoted& dq, QuoteCand* q) const {
    uint32_t o = d_.TokenAtOrAfter(dq.ob);
    if (o == 0 || o >= v_.size()) return false;
    const uint32_t sb = v_.SentenceBegin(o);
    uint32_t p = o;  // tokens before the opening mark
    // Skip back over the opening mark's own tokens.
    while (p > sb && mark_tok_[p - 1] && in_direct_[p - 1] < 0 && d_.tokens[p - 1].begin >= dq.ob) {
      --p;
    }
    if (p == sb) return false;
    // The nearest cue before it in the sentence.
    for (uint32_t k = p; k > sb; --k) {
      uint32_t t = k - 1;
      if (in_direct_[t] >= 0 || mark_tok_[t]) break;  // another quote: split quotes continue
      const Cue* c = CueAt(t);
      if (c && (c->frames & (kFrameDirect | kFrameDat))) {
        q->cue = Span{d_.tokens[t].begin, d_.tokens[t].end};
        auto np = SubjectOf(t);
        q->np_b = np.first, q->np_e = np.second;
        q->attributed = true;
        return true;
      }
    }
    // "Rutte: "...", "Eiben juicht dit toe: "..."".
    if (v_.Text(p - 1) == ":") {
      uint32_t cs = sb;
      while (cs < p - 1 && !v_.IsWord(cs)) ++cs;
      auto np = NpAt(cs, p - 1, false);
      bool named = false;
      for (uint32_t k = np.first; k < np.second; ++k) named |= InMention(k);
      if (np.second > np.first && (np.second == p - 1 || named)) {
        q->cue = Span{d_.tokens[p - 1].begin, d_.tokens[p - 1].end};
        q->np_b = np.first, q->np_e = np.second;
        q->attributed = true;
        return true;
      }
    }
    return false;
  }

  // "Zelensky dankte Rutte voor zijn "leiderschap"": without a cue, a named person who is the
  // subject of the sentence speaks the quoted words, unless they are the predicate said about
  // that person right after the name (Poetin "heeft ... onderschat" reports another speaker).
  void SubjectSpeaks(const Quoted& dq, QuoteCand* q) const {
    if (!has_entities_) return;
    uint32_t o = d_.TokenAtOrAfter(dq.ob);
    if (o >= v_.size()) return;
    uint32_t cs = v_.SentenceBegin(o);
    while (cs < o && !v_.IsWord(cs)) ++cs;
    if (cs >= o || !InMention(cs)) return;
    const Mention& m = d_.mentions[mention_of_[cs]];
    if (d_.entities[m.entity].type != "PER" || m.kind != MentionKind::kName) return;
    uint32_t after = m.token_end;
    if (after >= o || !v_.IsVerb(after)) return;  // the name and then its verb
    q->np_b = cs;
    q->np_e = m.token_end;
    q->attributed = true;
  }

  void AttributeDirect() {
    for (size_t i = 0; i < directs_.size(); ++i) {
      const Quoted& dq = directs_[i];
      QuoteCand q;
      q.kind = QuoteKind::kDirect;
      q.content = dq.content;
      q.tb = dq.tb;
      q.te = dq.te;
      q.para = dq.para;
      q.direct = static_cast<int32_t>(i);
      const int words = WordsIn(dq.tb, dq.te);
      // The paragraph holds nothing but the quote: a quoted subheading.
      uint32_t pb = dq.tb, pe = dq.te;
      bool alone = true;
      for (uint32_t t = para_first_[dq.para]; t <= para_last_[dq.para]; ++t) {
        if ((t < pb || t >= pe) && v_.IsWord(t) && !mark_tok_[t]) {
          alone = false;
          break;
        }
      }
      if (alone && words <= 12 && dq.closed) {
        bool end_punct = false;
        std::string_view c = d_.SpanText(dq.content);
        end_punct = !c.empty() && (c.back() == '.' || c.back() == '?' || c.back() == '!');
        if (!end_punct) {
          q.heading = true;
          cands_.push_back(q);
          continue;
        }
      }
      bool after = AttributionAfter(dq, &q);
      bool before = !after && AttributionBefore(dq, &q);
      if (!after && !before && back_attr_[i]) {
        // Attributed by the next sentence ("Dat zei Rutte.").
        const BackAttr& ba = *back_attr_[i];
        q.cue = Span{d_.tokens[ba.cue].begin, d_.tokens[ba.cue].end};
        q.np_b = ba.np.first, q.np_e = ba.np.second;
        q.attributed = true;
        after = true;
      }
      if (!after && !before) SubjectSpeaks(dq, &q);
      // Words of the sentence outside the quote before it: an embedded quote.
      uint32_t o = d_.TokenAtOrAfter(dq.ob);
      uint32_t sb = o < v_.size() ? v_.SentenceBegin(o) : 0;
      bool embedded = false;
      for (uint32_t t = sb; t < o; ++t) {
        if (v_.IsWord(t) && !mark_tok_[t] && in_direct_[t] < 0) embedded = true;
      }
      if (embedded && words <= 3 && !after && !before) {
        // Scare quotes and titles: short quoted words inside a sentence without a cue.
        bool cue_in_sentence = false;
        for (const CueHit& h : cue_hits_) {
          if (v_.Sentence(h.tok) == v_.Sentence(o)) cue_in_sentence = true;
        }
        if (!dq.dbl || !cue_in_sentence) {
          // Inside an indirect clause it still counts (a mixed quote) when double-marked, and
          // so does a lower-case phrase someone's words are marked in ("een "ordinaire
          // ruzie""); a capitalised one is a title or name.
          bool in_clause = dq.dbl && in_indirect_[dq.tb];
          bool lower_phrase = dq.dbl && !v_.Cap(dq.tb);
          if (!in_clause && !lower_phrase) continue;
        }
      }
      if (!dq.dbl && embedded && words <= 3) continue;
      cands_.push_back(q);
    }
  }

  // A quoted part inside a reported clause is one quote: the quoted words when they make up
  // most of the clause, else the clause with its marks.
  void MergeMixed() {
    for (QuoteCand& ind : cands_) {
      if (ind.kind != QuoteKind::kIndirect || ind.drop) continue;
      for (QuoteCand& dir : cands_) {
        if (dir.kind != QuoteKind::kDirect || dir.drop || dir.heading) continue;
        const Quoted& dq = directs_[dir.direct];
        if (!(ind.content.begin <= dq.ob && dq.ce <= ind.content.end + 4) &&
            !(ind.content.begin <= dir.content.begin && dir.content.end <= ind.content.end)) {
          continue;
        }
        int dw = WordsIn(dir.tb, dir.te), iw = WordsIn(ind.tb, ind.te);
        if (2 * dw >= iw) {
          // Keep the direct quote with the clause's attribution.
          if (!dir.attributed) {
            dir.cue = ind.cue;
            dir.np_b = ind.np_b, dir.np_e = ind.np_e;
            dir.attributed = ind.attributed;
          }
          ind.drop = true;
          break;
        }
        dir.drop = true;
      }
    }
  }

  // ------------------------------------------------------------------ speakers
  // Entities introduced with a type noun ("de gemeente Haarlemmermeer"): head noun -> entity.
  void TypeNounEvidence() {
    for (const Mention& m : d_.mentions) {
      if (m.entity < 0 || m.kind != MentionKind::kName || m.token_begin == 0) continue;
      uint32_t p = m.token_begin - 1;
      std::string_view t = words_.TypeOf(v_.Text(p));
      if (t.empty() || t == "GROUP") continue;
      type_noun_entity_[v_.Lower(p)] = m.entity;
    }
  }

  enum class NpKind { kNone, kEntity, kPronoun, kRoleNoun };
  struct NpResult {
    NpKind kind = NpKind::kNone;
    int32_t entity = -1;
    Span mention;
  };

  NpResult ResolveNp(uint32_t b, uint32_t e) const {
    NpResult r;
    if (e <= b) return r;
    Span np_span{d_.tokens[b].begin, d_.tokens[e - 1].end};
    if (has_entities_) {
      // A named or described person.
      int32_t first_other = -1;
      for (uint32_t k = b; k < e; ++k) {
        int32_t mi = mention_of_[k];
        if (mi < 0) continue;
        const Mention& m = d_.mentions[mi];
        const Entity& en = d_.entities[m.entity];
        if (en.type == "PER") {
          r.kind = NpKind::kEntity;
          r.entity = m.entity;
          r.mention = m.span;
          return r;
        }
        if (first_other < 0) first_other = mi;
      }
      // A spokesperson speaks for the organisation; other unnamed people for no one.
      bool person_head = false, spokes = false;
      for (uint32_t k = b; k < e; ++k) {
        if (InMention(k)) continue;
        if (IsSpokesNoun(v_.Lower(k))) spokes = true;
        if (words_.Person(v_.Text(k)).cls != PersonNounClass::kNone && !person_head) {
          person_head = true;
        }
      }
      // "de brandweer van Moeskroen", "het parket van Bergen": an unnamed body of a place or
      // organisation is no named speaker (a spokesperson of one speaks for it).
      bool of_name = false;
      if (first_other >= 0) {
        uint32_t t = d_.mentions[first_other].token_begin;
        for (uint32_t k = b; k + 1 <= t && k < e; ++k) {
          if (v_.Lower(k) == "van" && k > b && !InMention(k - 1)) of_name = true;
        }
      }
      if (first_other >= 0 && (spokes || (!person_head && !of_name))) {
        const Mention& m = d_.mentions[first_other];
        r.kind = NpKind::kEntity;
        r.entity = m.entity;
        r.mention = spokes ? np_span : m.span;
        return r;
      }
      if (person_head) {
        // "de defensieleider": a definite singular role noun that names no one yet.
        const std::string& w = v_.Lower(b);
        if ((w == "de" || w == "het") && e - b <= 4 && !spokes) {
          r.kind = NpKind::kRoleNoun;
          r.mention = np_span;
        }
        return r;
      }
    }
    const std::string& w = v_.Lower(b);
    if (e - b == 1 && (w == "hij" || w == "zij" || w == "ze")) {
      r.kind = NpKind::kPronoun;
      r.mention = np_span;
      return r;
    }
    // "de gemeente", "het bedrijf": the entity the article introduced so.
    if ((w == "de" || w == "het") && e - b == 2) {
      auto it = type_noun_entity_.find(v_.Lower(b + 1));
      if (it != type_noun_entity_.end()) {
        r.kind = NpKind::kEntity;
        r.entity = it->second;
        r.mention = np_span;
      }
    }
    return r;
  }

  // "ze"/"zij" with a plural verb next to it ("zeiden ze", "ze vinden").
  bool PluralPronoun(uint32_t t) const {
    const std::string& w = v_.Lower(t);
    if (w != "ze" && w != "zij") return false;
    if (!d_.Has(Layer::kFeats)) return w == "ze";
    for (uint32_t k : {t - 1, t + 1}) {
      if (k >= v_.size() || !v_.IsVerb(k)) continue;
      if (d_.feats[k].find("Number=Plur") != std::string::npos) return true;
      if (d_.feats[k].find("Number=Sing") != std::string::npos) return false;
    }
    return false;
  }

  // The last person mentioned before token t within three sentences, or -1.
  int32_t LastPersonBefore(uint32_t t) const {
    if (!has_entities_) return -1;
    const uint32_t s = v_.Sentence(t);
    int32_t found = -1;
    for (const Mention& m : d_.mentions) {
      if (m.token_begin >= t) break;
      if (m.entity < 0 || d_.entities[m.entity].type != "PER") continue;
      if (v_.Sentence(m.token_begin) + 3 < s) continue;
      found = m.entity;
    }
    return found;
  }

  // The entity of the last person mention in tokens [from, to) that is the subject of its
  // clause (nsubj or nsubj:pass in the parse), or -1. Needs the parse and the entities.
  int32_t SubjectPersonBetween(uint32_t from, uint32_t to) const {
    if (!has_entities_ || d_.deprel.size() != d_.tokens.size()) return -1;
    int32_t found = -1;
    for (const Mention& m : d_.mentions) {
      if (m.token_begin >= to) break;
      if (m.token_begin < from || m.entity < 0) continue;
      if (d_.entities[m.entity].type != "PER") continue;
      auto subject = [&](size_t k) {
        return d_.deprel[k] == "nsubj" || d_.deprel[k] == "nsubj:pass";
      };
      for (uint32_t k = m.token_begin; k < m.token_end; ++k) {
        // The name itself, or the title before it that heads it ("President Zelensky").
        const int32_t h = d_.head[k];
        if (subject(k) || (h >= 0 && static_cast<uint32_t>(h) + 1 == m.token_begin &&
                           static_cast<size_t>(h) < d_.tokens.size() && subject(h))) {
          found = m.entity;
          break;
        }
      }
    }
    return found;
  }

  void Resolve() {
    std::sort(cands_.begin(), cands_.end(), [](const QuoteCand& a, const QuoteCand& b) {
      return a.content.begin < b.content.begin;
    });
    int32_t last = -1, last_person = -1;
    uint32_t last_person_end = 0;  // token after the last person's quote and speaker phrase
    int64_t last_para = -100, last_person_para = -100, last_attr_para = -100;
    for (QuoteCand& q : cands_) {
      if (q.drop) continue;
      if (q.heading) continue;
      const int64_t para = q.para;
      if (q.np_e > q.np_b) {
        NpResult r = ResolveNp(q.np_b, q.np_e);
        switch (r.kind) {
          case NpKind::kEntity:
            q.speaker = r.entity;
            q.speaker_mention = r.mention;
            break;
          case NpKind::kPronoun:
            if (PluralPronoun(q.np_b)) break;
            if (last_person >= 0 && para - last_person_para <= 2) {
              // The last speaker, unless another person has since become the subject of a
              // sentence ("Peskov noemde ... . President Zelensky bedankte ... . Hij hoopt").
              int32_t newer = SubjectPersonBetween(last_person_end, q.np_b);
              q.speaker = newer >= 0 ? newer : last_person;
            } else {
              q.speaker = LastPersonBefore(q.np_b);
            }
            q.speaker_mention = r.mention;
            break;
          case NpKind::kRoleNoun:
            if (last_person >= 0 && para - last_person_para <= 4) {
              q.speaker = last_person;
              q.speaker_mention = r.mention;
              new_nominals_.push_back({q.np_b, NominalEnd(q.np_b, q.np_e), last_person});
            }
            break;
          case NpKind::kNone:
            break;
        }
      } else if (!q.attributed && q.kind == QuoteKind::kDirect) {
        // A quote paragraph continues the speaker before it, not indefinitely.
        if (last_para >= 0 && para - last_para <= 2 && para - last_attr_para <= 4) {
          q.speaker = last;
        }
      }
      if (q.attributed) last_attr_para = para;
      last = q.speaker;
      last_para = para;
      if (q.speaker >= 0 && d_.entities[q.speaker].type == "PER") {
        last_person = q.speaker;
        last_person_para = para;
        last_person_end = std::max(q.te, q.np_e);
      }
    }
  }

  // The end of "de [adj] noun" inside a noun phrase ("de aanvoerder van Oranje" -> after
  // "aanvoerder").
  uint32_t NominalEnd(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      if (words_.Person(v_.Text(k)).cls != PersonNounClass::kNone) return k + 1;
    }
    return e;
  }

  // ------------------------------------------------------------------ output
  void Write() {
    // Nominal mentions found through speakers join their entity.
    if (has_entities_ && !new_nominals_.empty()) {
      std::vector<Mention> ms = d_.mentions;
      for (const auto& nn : new_nominals_) {
        Mention m;
        m.token_begin = nn.b;
        m.token_end = nn.e;
        m.span = Span{d_.tokens[nn.b].begin, d_.tokens[nn.e - 1].end};
        m.kind = MentionKind::kNominal;
        m.entity = nn.entity;
        m.type = d_.entities[nn.entity].type;
        bool dup = false;
        for (const Mention& x : ms) dup |= x.span == m.span;
        if (!dup) ms.push_back(m);
      }
      std::stable_sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) {
        if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
        return a.span.end > b.span.end;
      });
      for (Entity& e : d_.entities) e.mentions.clear();
      for (uint32_t i = 0; i < ms.size(); ++i) {
        if (ms[i].entity >= 0) d_.entities[ms[i].entity].mentions.push_back(i);
      }
      d_.mentions = std::move(ms);
    }
    std::vector<Quote> out;
    for (const QuoteCand& q : cands_) {
      if (q.drop) continue;
      Quote o;
      o.span = q.content;
      o.kind = q.kind;
      o.speaker = q.speaker;
      o.speaker_mention = q.speaker_mention;
      o.cue = q.cue;
      out.push_back(o);
    }
    d_.quotes = std::move(out);
  }

  struct BackAttr {
    uint32_t cue;
    std::pair<uint32_t, uint32_t> np;
  };

  struct NewNominal {
    uint32_t b, e;
    int32_t entity;
  };

  const CueLexicon& cues_;
  const link::LinkLexicon& words_;
  Doc& d_;
  DocView v_;
  bool has_entities_ = false;
  std::vector<int32_t> in_direct_;  // token -> Direct whose content holds it
  std::vector<uint8_t> mark_tok_;   // token is (part of) a quotation mark of a Direct
  std::vector<uint8_t> in_indirect_;
  std::vector<int32_t> mention_of_;  // token -> linked mention covering it
  std::vector<uint32_t> para_first_, para_last_;
  std::vector<Quoted> directs_;
  std::vector<std::optional<BackAttr>> back_attr_;  // per direct quote
  std::vector<CueHit> cue_hits_;
  std::vector<QuoteCand> cands_;
  std::unordered_map<std::string, int32_t> type_noun_entity_;
  std::vector<NewNominal> new_nominals_;
};

class QuoteStage : public Stage {
 public:
  explicit QuoteStage(std::shared_ptr<const QuoteFinder> f) : f_(std::move(f)) {}
  std::string Name() const override { return "quotes"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences}; }
  LayerSet Writes() const override { return {Layer::kQuotes}; }
  Status Process(Doc& doc) const override {
    f_->Find(doc);
    return Status();
  }

 private:
  std::shared_ptr<const QuoteFinder> f_;
};

}  // namespace

Result<std::shared_ptr<const QuoteFinder>> QuoteFinder::Create() {
  auto cues = CueLexicon::Load();
  if (!cues.ok()) return cues.status();
  auto words = link::LinkLexicon::Load();
  if (!words.ok()) return words.status();
  return CreateWith(std::move(cues).value(), std::move(words).value());
}

std::shared_ptr<const QuoteFinder> QuoteFinder::CreateWith(
    std::shared_ptr<const CueLexicon> cues, std::shared_ptr<const link::LinkLexicon> words) {
  return std::shared_ptr<const QuoteFinder>(new QuoteFinder(std::move(cues), std::move(words)));
}

void QuoteFinder::Find(Doc& doc) const {
  doc.quotes.clear();
  if (doc.tokens.empty()) return;
  QuoteRun run(*cues_, *words_, doc);
  run.Run();
}

std::unique_ptr<Stage> MakeQuoteStage(std::shared_ptr<const QuoteFinder> finder) {
  return std::make_unique<QuoteStage>(std::move(finder));
}

}  // namespace kroniek::quotes
