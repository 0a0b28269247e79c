#include "events/event_finder.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace kroniek::events {
namespace {

constexpr int kMaxClimb = 8;

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (w == s) return true;
  }
  return false;
}

// The part of a UD relation before the colon ("obl:agent" -> "obl").
std::string_view Base(std::string_view rel) {
  size_t c = rel.find(':');
  return c == std::string_view::npos ? rel : rel.substr(0, c);
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// An event found in one place, before deduplication.
struct Candidate {
  Event ev;
  uint32_t token = 0;
  const TriggerSense* sense = nullptr;
  bool nominal = false;
  int Richness() const {
    return static_cast<int>(!ev.actors.empty()) * 2 + static_cast<int>(!ev.targets.empty()) +
           static_cast<int>(ev.location >= 0) + static_cast<int>(ev.time >= 0);
  }
};

// A trigger found on a token: its sense and the compound part before the matched lemma.
struct Match {
  const TriggerSense* sense = nullptr;
  std::string prefix;
};

class Run {
 public:
  Run(const TriggerLexicon& lex, Doc& doc) : lex_(lex), d_(doc), n_(doc.tokens.size()) {}

  void Go() {
    d_.events.clear();
    if (n_ == 0 || !d_.Has(Layer::kDeps) || d_.head.size() != n_ || d_.deprel.size() != n_) {
      return;
    }
    Prepare();
    // Pass 1: the sense of every trigger token.
    std::vector<Match> match(n_);
    for (uint32_t t = 0; t < n_; ++t) match[t] = Sense(t);
    // Pass 2: arguments, status and the precision filter.
    std::vector<Candidate> cands;
    for (uint32_t t = 0; t < n_; ++t) {
      if (!match[t].sense) continue;
      if (Absorbed(t, match)) continue;
      Candidate c;
      if (Build(t, match[t], &c)) cands.push_back(std::move(c));
    }
    Deduplicate(cands);
  }

 private:
  // ---------------------------------------------------------------- token views
  void Prepare() {
    key_.resize(n_);
    kids_.assign(n_, {});
    sent_.assign(n_, 0);
    for (uint32_t s = 0; s < d_.sentences.size(); ++s) {
      for (uint32_t t = d_.sentences[s].token_begin; t < d_.sentences[s].token_end && t < n_; ++t) {
        sent_[t] = s;
      }
    }
    const bool lemma = d_.lemma.size() == n_;
    for (uint32_t t = 0; t < n_; ++t) {
      key_[t] =
          LemmaKey(lemma && d_.lemma[t] != "_" ? std::string_view(d_.lemma[t]) : d_.TokenText(t));
      int32_t h = d_.head[t];
      if (h >= 0 && static_cast<uint32_t>(h) < n_ && static_cast<uint32_t>(h) != t) {
        kids_[h].push_back(t);
      }
    }
    ents_at_.assign(n_, {});
    for (const Mention& m : d_.mentions) {
      if (m.entity < 0 || static_cast<size_t>(m.entity) >= d_.entities.size()) continue;
      for (uint32_t t = m.token_begin; t < m.token_end && t < n_; ++t) {
        auto& v = ents_at_[t];
        if (std::find(v.begin(), v.end(), m.entity) == v.end()) v.push_back(m.entity);
      }
    }
    // Sports report: three or more sports words.
    if (const auto* sport = lex_.Class("sport")) {
      int hits = 0;
      for (uint32_t t = 0; t < n_ && hits < 3; ++t) hits += sport->count(key_[t]) ? 1 : 0;
      sports_ = hits >= 3;
    }
    // Time expressions: their token ranges.
    time_tok_.clear();
    for (const TimeExpr& x : d_.times) {
      uint32_t b = d_.TokenAtOrAfter(x.span.begin), e = b;
      while (e < n_ && d_.tokens[e].begin < x.span.end) ++e;
      time_tok_.emplace_back(b, e);
    }
    // The dateline: a place name at the very start followed by a dash or "(".
    if (!d_.sentences.empty()) {
      uint32_t end = std::min<uint32_t>(d_.sentences[0].token_end, 6);
      for (uint32_t t = 0; t + 1 < end; ++t) {
        std::string_view w = d_.TokenText(t + 1);
        if (!ents_at_[t].empty() && d_.entities[ents_at_[t][0]].type == "LOC" &&
            (w == "-" || w == "\xe2\x80\x93" || w == "(" || w == "\xe2\x80\x94")) {
          dateline_ = ents_at_[t][0];
          dateline_end_ = t + 1;
          break;
        }
        if (!ents_at_[t].empty() && d_.entities[ents_at_[t][0]].type == "LOC") continue;
        if (t > 0) break;
      }
    }
  }

  std::string_view Rel(uint32_t t) const { return d_.deprel[t]; }
  int32_t Head(uint32_t t) const {
    int32_t h = d_.head[t];
    return h >= 0 && static_cast<uint32_t>(h) < n_ && static_cast<uint32_t>(h) != t ? h : -1;
  }
  std::string_view Upos(uint32_t t) const {
    return d_.upos.size() == n_ ? std::string_view(d_.upos[t]) : std::string_view();
  }
  std::string_view Xpos(uint32_t t) const {
    return d_.xpos.size() == n_ ? std::string_view(d_.xpos[t]) : std::string_view();
  }
  std::string_view Feats(uint32_t t) const {
    return d_.feats.size() == n_ ? std::string_view(d_.feats[t]) : std::string_view();
  }
  bool Nominal(uint32_t t) const {
    std::string_view u = Upos(t);
    if (u == "NOUN" || u == "PROPN") return true;
    if (u != "VERB") return false;
    // A nominalised infinitive: with an article ("het leveren"), or tagged so and standing as
    // an argument without a subject or auxiliary of its own.
    bool clausal = false;
    for (uint32_t c : kids_[t]) {
      std::string_view r = Rel(c);
      if (r == "det") return true;
      clausal = clausal || Base(r) == "nsubj" || Base(r) == "aux" || r == "mark";
    }
    return !clausal && Xpos(t).find("|nom") != std::string_view::npos &&
           In(Base(Rel(t)), {"obj", "obl", "nmod", "nsubj"});
  }
  bool Verbal(uint32_t t) const {
    std::string_view u = Upos(t);
    return (u == "VERB" || u == "AUX") && !Nominal(t);
  }
  // The lemma key of the preposition (case child) of t, or "".
  std::string_view CaseOf(uint32_t t) const {
    for (uint32_t c : kids_[t]) {
      if (Rel(c) == "case") return key_[c];
    }
    return {};
  }
  bool HasChild(uint32_t t, std::string_view rel) const {
    for (uint32_t c : kids_[t]) {
      if (Rel(c) == rel) return true;
    }
    return false;
  }
  // A passive clause: marked so by the parse, or a participle with "worden", or with "zijn"
  // when the verb's perfect takes "hebben" ("is neergehaald" but not "is binnengevallen").
  bool Passive(uint32_t t, bool unaccusative = false) const {
    const bool participle = Feats(t).find("VerbForm=Part") != std::string_view::npos;
    for (uint32_t c : kids_[t]) {
      std::string_view r = Rel(c);
      if (r == "aux:pass" || r == "nsubj:pass") return true;
      if (participle && r == "aux" &&
          (key_[c] == "worden" || (key_[c] == "zijn" && !unaccusative))) {
        return true;
      }
    }
    return false;
  }
  bool InSubtree(uint32_t t, uint32_t root) const {
    for (int i = 0, x = static_cast<int>(t); x >= 0 && i < 64; ++i, x = Head(x)) {
      if (static_cast<uint32_t>(x) == root) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- senses
  bool KeyIn(std::string_view key, const std::unordered_set<std::string>& words) const {
    if (words.count(std::string(key))) return true;
    for (const std::string& w : words) {
      if (w.size() >= 4 && key.size() >= w.size() + 3 && EndsWith(key, w)) return true;
    }
    return false;
  }
  bool EntityTypeIn(uint32_t t, const WordSet& set) const {
    for (int32_t e : PhraseEntities(t, -1)) {
      const std::string& ty = d_.entities[e].type;
      if ((set.per && ty == "PER") || (set.org && ty == "ORG") || (set.loc && ty == "LOC")) {
        return true;
      }
    }
    return false;
  }
  // The themes of a trigger: object or passive subject of a verb, van-phrase of a noun.
  std::vector<uint32_t> Themes(uint32_t t, bool nominal) const {
    std::vector<uint32_t> out;
    for (uint32_t c : kids_[t]) {
      std::string_view r = Rel(c);
      if (r == "obj" || r == "nsubj:pass" || (nominal && Base(r) == "nmod" && CaseOf(c) == "van")) {
        out.push_back(c);
        for (uint32_t cc : kids_[c]) {
          if (Rel(cc) == "conj") out.push_back(cc);
        }
      }
    }
    // A participle used as a modifier ("geleverde wapens") has its noun as theme.
    if (!nominal && Base(Rel(t)) == "amod" && Head(t) >= 0) out.push_back(Head(t));
    return out;
  }
  bool Holds(uint32_t t, const TriggerSense& s, std::string_view prefix, bool nominal) const {
    if (s.nosport && sports_) return false;
    if (!s.with.empty()) {
      bool found = false;
      for (uint32_t c : kids_[t]) found = found || key_[c] == s.with;
      // Near the trigger in its sentence ("koffie gaat drinken", "zit ... samen").
      for (uint32_t x = t >= 4 ? t - 4 : 0; x < n_ && x <= t + 4 && !found; ++x) {
        found = x != t && sent_[x] == sent_[t] && key_[x] == s.with;
      }
      if (!found) return false;
    }
    if (!s.obj.empty()) {
      bool ok = !prefix.empty() && s.obj.words.count(std::string(prefix));
      for (uint32_t th : Themes(t, nominal)) {
        if (ok) break;
        ok = KeyIn(key_[th], s.obj.words) || EntityTypeIn(th, s.obj);
      }
      if (!ok) return false;
    }
    if (!s.preps.empty()) {
      bool ok = false;
      for (uint32_t c : kids_[t]) {
        std::string_view r = Base(Rel(c));
        if (r != "obl" && r != "nmod" && r != "advmod" && r != "iobj") continue;
        std::string_view p = CaseOf(c);
        for (const std::string& want : s.preps) ok = ok || p == want;
      }
      if (!ok) return false;
    }
    if (!s.mods.empty()) {
      bool ok = false;
      for (uint32_t c : kids_[t]) {
        std::string_view r = Base(Rel(c));
        if (r == "case" || r == "punct") continue;
        for (const std::string& want : s.mods) ok = ok || key_[c] == want;
      }
      for (const std::string& want : s.mods) ok = ok || prefix == want;
      if (!ok) return false;
    }
    return true;
  }
  Match Sense(uint32_t t) const {
    Match m;
    const bool nominal = Nominal(t), verbal = Verbal(t);
    if (!nominal && !verbal) return m;
    auto pick = [&](const std::vector<TriggerSense>* senses, std::string_view prefix,
                    bool compound) {
      if (!senses) return false;
      for (const TriggerSense& s : *senses) {
        if (compound && (s.exact || s.pos == 'V')) continue;
        if (s.pos == 'V' && !verbal && Upos(t) != "VERB") continue;
        if (s.pos == 'N' && !nominal) continue;
        if (Holds(t, s, prefix, nominal)) {
          m.sense = &s;
          m.prefix = std::string(prefix);
          return true;
        }
      }
      return false;
    };
    const std::string& key = key_[t];
    if (pick(lex_.Find(key), "", false)) return m;
    // A separable verb whose particle stands apart and is not in the lemma.
    if (verbal) {
      for (uint32_t c : kids_[t]) {
        if (Rel(c) == "compound:prt" && !key.starts_with(key_[c])) {
          if (pick(lex_.Find(key_[c] + key), "", false)) return m;
        }
      }
      return m;
    }
    // Noun compounds: by the lemmatiser's parts, then by the longest known tail.
    std::string_view lemma =
        d_.lemma.size() == n_ ? std::string_view(d_.lemma[t]) : std::string_view();
    for (size_t us = lemma.find('_'); us != std::string_view::npos; us = lemma.find('_', us + 1)) {
      std::string tail = LemmaKey(lemma.substr(us + 1));
      if (pick(lex_.Find(tail), LemmaKey(lemma.substr(0, us)), true)) return m;
    }
    std::string_view tail = lex_.CompoundHead(key);
    if (!tail.empty()) {
      pick(lex_.Find(tail), std::string_view(key).substr(0, key.size() - tail.size()), true);
    }
    return m;
  }

  // ---------------------------------------------------------------- entities of phrases
  bool RelativePronoun(uint32_t t) const {
    return Feats(t).find("PronType=Rel") != std::string_view::npos ||
           Xpos(t).starts_with("VNW|betr");
  }
  int32_t ResolvePronoun(uint32_t t) const {
    const std::string_view w = key_[t];
    // First person inside a direct quote: the quote's speaker.
    if (In(w, {"ik", "mij", "me", "wij", "we", "ons", "mijn"})) {
      uint32_t b = d_.tokens[t].begin;
      for (const Quote& q : d_.quotes) {
        if (q.kind == QuoteKind::kDirect && q.span.begin <= b && b < q.span.end) return q.speaker;
      }
      return -1;
    }
    // Third person singular masculine: the last person mentioned in the last five sentences.
    if (In(w, {"hij", "hem", "zijn", "hijzelf", "zelf"})) {
      uint32_t first = sent_[t] >= 5 ? d_.sentences[sent_[t] - 5].token_begin : 0;
      for (uint32_t x = t; x-- > first;) {
        for (int32_t e : ents_at_[x]) {
          if (d_.entities[e].type == "PER") return e;
        }
      }
    }
    return -1;
  }
  // An organisation-type noun ("de regering") for the last named organisation whose name holds
  // it ("Vlaamse Regering").
  int32_t ResolveTypeNoun(uint32_t t) const {
    const std::string& k = key_[t];
    if (k.size() < 5 || Upos(t) != "NOUN") return -1;
    bool def = false;
    for (uint32_t c : kids_[t]) def = def || (Rel(c) == "det" && In(key_[c], {"de", "het"}));
    if (!def) return -1;
    for (uint32_t x = t; x-- > 0;) {
      for (int32_t e : ents_at_[x]) {
        const Entity& en = d_.entities[e];
        if (en.type != "ORG") continue;
        std::string name = LemmaKey(en.name);
        size_t at = name.find(k);
        if (at != std::string::npos && at + k.size() == name.size() && at > 0) return e;
      }
    }
    return -1;
  }
  // The entities named in the phrase headed by h (without relative clauses and other clauses,
  // nor prepositional modifiers other than van), without the subtree of `skip`.
  std::vector<int32_t> PhraseEntities(uint32_t h, int32_t skip, int depth = 0) const {
    std::vector<int32_t> out;
    auto add = [&](int32_t e) {
      if (e >= 0 && std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    };
    if ((Upos(h) == "PRON" || Upos(h) == "DET") && ents_at_[h].empty()) {
      if (RelativePronoun(h) && depth == 0) {
        int32_t v = Head(h);
        if (v >= 0 && Rel(v).starts_with("acl") && Head(v) >= 0) {
          return PhraseEntities(Head(v), v, depth + 1);
        }
        return out;
      }
      add(ResolvePronoun(h));
      return out;
    }
    // A person named at the head of the phrase is the phrase ("NAVO-chef Stoltenberg" is
    // Stoltenberg, not NATO); the names inside its modifiers count only without one.
    std::vector<int32_t> people;
    std::vector<uint32_t> stack{h};
    std::vector<uint8_t> deep{0};
    while (!stack.empty()) {
      uint32_t x = stack.back();
      bool is_deep = deep.back();
      stack.pop_back();
      deep.pop_back();
      // "BRUSSEL -" is where the report comes from, not a participant.
      for (int32_t e : x < dateline_end_ ? std::vector<int32_t>() : ents_at_[x]) {
        add(e);
        if (!is_deep && d_.entities[e].type == "PER" &&
            std::find(people.begin(), people.end(), e) == people.end()) {
          people.push_back(e);
        }
      }
      for (uint32_t c : kids_[x]) {
        if (static_cast<int32_t>(c) == skip) continue;
        std::string_view r = Rel(c);
        std::string_view b = Base(r);
        deep.push_back(is_deep || (b != "flat" && b != "appos" && b != "conj" && b != "compound"));
        if (In(b, {"acl", "advcl", "ccomp", "parataxis", "punct", "csubj", "obl", "dep", "list"})) {
          continue;
        }
        bool skip_child = false;
        if (b == "nmod" && r != "nmod:poss") {
          std::string_view p = CaseOf(c);
          skip_child = !p.empty() && p != "van";
        }
        if (r == "nmod:poss" && Upos(c) == "PRON") skip_child = true;  // "zijn collega"
        if (In(b, {"acl", "advcl", "ccomp", "parataxis", "punct", "csubj", "obl", "dep", "list"})) {
          skip_child = true;
        }
        if (skip_child) {
          deep.pop_back();
          continue;
        }
        stack.push_back(c);
      }
    }
    if (!people.empty()) {
      // Keep the head-level people and whatever is coordinated with them.
      std::vector<int32_t> kept;
      for (int32_t e : out) {
        if (d_.entities[e].type == "PER") kept.push_back(e);
      }
      out = std::move(kept);
    }
    if (out.empty()) add(ResolveTypeNoun(h));
    // Actors and targets are people, organisations and places (or named things as targets).
    return out;
  }

  // ---------------------------------------------------------------- arguments
  // The subject entities of the clause headed by verb v (the door-phrase of a passive), through
  // xcomp and conj chains when v has none of its own.
  std::vector<int32_t> Subject(uint32_t v, int32_t skip, int depth = 0,
                               bool unaccusative = false) const {
    const bool passive = Passive(v, unaccusative);
    for (uint32_t c : kids_[v]) {
      if (static_cast<int32_t>(c) == skip || c < dateline_end_) continue;
      std::string_view r = Rel(c);
      if (r == "obl:agent" || (passive && Base(r) == "obl" && CaseOf(c) == "door")) {
        return PhraseEntities(c, -1);
      }
      if (!passive && (r == "nsubj" || r == "csubj")) return PhraseEntities(c, -1);
    }
    if (passive) return {};
    for (uint32_t c : kids_[v]) {
      if (static_cast<int32_t>(c) != skip && Rel(c) == "nsubj:pass") return {};
    }
    std::string_view r = Rel(v);
    int32_t h = Head(v);
    if (depth < 3 && h >= 0 &&
        (r == "xcomp" || r == "conj" || (Base(r) == "advcl" && CaseOfMark(v) == "om"))) {
      return Subject(h, static_cast<int32_t>(v), depth + 1);
    }
    return {};
  }
  std::string_view CaseOfMark(uint32_t t) const {
    for (uint32_t c : kids_[t]) {
      if (Rel(c) == "mark") return key_[c];
    }
    return {};
  }
  // The clause head a nominal trigger belongs to (a verb, or a copular root), or -1; `via` is
  // the child of that head on the path from the trigger.
  int32_t ClauseOf(uint32_t t, int32_t* via, bool* is_subject) const {
    uint32_t cur = t;
    *is_subject = false;
    for (int i = 0; i < kMaxClimb; ++i) {
      std::string_view r = Rel(cur);
      std::string_view b = Base(r);
      if (b == "nsubj" || b == "csubj") {
        *is_subject = true;
        *via = static_cast<int32_t>(cur);
        return Head(cur);
      }
      // A "parataxis" that is neither verbal nor has a subject of its own is no clause but a
      // modifier the parser attached so ("zijn in Brussel bijeen voor een topoverleg").
      const bool loose = b == "parataxis" && !Verbal(cur) && !HasChild(cur, "nsubj");
      if (!loose && !In(b, {"obj", "obl", "nmod", "iobj", "xcomp", "conj", "appos", "amod"})) {
        return -1;
      }
      int32_t g = Head(cur);
      if (g < 0) return -1;
      // A copula or auxiliary the parser made a head stands for its clause.
      if (In(Base(Rel(g)), {"cop", "aux"}) && Head(g) >= 0) {
        cur = static_cast<uint32_t>(g);
        g = Head(g);
      }
      if (Verbal(g) || (Rel(g) == "root" && HasChild(g, "cop"))) {
        *via = static_cast<int32_t>(cur);
        return g;
      }
      cur = static_cast<uint32_t>(g);
    }
    return -1;
  }
  std::vector<std::string_view> TargetPreps(const std::string& type) const {
    std::vector<std::string_view> p{"aan", "tegen", "tegenover", "jegens"};
    if (In(type, {"CONSULT", "COOPERATE", "AGREE"})) p.push_back("met");
    if (In(type, {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE"})) p.push_back("op");
    if (type == "ACCUSE") p.push_back("naar");
    return p;
  }
  void AddAll(std::vector<int32_t>* to, const std::vector<int32_t>& from) const {
    for (int32_t e : from) {
      if (std::find(to->begin(), to->end(), e) == to->end()) to->push_back(e);
    }
  }
  void PrepTargets(uint32_t x, const std::string& type, bool nmod_too,
                   std::vector<int32_t>* targets) const {
    auto preps = TargetPreps(type);
    for (uint32_t c : kids_[x]) {
      std::string_view b = Base(Rel(c));
      if (b != "obl" && !(nmod_too && b == "nmod")) continue;
      std::string_view p = CaseOf(c);
      // A name without a preposition is an object the parser took for an oblique
      // ("viel in 2022 Oekraïne binnen").
      bool bare_name = p.empty() && b == "obl" && Upos(c) == "PROPN";
      if (bare_name || std::find(preps.begin(), preps.end(), p) != preps.end()) {
        AddAll(targets, PhraseEntities(c, -1));
      }
    }
  }

  int32_t Location(uint32_t t, int32_t g, const Event& ev, bool mobilize) const {
    std::vector<int32_t> places;
    auto scan = [&](uint32_t x) {
      for (uint32_t c : kids_[x]) {
        std::string_view b = Base(Rel(c));
        if (b != "obl" && b != "nmod") continue;
        std::string_view p = CaseOf(c);
        if (!In(p, {"in", "bij", "te", "nabij", "op"}) && !(mobilize && p == "naar")) continue;
        std::vector<uint32_t> heads{c};
        for (uint32_t cc : kids_[c]) {
          if (In(Rel(cc), {"flat", "appos", "compound", "flat:name"})) heads.push_back(cc);
        }
        for (uint32_t y : heads) {
          for (int32_t e : ents_at_[y]) {
            if (d_.entities[e].type != "LOC") continue;
            if (std::find(ev.actors.begin(), ev.actors.end(), e) != ev.actors.end()) continue;
            if (std::find(ev.targets.begin(), ev.targets.end(), e) != ev.targets.end()) continue;
            if (std::find(places.begin(), places.end(), e) == places.end()) places.push_back(e);
          }
        }
      }
    };
    // The trigger and every node between it and its clause head ("zijn in Brussel bijeen voor
    // een topoverleg").
    scan(t);
    if (g >= 0 && static_cast<uint32_t>(g) != t) {
      int32_t x = Head(t);
      for (int i = 0; i < kMaxClimb && x >= 0 && x != g; ++i, x = Head(x)) scan(x);
      scan(static_cast<uint32_t>(g));
    }
    if (places.size() == 1) return places[0];
    if (places.empty() && dateline_ >= 0 && sent_[t] == 0) return dateline_;
    return -1;
  }

  int32_t Time(uint32_t t, int32_t g) const {
    int32_t best = -1;
    uint32_t best_dist = UINT32_MAX;
    bool best_attached = false;
    for (size_t i = 0; i < d_.times.size(); ++i) {
      const TimeExpr& x = d_.times[i];
      if (x.type != "DATE" && x.type != "TIME") continue;
      auto [b, e] = time_tok_[i];
      if (b >= e || b >= n_ || sent_[b] != sent_[t]) continue;
      bool attached = false;
      for (uint32_t y = b; y < e && !attached; ++y) {
        int32_t h = Head(y);
        for (int k = 0; k < 3 && h >= 0 && !attached; ++k, h = Head(h)) {
          attached = static_cast<uint32_t>(h) == t || h == g;
        }
      }
      uint32_t dist = b > t ? b - t : t - (e - 1);
      if ((attached && !best_attached) || (attached == best_attached && dist < best_dist)) {
        best = static_cast<int32_t>(i);
        best_dist = dist;
        best_attached = attached;
      }
    }
    return best;
  }

  std::string StatusOf(uint32_t t, bool nominal) const {
    bool negated = false, hypothetical = false, planned = false;
    std::vector<uint32_t> path{t};
    uint32_t cur = t;
    for (int i = 0; i < kMaxClimb; ++i) {
      std::string_view r = Rel(cur);
      std::string_view b = Base(r);
      bool boundary = In(b, {"root", "ccomp", "acl", "parataxis", "csubj", "list", "dep"}) ||
                      (b == "advcl" && CaseOfMark(cur) != "om");
      if (boundary) {
        if (In(CaseOfMark(cur), {"als", "indien", "mits", "tenzij", "of", "zodra", "mocht"})) {
          hypothetical = true;
        }
        int32_t h = Head(cur);
        if (h >= 0 && r != "root") {
          std::string_view k = key_[h];
          if (In(k, {"aankondigen", "verwachten", "verwachting", "plannen", "plan", "besluiten",
                     "beslissen", "beloven", "bedoeling", "voornemen", "willen", "toezeggen"})) {
            planned = true;
          }
          if (In(k, {"overwegen", "vraag", "vragen", "kans", "bijvoorbeeld", "hopen", "mogelijk",
                     "dreigen", "dreiging", "eisen", "optie"})) {
            hypothetical = true;
          }
        }
        break;
      }
      int32_t h = Head(cur);
      if (h < 0) break;
      cur = static_cast<uint32_t>(h);
      path.push_back(cur);
    }
    for (uint32_t x : path) {
      if (x != t) {
        std::string_view k = key_[x];
        if (In(k, {"willen", "plannen", "besluiten", "beslissen", "beloven", "opmaken",
                   "voorbereiden", "toezeggen", "aankondigen", "voornemen"})) {
          planned = true;
        }
        if (In(k, {"overwegen", "dreigen", "kunnen", "mogen"})) hypothetical = true;
      }
      for (uint32_t c : kids_[x]) {
        std::string_view r = Rel(c);
        std::string_view k = key_[c];
        if (r == "advmod" && In(k, {"niet", "nooit", "geenszins", "allerminst"})) negated = true;
        if (r == "det" && k == "geen" && (x == t || !nominal)) negated = true;
        if ((r == "obj" || r == "nsubj:pass") && x == t && !nominal) {
          for (uint32_t cc : kids_[c])
            negated = negated || (Rel(cc) == "det" && key_[cc] == "geen");
        }
        if (Base(r) == "aux" || (r == "cop" && false)) {
          if (k == "zullen") {
            if (Feats(c).find("Tense=Past") != std::string_view::npos) {
              hypothetical = true;
            } else {
              planned = true;
            }
          }
          if (k == "gaan") planned = true;
          if (In(k, {"kunnen", "mogen"})) hypothetical = true;
        }
        if (r == "advmod" && In(k, {"bijvoorbeeld", "misschien", "mogelijk", "eventueel",
                                    "wellicht", "mogelijkerwijs"})) {
          hypothetical = true;
        }
        if (r == "mark" && In(k, {"als", "indien", "mits", "tenzij"})) hypothetical = true;
        // A conditional clause attached to the event's clause: "..., als ze schuldig zijn".
        if (Base(r) == "advcl" && In(CaseOfMark(c), {"als", "indien", "mits", "tenzij"})) {
          hypothetical = true;
        }
        if (Base(r) == "obl" && k == "plan" && CaseOf(c) == "van") planned = true;
      }
    }
    if (negated) return "negated";
    if (hypothetical) return "hypothetical";
    if (planned) return "planned";
    return "asserted";
  }

  // An event that is the content of a refusal, a demand or a threat is part of that event;
  // a noun that is the object of a verb trigger of its own type is that verb's event.
  bool Absorbed(uint32_t t, const std::vector<Match>& match) const {
    uint32_t cur = t;
    for (int i = 0; i < 4; ++i) {
      std::string_view b = Base(Rel(cur));
      if (!In(b, {"xcomp", "obj", "obl", "ccomp", "nmod", "advcl", "nsubj"})) return false;
      if (b == "advcl" && CaseOfMark(cur) != "om") return false;
      if (b == "nsubj" && i > 0) return false;
      int32_t h = Head(cur);
      if (h < 0) return false;
      const TriggerSense* hs = match[h].sense;
      if (hs && hs->type != match[t].sense->type &&
          In(hs->type, {"REJECT", "REQUEST", "THREATEN"}) && b != "nsubj") {
        return true;
      }
      if (hs && i == 0 && hs->type == match[t].sense->type && In(b, {"obj", "nsubj", "obl"})) {
        return true;
      }
      cur = static_cast<uint32_t>(h);
    }
    return false;
  }

  bool Build(uint32_t t, const Match& m, Candidate* c) const {
    const TriggerSense& s = *m.sense;
    const bool nominal = Nominal(t);
    Event& ev = c->ev;
    ev.type = s.type;
    ev.sentence = static_cast<int32_t>(sent_[t]);
    ev.trigger = d_.tokens[t];
    // A separable verb's particle right after it belongs to the trigger.
    for (uint32_t k : kids_[t]) {
      if (Rel(k) == "compound:prt" && k == t + 1) ev.trigger.end = d_.tokens[k].end;
    }
    int32_t g = -1;
    if (!nominal) {
      g = static_cast<int32_t>(t);
      ev.actors = Subject(t, -1, 0, s.unaccusative);
      const bool passive = Passive(t, s.unaccusative);
      for (uint32_t k : kids_[t]) {
        std::string_view r = Rel(k);
        // The theme a sense asks for ("levert wapens") is what is done, not to whom.
        if ((r == "obj" || r == "nsubj:pass" || r == "nsubj") && !s.obj.words.empty() &&
            KeyIn(key_[k], s.obj.words)) {
          // Its aan/tegen phrase, when the parser hung it under the theme ("levert tanks aan
          // Oekraïne" with "aan Oekraïne" under "tanks"), is still the verb's.
          PrepTargets(k, s.type, true, &ev.targets);
          continue;
        }
        if ((!passive && (r == "obj" || r == "iobj")) || r == "nsubj:pass" ||
            (passive && (r == "iobj" || r == "nsubj"))) {
          AddAll(&ev.targets, PhraseEntities(k, -1));
        }
      }
      PrepTargets(t, s.type, false, &ev.targets);
      // A participle as modifier ("de neergehaalde MH17"): its noun is the target.
      if (Base(Rel(t)) == "amod" && Head(t) >= 0) {
        AddAll(&ev.targets, PhraseEntities(Head(t), static_cast<int32_t>(t)));
      }
    } else {
      // The noun's own phrase: door-, possessive, van-phrases; a name inside the compound.
      for (uint32_t k : kids_[t]) {
        std::string_view r = Rel(k);
        std::string_view p = CaseOf(k);
        if (r == "nmod:poss" || (Base(r) == "nmod" && p == "door") ||
            (Base(r) == "nmod" && p == "van" && s.van_actor)) {
          AddAll(&ev.actors, PhraseEntities(k, -1));
        } else if (Base(r) == "nmod" && p == "van") {
          AddAll(&ev.targets, PhraseEntities(k, -1));
        } else if (r == "amod" && Upos(k) == "PROPN") {
          AddAll(&ev.actors, PhraseEntities(k, -1));
        }
      }
      PrepTargets(t, s.type, true, &ev.targets);
      for (int32_t e : ents_at_[t]) {
        if (ev.actors.empty() && d_.entities[e].type != "MISC") ev.actors.push_back(e);
      }
      int32_t via = -1;
      bool is_subject = false;
      g = ClauseOf(t, &via, &is_subject);
      if (g >= 0 && !is_subject) {
        if (ev.actors.empty()) {
          if (Verbal(g)) {
            std::vector<int32_t> subj = Subject(static_cast<uint32_t>(g), via);
            // The subject of "krijgen", "riskeren", "boven het hoofd hangen" undergoes it.
            if (In(key_[g], {"krijgen", "ontvangen", "hangen", "riskeren", "uitzitten", "ondergaan",
                             "oplopen", "opgelegd", "tegemoetzien"})) {
              AddAll(&ev.targets, subj);
            } else {
              ev.actors = std::move(subj);
            }
          } else {
            // A nominal root with a copula and no subject is the subject itself
            // ("Alle leiders ... zijn in Brussel bijeen voor een topoverleg").
            bool has_subj = false;
            for (uint32_t k : kids_[g]) has_subj = has_subj || Base(Rel(k)) == "nsubj";
            ev.actors = has_subj ? Subject(static_cast<uint32_t>(g), via)
                                 : PhraseEntities(static_cast<uint32_t>(g), via);
          }
        }
        // The object of a light verb takes the verb's aan/met/tegen phrases and indirect object
        // ("een bezoek brengen aan", "sancties opleggen aan").
        if (via == static_cast<int32_t>(t) && Rel(t) == "obj" && Verbal(g)) {
          for (uint32_t k : kids_[g]) {
            if (Rel(k) == "iobj") AddAll(&ev.targets, PhraseEntities(k, -1));
          }
          PrepTargets(static_cast<uint32_t>(g), s.type, false, &ev.targets);
        }
      }
      // The subject of a clause announced by someone: "X laat weten dat er extra agenten
      // komen", "X besluit dat er sancties komen".
      if (g >= 0 && is_subject && ev.actors.empty() && Rel(g) == "ccomp" && Head(g) >= 0 &&
          In(key_[Head(g)], {"weten", "aankondigen", "bekendmaken", "besluiten", "beslissen",
                             "toezeggen", "beloven", "zorgen", "regelen"})) {
        ev.actors = Subject(static_cast<uint32_t>(Head(g)), g);
      }
    }
    // An entity is not its own target; names that are neither person, organisation nor place
    // are no actors.
    std::erase_if(ev.actors, [&](int32_t e) { return d_.entities[e].type == "MISC"; });
    std::erase_if(ev.targets, [&](int32_t e) {
      return std::find(ev.actors.begin(), ev.actors.end(), e) != ev.actors.end();
    });
    // Precision: named participants.
    bool ok;
    if (s.bare) {
      ok = true;
    } else if (s.needs_actor) {
      ok = !ev.actors.empty();
    } else if (!nominal) {
      ok = !ev.actors.empty() || !ev.targets.empty();
    } else {
      ok = !ev.actors.empty() ||
           (!ev.targets.empty() &&
            In(s.type, {"ASSAULT", "COERCE", "SANCTION", "AID", "MOBILIZE", "ACCUSE", "REJECT"}));
    }
    if (!ok) return false;
    ev.location = Location(t, g, ev, s.type == "MOBILIZE");
    ev.time = Time(t, g);
    ev.status = StatusOf(t, nominal);
    if (s.nonneg && ev.status == "negated") return false;
    c->token = t;
    c->sense = &s;
    c->nominal = nominal;
    return true;
  }

  // ---------------------------------------------------------------- deduplication
  static bool Compatible(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
    if (a.empty() || b.empty()) return true;
    for (int32_t x : a) {
      if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    }
    return false;
  }
  static bool SameSet(std::vector<int32_t> a, std::vector<int32_t> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  }
  bool Same(const Candidate& a, const Candidate& b) const {
    if (a.ev.type != b.ev.type) return false;
    if (a.ev.status == "negated" || b.ev.status == "negated") {
      if (a.ev.status != b.ev.status) return false;
    }
    if (a.ev.time >= 0 && b.ev.time >= 0) {
      // Different dates are different events; a deictic reference ("nu") or a coarser date
      // of the same day fits either.
      const std::string& va = d_.times[a.ev.time].value;
      const std::string& vb = d_.times[b.ev.time].value;
      if (!(va.starts_with(vb) || vb.starts_with(va) || EndsWith(va, "_REF") ||
            EndsWith(vb, "_REF"))) {
        return false;
      }
    }
    if (!Compatible(a.ev.actors, b.ev.actors) || !Compatible(a.ev.targets, b.ev.targets)) {
      return false;
    }
    const std::string& ka = a.sense->lemma;
    const std::string& kb = b.sense->lemma;
    if (ka == kb || EndsWith(ka, kb) || EndsWith(kb, ka)) return true;
    return !a.ev.actors.empty() && SameSet(a.ev.actors, b.ev.actors);
  }
  void Deduplicate(std::vector<Candidate>& cands) const {
    std::vector<int> group(cands.size(), -1);
    std::vector<std::vector<size_t>> groups;
    for (size_t i = 0; i < cands.size(); ++i) {
      for (size_t gi = 0; gi < groups.size() && group[i] < 0; ++gi) {
        for (size_t j : groups[gi]) {
          if (Same(cands[j], cands[i])) {
            group[i] = static_cast<int>(gi);
            break;
          }
        }
      }
      if (group[i] < 0) {
        group[i] = static_cast<int>(groups.size());
        groups.push_back({});
      }
      groups[group[i]].push_back(i);
    }
    std::vector<Candidate*> reps;
    for (const auto& gr : groups) {
      size_t best = gr[0];
      for (size_t j : gr) {
        if (cands[j].Richness() > cands[best].Richness()) best = j;
      }
      Candidate& rep = cands[best];
      // Fill what the representative lacks from the other tellings.
      for (size_t j : gr) {
        if (j == best) continue;
        const Event& o = cands[j].ev;
        if (rep.ev.actors.empty()) rep.ev.actors = o.actors;
        if (rep.ev.targets.empty()) {
          for (int32_t e : o.targets) {
            if (std::find(rep.ev.actors.begin(), rep.ev.actors.end(), e) == rep.ev.actors.end()) {
              rep.ev.targets.push_back(e);
            }
          }
        }
        if (rep.ev.location < 0) rep.ev.location = o.location;
      }
      reps.push_back(&rep);
    }
    std::sort(reps.begin(), reps.end(),
              [](const Candidate* a, const Candidate* b) { return a->token < b->token; });
    for (Candidate* c : reps) d_.events.push_back(std::move(c->ev));
  }

  const TriggerLexicon& lex_;
  Doc& d_;
  const size_t n_;
  std::vector<std::string> key_;
  std::vector<std::vector<uint32_t>> kids_;
  std::vector<uint32_t> sent_;
  std::vector<std::vector<int32_t>> ents_at_;
  std::vector<std::pair<uint32_t, uint32_t>> time_tok_;
  bool sports_ = false;
  int32_t dateline_ = -1;
  uint32_t dateline_end_ = 0;  // the dateline's tokens are [0, dateline_end_)
};

class EventStage : public Stage {
 public:
  explicit EventStage(std::shared_ptr<const EventFinder> f) : f_(std::move(f)) {}
  std::string Name() const override { return "events"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences}; }
  LayerSet Writes() const override { return {Layer::kEvents}; }
  Status Process(Doc& doc) const override {
    f_->Find(doc);
    return Status();
  }

 private:
  std::shared_ptr<const EventFinder> f_;
};

}  // namespace

Result<std::shared_ptr<const EventFinder>> EventFinder::Create() {
  auto lex = TriggerLexicon::Load();
  if (!lex.ok()) return lex.status();
  return CreateWith(std::move(lex).value());
}

std::shared_ptr<const EventFinder> EventFinder::CreateWith(
    std::shared_ptr<const TriggerLexicon> lexicon) {
  return std::shared_ptr<const EventFinder>(new EventFinder(std::move(lexicon)));
}

void EventFinder::Find(Doc& doc) const {
  Run run(*lex_, doc);
  run.Go();
}

std::unique_ptr<Stage> MakeEventStage(std::shared_ptr<const EventFinder> finder) {
  return std::make_unique<EventStage>(std::move(finder));
}

}  // namespace kroniek::events
