#include "link/linker.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "base/utf8.h"
#include "link/doc_view.h"
#include "quotes/marks.h"
#include "tag/text.h"

namespace kroniek::link {
namespace {

// A mention being built.
struct Cand {
  Span span;
  uint32_t tb = 0, te = 0;  // tokens covered (a name part inside a compound covers its token)
  std::string ner_type;     // the NER's type ("" for names the NER did not find)
  std::string ctx_type;     // type from a title or type noun in front of it
  MentionKind kind = MentionKind::kName;
  int32_t ner = -1;         // the NER mention it came from
  bool compound = false;    // a name part of a hyphenated compound
  bool first_name = false;  // starts with a first name
  std::string text, key;
  std::vector<uint32_t> kb;  // knowledge-base entries its text names
  int32_t cluster = -1;
  int32_t entity = -1;
};

// Evidence that a person carries a title or role in this article ("Premier Rutte", "NAVO-chef
// Jens Stoltenberg", "de Oekraïense president Zelensky", "X, de woordvoerder van Y").
struct TitleEv {
  std::string head;       // the listed person noun ("premier", "chef", "leider")
  std::string phrase;     // the lower-cased words from the first modifier to the noun
  std::string qualifier;  // compound part or "van X" name ("NAVO", "Oranje")
  int32_t country = -1;   // from an adjective ("Oekraïense") or a demonym
};

struct Ent {
  std::string type, name;
  int32_t kb = -1;
  std::vector<uint32_t> cands;
  int32_t nationality = -1;  // KB country entry
  std::vector<TitleEv> titles;
};

bool IsDeterminer(std::string_view lower) {
  return lower == "de" || lower == "het" || lower == "die" || lower == "deze" || lower == "zijn" ||
         lower == "haar" || lower == "hun" || lower == "diens";
}

bool AllUpperWord(std::string_view s) { return tag::AllUpper(s); }

// Splits `s` into words on spaces.
std::vector<std::string> LowerWords(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(tag::Lower(s.substr(b, e - b)));
    b = e + 1;
  }
  return out;
}

// The byte length of a possessive ending ('s, ’s) at the end of `w`, or 0.
size_t PossessiveLen(std::string_view w) {
  if (w.size() > 3 && w.substr(w.size() - 2) == "'s") return 2;
  if (w.size() > 5 && w.substr(w.size() - 4) == "\xE2\x80\x99s") return 4;
  return 0;
}

// The name part of a hyphenated compound whose tail is lower case ("NAVO-landen" -> 4,
// "NV-A-partijleider" -> 4, "GroenLinks-leider" -> 10); 0 when `w` is not such a compound.
size_t CompoundNameLen(std::string_view w, std::string_view* tail) {
  size_t pos = 0;
  size_t name_end = 0;
  while (true) {
    size_t h = w.find('-', pos);
    std::string_view part = w.substr(pos, h == std::string_view::npos ? w.npos : h - pos);
    if (part.empty()) return 0;
    bool upper = tag::StartsUpper(part) || (part[0] >= '0' && part[0] <= '9');
    if (!upper) {
      if (name_end == 0) return 0;
      *tail = w.substr(pos);
      return name_end;
    }
    if (h == std::string_view::npos) return 0;  // all parts upper case: one name
    name_end = h;
    pos = h + 1;
  }
}

class UnionFind {
 public:
  explicit UnionFind(size_t n) : p_(n) { std::iota(p_.begin(), p_.end(), 0); }
  uint32_t Find(uint32_t x) {
    while (p_[x] != x) x = p_[x] = p_[p_[x]];
    return x;
  }
  // Joins keeping the smaller index as the root.
  void Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    p_[b] = a;
  }

 private:
  std::vector<uint32_t> p_;
};

class LinkRun {
 public:
  LinkRun(const KnowledgeBase& kb, const LinkLexicon& lex, Doc& doc)
      : kb_(kb), lex_(lex), d_(doc), v_(doc) {}

  void Run() {
    CleanNerMentions();
    ScanKb();
    ScanCompounds();
    std::sort(c_.begin(), c_.end(), [](const Cand& a, const Cand& b) {
      return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    for (Cand& c : c_) Describe(c);
    Cluster();
    Nominals();
    Write();
  }

 private:
  // ------------------------------------------------------------------ step 1: the NER's names
  Cand MakeCand(Span span, uint32_t tb, uint32_t te, std::string ner_type, int32_t ner) {
    Cand c;
    c.span = span;
    c.tb = tb;
    c.te = te;
    c.ner_type = std::move(ner_type);
    c.ner = ner;
    return c;
  }
  Span TokenSpan(uint32_t tb, uint32_t te) const {
    return Span{d_.tokens[tb].begin, d_.tokens[te - 1].end};
  }

  // True when token t follows "minister van", "staatssecretaris voor", or an
  // "en" or comma after such a portfolio: t starts a portfolio, not a name.
  bool AfterPortfolioIntro(uint32_t t) const {
    uint32_t sb = v_.SentenceBegin(t);
    if (t <= sb) return false;
    // Right before the name: "van", "voor", "en" or a comma ("minister van Defensie
    // Hoekstra" has a name after the portfolio, not in it).
    const std::string& before = v_.Lower(t - 1);
    if (before != "van" && before != "voor" && before != "en" && before != ",") return false;
    uint32_t i = t;
    for (int hops = 0; hops < 6 && i > sb + 1; ++hops) {
      const std::string& p = v_.Lower(i - 1);
      if (p == "van" || p == "voor") {
        const std::string& q = v_.Lower(i - 2);
        PersonNoun pn = lex_.Person(q);
        // ("het ministerie van Defensie" names the ministry: that stays a name.)
        if ((pn.cls == PersonNounClass::kTitle &&
             (pn.head == "minister" || pn.head == "staatssecretaris" || pn.head == "commissaris" ||
              pn.head == "eurocommissaris"))) {
          return true;
        }
        return false;
      }
      if (p == "en" || p == "," || v_.Cap(i - 1)) {
        --i;
        continue;
      }
      return false;
    }
    return false;
  }

  void CleanNerMentions() {
    for (const Mention& m : d_.mentions) {
      if (m.kind == MentionKind::kName && m.type == "LOC") {
        doc_places_.insert(KnowledgeBase::Key(d_.SpanText(m.span)));
      }
    }
    for (size_t mi = 0; mi < d_.mentions.size(); ++mi) {
      const Mention& m = d_.mentions[mi];
      if (m.kind != MentionKind::kName || m.token_end <= m.token_begin || m.token_end > v_.size()) {
        continue;
      }
      uint32_t tb = m.token_begin, te = m.token_end;
      const auto ner = static_cast<int32_t>(mi);
      // A ministry's portfolio ("minister van Onderwijs en Sport Ben Weyts"): skip to a first
      // name inside, else it is no name.
      bool portfolio = !lex_.IsFirstName(v_.Text(tb)) && AfterPortfolioIntro(tb);
      // Leading words before a first name that are not names themselves ("Welzijn Wouter
      // Beke" after a portfolio, "Premier Mark Rutte").
      if (te - tb >= 2) {
        uint32_t k = tb;
        while (k < te && !lex_.IsFirstName(v_.Text(k))) ++k;
        bool title_lead =
            lex_.Person(v_.Text(tb)).cls != PersonNounClass::kNone && kb_.Find(v_.Text(tb)).empty();
        if (k > tb && k + 1 < te && (portfolio || title_lead)) {
          tb = k;
          portfolio = false;
        } else if (title_lead && k == te) {
          // "Premier Rutte", "Burgemeester Hoes": drop the title words.
          while (tb + 1 < te && lex_.Person(v_.Text(tb)).cls != PersonNounClass::kNone &&
                 kb_.Find(v_.Text(tb)).empty()) {
            ++tb;
          }
        }
      }
      // "minister Weerwind (Rechtsbescherming)": the portfolio in brackets.
      if (!portfolio && tb > 0 && v_.Text(tb - 1) == "(" && te < v_.size() && v_.Text(te) == ")" &&
          kb_.Find(d_.SpanText(TokenSpan(tb, te))).empty()) {
        uint32_t sb = v_.SentenceBegin(tb);
        for (uint32_t k = tb - 1; k > sb && tb - k < 6; --k) {
          PersonNoun pn = lex_.Person(v_.Text(k - 1));
          if (pn.head == "minister" || pn.head == "staatssecretaris" ||
              pn.head == "eurocommissaris" || pn.head == "commissaris") {
            portfolio = true;
            break;
          }
        }
      }
      if (portfolio) continue;
      // Split at hyphenated compounds with a lower-case tail ("PvdA-leider Asscher",
      // "NAVO-landen") and at possessives ("Google's AlphaGo", "IBM's").
      uint32_t start = tb;
      for (uint32_t t = tb; t < te; ++t) {
        std::string_view w = v_.Text(t);
        std::string_view tail;
        size_t name_len = CompoundNameLen(w, &tail);
        size_t poss = PossessiveLen(w);
        if (name_len == 0 && poss == 0) continue;
        // The words before t stay one name.
        if (t > start) AddNamePart(start, t, m.type, ner);
        if (name_len > 0) {
          std::string_view tail_type = lex_.TypeOf(tail);
          if (tail_type != "GROUP" && !AdjectiveCompound(t, w.substr(0, name_len))) {
            Cand c = MakeCand(
                Span{d_.tokens[t].begin, d_.tokens[t].begin + static_cast<uint32_t>(name_len)}, t,
                t + 1, m.type, ner);
            c.compound = true;
            c_.push_back(std::move(c));
          }
        } else {
          Cand c =
              MakeCand(Span{d_.tokens[start].begin, d_.tokens[t].end - static_cast<uint32_t>(poss)},
                       start, t + 1, m.type, ner);
          // The owner of a possessive is an organisation or person; what follows is theirs.
          c_.push_back(std::move(c));
          if (t + 1 < te) {
            std::string rest_type = m.type == "PER" ? "MISC" : m.type;
            AddNamePart(t + 1, te, rest_type, ner);
          }
          start = te;
          break;
        }
        start = t + 1;
      }
      if (start < te) AddNamePart(start, te, m.type, ner);
    }
  }

  // Adds the NER name over tokens [tb, te) unless it is a nationality word or an adjective.
  void AddNamePart(uint32_t tb, uint32_t te, const std::string& type, int32_t ner) {
    if (te <= tb) return;
    Span s = TokenSpan(tb, te);
    std::string_view text = d_.SpanText(s);
    if (te - tb == 1) {
      if (!NameLike(tb, text, type)) return;
    }
    c_.push_back(MakeCand(s, tb, te, type, ner));
  }

  // Whether a one-word NER name is a name (not "Russische", "Belgen", "groenen").
  bool NameLike(uint32_t t, std::string_view text, std::string_view type) const {
    if (!kb_.Find(text).empty()) return true;
    if (kb_.CountryOfAdjective(text) >= 0 || kb_.CountryOfDemonym(text) >= 0) return false;
    if (PlaceDemonym(text)) return false;
    if (!v_.Cap(t) && !(text[0] >= '0' && text[0] <= '9')) return false;
    if (type == "MISC" || type == "PER") {
      std::string_view u = v_.Upos(t);
      if (u == "ADJ") return false;
      std::string lower = tag::Lower(text);
      auto ends = [&](std::string_view suf) {
        return lower.size() > suf.size() + 2 &&
               lower.compare(lower.size() - suf.size(), suf.size(), suf) == 0;
      };
      // Adjectives and language names ("Vlaams-nationalistische", "Franstalige", "Syrisch").
      if (type == "MISC" && (ends("se") || ends("sche") || ends("talige") || ends("isch") ||
                             ends("ische") || ends("aanse") || ends("aans"))) {
        return false;
      }
    }
    return true;
  }

  // "Vlaams-nationalistische", "Frans-Duitse": an adjective, not a name in a compound.
  bool AdjectiveCompound(uint32_t t, std::string_view part) const {
    if (kb_.CountryOfAdjective(part) >= 0) return true;
    std::string_view w = v_.Text(t);
    if (v_.Upos(t) == "ADJ" && !w.empty() &&
        (w.back() == 'e' || w.back() == 's' || w.back() == 'h')) {
      return true;
    }
    std::string lower = tag::Lower(part);
    return lower.size() > 3 && (lower.compare(lower.size() - 2, 2, "ls") == 0 ||
                                lower.compare(lower.size() - 2, 2, "se") == 0 ||
                                lower.compare(lower.size() - 3, 3, "sch") == 0);
  }

  // "Volendammer", "Amsterdammers", "Hagenaar": someone from a place of the knowledge base or
  // of the article.
  bool PlaceDemonym(std::string_view text) const {
    std::string k = KnowledgeBase::Key(text);
    for (std::string_view suf : {"ers", "er", "aars", "aar"}) {
      if (k.size() <= suf.size() + 3 || k.compare(k.size() - suf.size(), suf.size(), suf) != 0) {
        continue;
      }
      std::string base = k.substr(0, k.size() - suf.size());
      auto is_place = [&](const std::string& b) {
        if (doc_places_.count(b)) return true;
        for (uint32_t e : kb_.Find(b)) {
          if (kb_.entry(e).type == "LOC") return true;
        }
        return false;
      };
      if (is_place(base)) return true;
      // A doubled consonant: "volendamm" -> "volendam".
      if (base.size() > 2 && base[base.size() - 1] == base[base.size() - 2] &&
          is_place(base.substr(0, base.size() - 1))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ step 2: KB names
  void ScanKb() {
    // Which tokens the NER names cover (name parts count as their whole token).
    const uint32_t n = v_.size();
    std::vector<int32_t> cover(n, -1);
    for (size_t i = 0; i < c_.size(); ++i) {
      for (uint32_t t = c_[i].tb; t < c_[i].te; ++t) cover[t] = static_cast<int32_t>(i);
    }
    const size_t max_len = kb_.max_alias_words();
    std::vector<uint8_t> dropped(c_.size(), 0);
    std::vector<Cand> added;
    for (uint32_t i = 0; i < n; ++i) {
      if (!v_.IsWord(i)) continue;
      if (!v_.Cap(i) && !(v_.Text(i)[0] >= '0' && v_.Text(i)[0] <= '9')) continue;
      if (!kb_.MayStart(v_.Text(i))) continue;
      const uint32_t send = v_.SentenceEnd(i);
      uint32_t best = 0;
      for (uint32_t len = static_cast<uint32_t>(std::min<size_t>(max_len, send - i)); len >= 1;
           --len) {
        Span s = TokenSpan(i, i + len);
        std::string_view text = d_.SpanText(s);
        const auto& hits = kb_.Find(text);
        if (hits.empty()) continue;
        if (len == 1 && !SingleWordKbOk(i, hits)) continue;
        // A name starts and ends with a word ("Liverpool -" is no alias of "Liverpool").
        if (!v_.IsWord(i + len - 1)) continue;
        // Not inside a longer NER name, and not cutting one in two.
        bool ok = true;
        if (cover[i] >= 0 && (c_[cover[i]].tb < i)) ok = false;
        if (i + len < n && cover[i + len - 1] >= 0 && c_[cover[i + len - 1]].te > i + len) {
          ok = false;
        }
        if (!ok) continue;
        best = len;
        break;
      }
      if (best == 0) continue;
      // Replace the NER names it covers when it is longer than they are.
      bool same = cover[i] >= 0 && c_[cover[i]].tb == i && c_[cover[i]].te == i + best &&
                  !c_[cover[i]].compound;
      if (!same) {
        for (uint32_t t = i; t < i + best; ++t) {
          if (cover[t] >= 0) dropped[cover[t]] = 1;
        }
        std::string ner_type;
        if (cover[i] >= 0) ner_type = c_[cover[i]].ner_type;
        Cand c = MakeCand(TokenSpan(i, i + best), i, i + best, ner_type,
                          cover[i] >= 0 ? c_[cover[i]].ner : -1);
        added.push_back(std::move(c));
      }
      i += best - 1;
    }
    std::vector<Cand> kept;
    for (size_t i = 0; i < c_.size(); ++i) {
      if (!dropped[i]) kept.push_back(std::move(c_[i]));
    }
    for (auto& c : added) kept.push_back(std::move(c));
    c_ = std::move(kept);
  }

  // A one-word knowledge-base hit is a name when the NER missed it only if it looks like one:
  // an abbreviation written exactly so, or a capitalised word that is not the first of its
  // sentence (or is tagged as a proper noun).
  bool SingleWordKbOk(uint32_t t, const std::vector<uint32_t>& hits) const {
    std::string_view w = v_.Text(t);
    if (w.size() < 2) return false;
    if (AllUpperWord(w)) {
      if (w.size() > 3) return true;
      for (uint32_t e : hits) {
        const KbEntry& en = kb_.entry(e);
        if (en.name == w) return true;
        for (const auto& a : en.aliases) {
          if (a == w) return true;
        }
      }
      return false;
    }
    if (!v_.SentenceInitial(t)) return true;
    return v_.Upos(t) == "PROPN";
  }

  // ------------------------------------------------------------------ step 2b: compounds
  // Name parts of hyphenated words no name covers: a knowledge-base name ("NAVO-hoofdkwartier",
  // "EU-landen") or a name of the article ("Coolcat-winkels").
  void ScanCompounds() {
    const uint32_t n = v_.size();
    std::vector<uint8_t> covered(n, 0);
    std::unordered_map<std::string, std::string> names;  // exact text -> NER type
    for (const Cand& c : c_) {
      for (uint32_t t = c.tb; t < c.te; ++t) covered[t] = 1;
      if (!c.compound) names.emplace(std::string(d_.SpanText(c.span)), c.ner_type);
    }
    for (uint32_t t = 0; t < n; ++t) {
      if (covered[t]) continue;
      std::string_view w = v_.Text(t);
      if (w.find('-') == std::string_view::npos) continue;
      std::string_view tail;
      size_t len = CompoundNameLen(w, &tail);
      if (len == 0) continue;
      if (lex_.TypeOf(tail) == "GROUP") continue;
      std::string_view part = w.substr(0, len);
      if (AdjectiveCompound(t, part)) continue;
      std::string type;
      if (!kb_.Find(part).empty()) {
        if (kb_.CountryOfAdjective(part) >= 0) continue;
      } else {
        auto it = names.find(std::string(part));
        if (it == names.end()) continue;
        type = it->second;
      }
      Cand c = MakeCand(Span{d_.tokens[t].begin, d_.tokens[t].begin + static_cast<uint32_t>(len)},
                        t, t + 1, type, -1);
      c.compound = true;
      c_.push_back(std::move(c));
    }
  }

  // ------------------------------------------------------------------ step 3: describe
  void Describe(Cand& c) {
    c.text = std::string(d_.SpanText(c.span));
    c.key = KnowledgeBase::Key(c.text);
    c.kb = kb_.Find(c.text);
    // A first name opens it, unless a type noun ends it ("Anne Frank Huis", "Philips Stadion":
    // that noun gives the type instead).
    if (c.te - c.tb >= 2 && !c.compound) {
      std::string_view last = v_.Text(c.te - 1);
      std::string_view t = lex_.TypeOf(last);
      if (!t.empty() && t != "GROUP" && v_.Cap(c.te - 1)) {
        c.ctx_type = std::string(t);
      } else if (lex_.IsFirstName(v_.Text(c.tb))) {
        c.first_name = true;
      }
    }
    // A title or type noun right before it.
    if (!c.compound && c.tb > 0 && v_.Sentence(c.tb - 1) == v_.Sentence(c.tb)) {
      uint32_t p = c.tb - 1;
      std::string_view pw = v_.Text(p);
      if (v_.IsWord(p) &&
          (!v_.Cap(p) || v_.SentenceInitial(p) || pw.find('-') != std::string_view::npos)) {
        if (!v_.IsVerb(p)) {
          PersonNoun pn = lex_.Person(pw);
          if (pn.cls != PersonNounClass::kNone) {
            c.ctx_type = "PER";
          } else {
            std::string_view t = lex_.TypeOf(pw);
            if (!t.empty() && t != "GROUP" && v_.Upos(p) != "ADJ" && v_.Upos(p) != "VERB") {
              c.ctx_type = std::string(t);
            }
          }
        }
      } else if (kb_.CountryOfDemonym(pw) >= 0 && p > 0 && IsDeterminer(v_.Lower(p - 1))) {
        c.ctx_type = "PER";  // "de Noor Jens Stoltenberg"
      }
    }
  }

  // ------------------------------------------------------------------ step 4: clusters
  bool PersonLike(const Cand& c) const {
    if (c.ctx_type == "PER" || c.first_name) return true;
    for (uint32_t e : c.kb) {
      if (kb_.entry(e).type == "PER") return true;
    }
    return c.ner_type == "PER" && c.kb.empty();
  }

  void Cluster() {
    const size_t n = c_.size();
    UnionFind uf(n);
    // Same folded text.
    std::unordered_map<std::string, uint32_t> by_key;
    for (uint32_t i = 0; i < n; ++i) {
      auto [it, added] = by_key.emplace(c_[i].key, i);
      if (!added) uf.Union(it->second, i);
    }
    // One knowledge-base entry.
    std::unordered_map<uint32_t, uint32_t> by_kb;
    for (uint32_t i = 0; i < n; ++i) {
      if (c_[i].kb.size() != 1) continue;
      auto [it, added] = by_kb.emplace(c_[i].kb[0], i);
      if (!added) uf.Union(it->second, i);
    }
    // Surnames: a shorter name equal to the end of a person's longer name.
    std::vector<std::vector<std::string>> words(n);
    for (uint32_t i = 0; i < n; ++i) words[i] = LowerWords(c_[i].text);
    for (uint32_t s = 0; s < n; ++s) {
      const auto& sw = words[s];
      if (sw.empty() || sw.size() > 3) continue;
      // A knowledge-base non-person keeps its own entity.
      bool non_person_kb = false;
      for (uint32_t e : c_[s].kb) non_person_kb |= kb_.entry(e).type != "PER";
      if (non_person_kb) continue;
      int32_t best = -1;
      uint32_t best_dist = UINT32_MAX;
      for (uint32_t l = 0; l < n; ++l) {
        const auto& lw = words[l];
        if (lw.size() <= sw.size() || !PersonLike(c_[l])) continue;
        if (!std::equal(sw.begin(), sw.end(), lw.end() - static_cast<ptrdiff_t>(sw.size()))) {
          continue;
        }
        // The words before the surname must be a first name or initials, not a title.
        uint32_t dist = c_[l].span.begin <= c_[s].span.begin
                            ? c_[s].span.begin - c_[l].span.begin
                            : (c_[l].span.begin - c_[s].span.begin) + (1u << 30);
        if (dist < best_dist) best_dist = dist, best = static_cast<int32_t>(l);
      }
      if (best >= 0) uf.Union(s, static_cast<uint32_t>(best));
    }
    // Abbreviations: "OM" and "Openbaar Ministerie".
    for (uint32_t a = 0; a < n; ++a) {
      std::string_view at = c_[a].text;
      if (at.size() < 2 || at.size() > 6 || !AllUpperWord(at) || at.find(' ') != at.npos) continue;
      for (uint32_t l = 0; l < n; ++l) {
        if (words[l].size() < 2) continue;
        std::string initials;
        std::string_view lt = c_[l].text;
        size_t b = 0;
        while (b < lt.size()) {
          size_t e = lt.find(' ', b);
          if (e == lt.npos) e = lt.size();
          std::string_view w = lt.substr(b, e - b);
          if (!w.empty() && tag::StartsUpper(w)) initials.push_back(w[0]);
          b = e + 1;
        }
        if (initials == at) uf.Union(a, l);
      }
    }
    // Clusters in order of their first mention.
    std::map<uint32_t, std::vector<uint32_t>> groups;
    for (uint32_t i = 0; i < n; ++i) groups[uf.Find(i)].push_back(i);
    // The article's country: the most frequent country among unambiguous KB links.
    std::unordered_map<std::string, int> country_votes;
    std::unordered_map<uint32_t, int> sure_links;  // KB entry -> clusters that name it alone
    for (const auto& [root, members] : groups) {
      std::vector<uint32_t> only;
      for (uint32_t m : members) {
        if (c_[m].kb.size() == 1) only.push_back(c_[m].kb[0]);
      }
      std::sort(only.begin(), only.end());
      only.erase(std::unique(only.begin(), only.end()), only.end());
      for (uint32_t e : only) {
        ++sure_links[e];
        const KbEntry& en = kb_.entry(e);
        const std::string& c = en.kind == KbKind::kCountry ? en.name : en.country;
        if (!c.empty()) ++country_votes[c];
      }
    }
    std::string doc_country;
    int best_votes = 1;
    for (const auto& [c, v] : country_votes) {
      if (v > best_votes || (v == best_votes && c < doc_country && !doc_country.empty())) {
        best_votes = v;
        doc_country = c;
      }
    }
    // One entity per cluster; clusters naming the same KB entry are merged afterwards.
    std::unordered_map<int32_t, int32_t> ent_of_kb;
    for (const auto& [root, members] : groups) {
      int32_t kb = ChooseKb(members, sure_links, doc_country);
      std::string type = ChooseType(members, kb);
      if (kb >= 0) {
        auto it = ent_of_kb.find(kb);
        if (it != ent_of_kb.end()) {
          Ent& e = ents_[it->second];
          for (uint32_t m : members) e.cands.push_back(m);
          continue;
        }
      }
      Ent e;
      e.kb = kb;
      e.type = type;
      e.cands = members;
      if (kb >= 0) ent_of_kb[kb] = static_cast<int32_t>(ents_.size());
      ents_.push_back(std::move(e));
    }
    for (size_t ei = 0; ei < ents_.size(); ++ei) {
      Ent& e = ents_[ei];
      std::sort(e.cands.begin(), e.cands.end());
      for (uint32_t m : e.cands) c_[m].entity = static_cast<int32_t>(ei);
      if (e.kb >= 0) {
        const KbEntry& en = kb_.entry(e.kb);
        e.name = en.name;
        e.type = en.type;
        if (en.kind == KbKind::kPerson && !en.country.empty()) {
          e.nationality = kb_.ByName(en.country);
        }
      } else {
        e.name = BestName(e);
      }
    }
    // "Coolcat Junior" next to the company "Coolcat": a name that starts with an organisation's
    // name and has no sign of a person is that organisation's too.
    std::unordered_map<std::string, std::string> one_word;  // name -> type
    for (const Ent& e : ents_) {
      if (e.name.find(' ') == std::string::npos) one_word.emplace(e.name, e.type);
    }
    for (Ent& e : ents_) {
      if (e.kb >= 0 || e.type != "PER") continue;
      size_t sp = e.name.find(' ');
      if (sp == std::string::npos) continue;
      bool person = false;
      for (uint32_t m : e.cands) person |= c_[m].first_name || c_[m].ctx_type == "PER";
      if (person) continue;
      auto it = one_word.find(e.name.substr(0, sp));
      if (it != one_word.end() && (it->second == "ORG" || it->second == "MISC")) {
        e.type = it->second;
      }
    }
  }

  bool RoleActive(const KbEntry& en) const {
    const int y = v_.year();
    if (en.roles.empty()) return y == 0;
    for (const KbRole& r : en.roles) {
      if (y == 0 || (r.from <= y && y <= r.to)) return true;
    }
    return false;
  }

  int32_t ChooseKb(const std::vector<uint32_t>& members,
                   const std::unordered_map<uint32_t, int>& sure_links,
                   const std::string& doc_country) const {
    std::vector<uint32_t> cands;
    std::unordered_map<std::string, int> ner_votes;
    for (uint32_t m : members) {
      for (uint32_t e : c_[m].kb) cands.push_back(e);
      if (!c_[m].ner_type.empty()) ++ner_votes[c_[m].ner_type];
    }
    std::string ner_major;
    int nv = 0;
    for (const auto& [t, v] : ner_votes) {
      if (v > nv) nv = v, ner_major = t;
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    if (cands.empty()) {
      // A person's surname alone: a knowledge-base person who held a role that year.
      bool person = false;
      for (uint32_t m : members) person |= PersonLike(c_[m]);
      if (!person) return -1;
      int32_t found = -1;
      for (uint32_t m : members) {
        if (c_[m].te - c_[m].tb > 3) continue;
        for (uint32_t e : kb_.FindSurname(c_[m].text)) {
          if (!RoleActive(kb_.entry(e))) continue;
          if (found >= 0 && found != static_cast<int32_t>(e)) return -1;  // ambiguous
          found = static_cast<int32_t>(e);
        }
      }
      return found;
    }
    if (cands.size() == 1) return static_cast<int32_t>(cands[0]);
    double best = -1;
    int32_t choice = -1;
    for (uint32_t e : cands) {
      const KbEntry& en = kb_.entry(e);
      double s = 0;
      if (en.type == ner_major) s += 2;
      bool alone = false, named = false, ctx = false;
      const std::string name_key = KnowledgeBase::Key(en.name);
      for (uint32_t m : members) {
        alone |= c_[m].kb.size() == 1 && c_[m].kb[0] == e;
        named |= name_key == c_[m].key;
        ctx |= !c_[m].ctx_type.empty() && c_[m].ctx_type == en.type;
      }
      if (alone) s += 4;
      if (named) s += 1;
      if (ctx) s += 3;
      auto it = sure_links.find(e);
      if (it != sure_links.end()) s += 4;
      const std::string& c = en.kind == KbKind::kCountry ? en.name : en.country;
      if (!doc_country.empty() && c == doc_country) s += 1;
      if (s > best) best = s, choice = static_cast<int32_t>(e);
    }
    return choice;
  }

  std::string ChooseType(const std::vector<uint32_t>& members, int32_t kb) const {
    if (kb >= 0) return kb_.entry(kb).type;
    std::map<std::string, double> votes;
    for (uint32_t m : members) {
      const Cand& c = c_[m];
      if (!c.ctx_type.empty()) votes[c.ctx_type] += 10;
      if (c.first_name) votes["PER"] += 2;
      if (!c.ner_type.empty()) votes[c.ner_type] += c.compound ? 0.5 : 1;
    }
    std::string best = "MISC";
    double bv = 0;
    for (const auto& [t, v] : votes) {
      if (v > bv) bv = v, best = t;
    }
    return best;
  }

  // The fullest name form: most words, then not all capitals, then first in the text.
  std::string BestName(const Ent& e) const {
    const Cand* best = nullptr;
    size_t best_words = 0;
    for (uint32_t m : e.cands) {
      const Cand& c = c_[m];
      size_t words = LowerWords(c.text).size();
      bool caps = AllUpperWord(c.text) && c.text.size() > 4;
      if (!best || words > best_words ||
          (words == best_words && !caps && AllUpperWord(best->text) && best->text.size() > 4)) {
        best = &c;
        best_words = words;
      }
    }
    return best ? best->text : std::string();
  }

  // ------------------------------------------------------------------ step 5: nominals
  // The country an adjective or demonym token names, or -1.
  int32_t CountryWord(uint32_t t) const {
    int32_t c = kb_.CountryOfAdjective(v_.Text(t));
    return c >= 0 ? c : kb_.CountryOfDemonym(v_.Text(t));
  }

  // The entity of the name starting at token t (a whole-token name), or -1.
  int32_t NameAt(uint32_t t) const {
    auto it = name_at_.find(t);
    return it == name_at_.end() ? -1 : c_[it->second].entity;
  }
  int32_t NameEndingAt(uint32_t t_end) const {
    auto it = name_end_.find(t_end);
    return it == name_end_.end() ? -1 : c_[it->second].entity;
  }

  // Reads "[det] [adj...] noun" ending at token `noun`: fills the title's phrase, qualifier and
  // country from the words before it.
  TitleEv Title(uint32_t noun, const PersonNoun& pn, uint32_t first) const {
    TitleEv ev;
    ev.head = pn.head;
    ev.qualifier = pn.qualifier;
    for (uint32_t t = first; t <= noun; ++t) {
      if (!ev.phrase.empty()) ev.phrase.push_back(' ');
      ev.phrase += v_.Lower(t);
      if (t < noun) {
        int32_t c = CountryWord(t);
        if (c >= 0) ev.country = c;
      }
    }
    // "van Oranje", "van de NAVO": a name after the noun qualifies it.
    uint32_t a = noun + 1;
    if (a < v_.size() && v_.Lower(a) == "van") {
      uint32_t b = a + 1;
      if (b < v_.size() && IsDeterminer(v_.Lower(b))) ++b;
      auto it = name_at_.find(b);
      if (it != name_at_.end()) ev.qualifier = c_[it->second].text;
    }
    return ev;
  }

  // The first token of the modifiers before `noun` (adjectives, adverbs of degree), stopping
  // at a determiner; sets *det to the determiner's index or -1.
  uint32_t ModifiersStart(uint32_t noun, int64_t* det) const {
    uint32_t sb = v_.SentenceBegin(noun);
    uint32_t t = noun;
    *det = -1;
    int steps = 0;
    while (t > sb && steps < 3) {
      uint32_t p = t - 1;
      const std::string& w = v_.Lower(p);
      if (IsDeterminer(w)) {
        *det = p;
        return t;
      }
      bool mod = v_.HasUpos() ? v_.Upos(p) == "ADJ" : (!v_.Cap(p) && v_.IsWord(p));
      if (!mod && CountryWord(p) >= 0) mod = true;
      if (!mod) return t;
      t = p;
      ++steps;
    }
    return t;
  }

  bool QualifierFits(const TitleEv& want, const TitleEv& have) const {
    if (want.country >= 0 && have.country >= 0 && want.country != have.country) return false;
    if (!want.qualifier.empty() && !have.qualifier.empty() &&
        KnowledgeBase::Key(want.qualifier) != KnowledgeBase::Key(have.qualifier)) {
      return false;
    }
    return true;
  }

  static bool GeneralHead(std::string_view head) {
    for (std::string_view g : {"chef", "baas", "topman", "topvrouw", "leider", "voorman",
                               "voorvrouw", "kopstuk", "leidster", "voorzitter", "directeur"}) {
      if (head == g) return true;
    }
    return false;
  }

  // Whether the KB person of entity `e` held a role named `ev` in the article's year.
  bool KbRoleFits(const Ent& e, const TitleEv& ev) const {
    if (e.kb < 0) return false;
    // "de leider", "de topman" alone could be anyone's: they need an organisation or country.
    if (ev.qualifier.empty() && ev.country < 0 && GeneralHead(ev.head)) {
      return false;
    }
    const KbEntry& en = kb_.entry(e.kb);
    const int y = v_.year();
    for (const KbRole& r : en.roles) {
      if (y != 0 && (y < r.from || y > r.to)) continue;
      if (!RoleMatchesNoun(r.role, ev.head)) continue;
      // The role's organisation or country must fit the qualifiers that are given.
      if (ev.country >= 0 && kb_.entry(ev.country).name != r.of) continue;
      if (!ev.qualifier.empty()) {
        const auto& q = kb_.Find(ev.qualifier);
        bool fits = KnowledgeBase::Key(ev.qualifier) == KnowledgeBase::Key(r.of);
        for (uint32_t qe : q) fits |= kb_.entry(qe).name == r.of;
        if (!fits) continue;
      }
      return true;
    }
    return false;
  }

  void AddNominal(uint32_t tb, uint32_t te, int32_t entity) {
    Cand c;
    c.span = TokenSpan(tb, te);
    c.tb = tb;
    c.te = te;
    c.kind = MentionKind::kNominal;
    c.ner_type = "PER";
    c.entity = entity;
    c.text = std::string(d_.SpanText(c.span));
    nominals_.push_back(std::move(c));
  }

  void Nominals() {
    for (uint32_t i = 0; i < c_.size(); ++i) {
      const Cand& c = c_[i];
      if (c.compound || c.span.begin != d_.tokens[c.tb].begin) continue;
      name_at_.emplace(c.tb, i);
      name_end_[c.te] = i;
    }
    const uint32_t n = v_.size();
    std::vector<uint8_t> in_name(n, 0);
    for (const Cand& c : c_) {
      if (c.compound) continue;  // "de NAVO-chef" is still a description
      for (uint32_t t = c.tb; t < c.te; ++t) in_name[t] = 1;
    }
    // Titles and appositions around the names of people.
    for (uint32_t i = 0; i < c_.size(); ++i) {
      const Cand& c = c_[i];
      if (c.entity < 0 || c.compound) continue;
      Ent& e = ents_[c.entity];
      if (e.type != "PER") continue;
      // In front: "Premier Rutte", "De Oekraïense president Zelensky", "de Noor Jens
      // Stoltenberg", "NAVO-chef Jens Stoltenberg", "minister van Welzijn Wouter Beke".
      if (c.tb > 0 && v_.Sentence(c.tb - 1) == v_.Sentence(c.tb)) {
        uint32_t p = c.tb - 1;
        int32_t dem = kb_.CountryOfDemonym(v_.Text(p));
        PersonNoun pn = lex_.Person(v_.Text(p));
        if (dem >= 0 && pn.cls == PersonNounClass::kNone) {
          if (e.nationality < 0) e.nationality = dem;
          int64_t det;
          ModifiersStart(p, &det);
          if (det >= 0) AddNominal(static_cast<uint32_t>(det), p + 1, c.entity);
        } else if (pn.cls != PersonNounClass::kNone) {
          int64_t det;
          uint32_t first = ModifiersStart(p, &det);
          TitleEv ev = Title(p, pn, first);
          if (ev.country >= 0 && e.nationality < 0 && pn.cls == PersonNounClass::kTitle) {
            e.nationality = ev.country;
          }
          e.titles.push_back(std::move(ev));
        } else if (v_.Cap(p)) {
          // "minister van Welzijn Wouter Beke": back over the portfolio to the title.
          uint32_t sb = v_.SentenceBegin(c.tb);
          for (uint32_t q = p; q > sb && c.tb - q < 7; --q) {
            const std::string& w = v_.Lower(q);
            if (w != "van" && w != "voor") {
              if (v_.Cap(q) || w == "en" || w == ",") continue;
              break;
            }
            PersonNoun t = lex_.Person(v_.Text(q - 1));
            if (t.cls != PersonNounClass::kNone) {
              int64_t det;
              uint32_t first = ModifiersStart(q - 1, &det);
              e.titles.push_back(Title(q - 1, t, first));
            }
            break;
          }
        }
      }
      // After: "X, de woordvoerder van Y," / "X, hoogleraar ... aan de VU".
      uint32_t a = c.te;
      if (a + 1 < n && v_.Text(a) == "," && v_.Sentence(a) == v_.Sentence(c.tb)) {
        uint32_t b = a + 1;
        bool det = IsDeterminer(v_.Lower(b));
        uint32_t noun = det ? b + 1 : b;
        // Skip adjectives.
        while (noun < n && noun < b + 4 &&
               lex_.Person(v_.Text(noun)).cls == PersonNounClass::kNone &&
               (v_.Upos(noun) == "ADJ" || (!v_.HasUpos() && !v_.Cap(noun))) &&
               v_.Sentence(noun) == v_.Sentence(c.tb)) {
          ++noun;
        }
        if (noun < n && v_.Sentence(noun) == v_.Sentence(c.tb) && !in_name[noun]) {
          PersonNoun pn = lex_.Person(v_.Text(noun));
          if (pn.cls != PersonNounClass::kNone) {
            e.titles.push_back(Title(noun, pn, det ? b + 1 : b));
            if (det) AddNominal(b, noun + 1, c.entity);
          }
        }
      }
    }
    // Stand-alone descriptions with a determiner, outside quotations (where "de leider" and
    // "de man" are seldom a named person of the article).
    std::vector<uint8_t> quoted(n, 0);
    for (const quotes::Quoted& q : quotes::FindQuoted(d_, v_)) {
      if (!q.dbl) continue;
      for (uint32_t t = q.tb; t < q.te && t < n; ++t) quoted[t] = 1;
    }
    for (uint32_t t = 0; t + 1 < n; ++t) {
      if (!IsDeterminer(v_.Lower(t)) || quoted[t]) continue;
      // The noun: up to three modifiers after the determiner.
      uint32_t noun = t + 1;
      PersonNoun pn;
      int32_t dem = -1;
      for (; noun < n && noun <= t + 4 && v_.Sentence(noun) == v_.Sentence(t); ++noun) {
        if (in_name[noun]) break;
        pn = lex_.Person(v_.Text(noun));
        dem = pn.cls == PersonNounClass::kNone ? kb_.CountryOfDemonym(v_.Text(noun)) : -1;
        if (pn.cls != PersonNounClass::kNone || dem >= 0) break;
        bool mod = v_.HasUpos() ? v_.Upos(noun) == "ADJ" : !v_.Cap(noun) && v_.IsWord(noun);
        if (!mod) {
          noun = n;
          break;
        }
      }
      if (noun >= n || noun > t + 4 || in_name[noun] ||
          (pn.cls == PersonNounClass::kNone && dem < 0)) {
        continue;
      }
      // A noun tagged as a verb or adjective is no person noun ("zijn", "leider" aside).
      if (v_.HasUpos() && v_.Upos(noun) != "NOUN" && v_.Upos(noun) != "PROPN" &&
          v_.Upos(noun) != "X") {
        continue;
      }
      // Plural demonyms ("de Noren") and plural nouns are groups.
      if (v_.HasUpos() && v_.doc().Has(Layer::kFeats) &&
          v_.doc().feats[noun].find("Number=Plur") != std::string::npos) {
        continue;
      }
      // Right before a name it is a title, handled above.
      if (noun + 1 < n && NameAt(noun + 1) >= 0) continue;
      int32_t ref = -1;
      // "zijn kompaan in het hart van de verdediging, Joel Matip,": the name after a comma.
      for (uint32_t k = noun + 1; k < n && k < noun + 12 && v_.Sentence(k) == v_.Sentence(t); ++k) {
        if (v_.Text(k) == ",") {
          int32_t e = NameAt(k + 1);
          if (e >= 0 && ents_[e].type == "PER") {
            auto it = name_at_.find(k + 1);
            uint32_t after = c_[it->second].te;
            if (after >= n || v_.Text(after) == "," || v_.Text(after) == "." ||
                v_.Text(after) == ")") {
              ref = e;
            }
          }
          break;
        }
        if (v_.IsVerb(k)) break;
      }
      // "Y, de woordvoerder van X" was handled with the name; here "X , de ..." is skipped.
      if (ref < 0 && t > 0 && v_.Text(t - 1) == ",") {
        if (NameEndingAt(t - 1) >= 0) continue;
      }
      if (ref < 0) {
        int64_t det;
        uint32_t first = ModifiersStart(noun, &det);
        if (dem >= 0) {
          ref = UniqueEntity([&](const Ent& e) { return e.nationality == dem; }, t);
        } else if (pn.cls != PersonNounClass::kRelation) {
          TitleEv want = Title(noun, pn, first);
          // The same description given to a name before ("de inheemse leider Emyra").
          ref = UniqueEntity(
              [&](const Ent& e) {
                for (const TitleEv& h : e.titles) {
                  if (h.phrase == want.phrase && want.phrase.find(' ') != std::string::npos) {
                    return true;
                  }
                }
                return false;
              },
              t);
          if (ref < 0 && pn.cls != PersonNounClass::kRelation) {
            ref = UniqueEntity(
                [&](const Ent& e) {
                  for (const TitleEv& h : e.titles) {
                    bool head = h.head == want.head || (pn.cls == PersonNounClass::kTitle &&
                                                        RoleMatchesNoun(h.head, want.head));
                    if (head && QualifierFits(want, h)) {
                      return true;
                    }
                  }
                  return KbRoleFits(e, want);
                },
                t);
          }
        }
      }
      if (ref >= 0) AddNominal(t, noun + 1, ref);
    }
  }

  // The one person entity of the article for which `fits` holds; when several do, the one
  // named last before token `at`; -1 when none.
  template <typename Fn>
  int32_t UniqueEntity(Fn fits, uint32_t at) const {
    int32_t found = -1, count = 0;
    int32_t last = -1;
    uint32_t last_pos = 0;
    for (size_t ei = 0; ei < ents_.size(); ++ei) {
      const Ent& e = ents_[ei];
      if (e.type != "PER" || !fits(e)) continue;
      ++count;
      found = static_cast<int32_t>(ei);
      for (uint32_t m : e.cands) {
        if (c_[m].tb < at && c_[m].tb >= last_pos) {
          last_pos = c_[m].tb;
          last = static_cast<int32_t>(ei);
        }
      }
    }
    if (count == 1) return found;
    return count > 1 ? last : -1;
  }

  // ------------------------------------------------------------------ output
  void Write() {
    // Nominals that repeat a span already taken are dropped.
    std::vector<Cand> all;
    all.reserve(c_.size() + nominals_.size());
    for (auto& c : c_) all.push_back(std::move(c));
    for (auto& c : nominals_) all.push_back(std::move(c));
    std::vector<uint8_t> ner_used(d_.mentions.size(), 0);
    for (const Cand& c : all) {
      if (c.ner >= 0 && c.span == d_.mentions[c.ner].span) ner_used[c.ner] = 1;
    }
    std::vector<Mention> out;
    for (const Cand& c : all) {
      Mention m;
      m.span = c.span;
      m.token_begin = c.tb;
      m.token_end = c.te;
      m.kind = c.kind;
      m.entity = c.entity;
      m.type = c.entity >= 0 ? ents_[c.entity].type : (c.ner_type.empty() ? "MISC" : c.ner_type);
      if (c.ner >= 0 && c.span == d_.mentions[c.ner].span) m.score = d_.mentions[c.ner].score;
      out.push_back(std::move(m));
    }
    // The NER's names that became no mention stay, without an entity.
    for (size_t i = 0; i < d_.mentions.size(); ++i) {
      if (ner_used[i] || d_.mentions[i].kind != MentionKind::kName) continue;
      Mention m = d_.mentions[i];
      m.entity = -1;
      out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
      if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
      return a.span.end > b.span.end;
    });
    // Drop exact duplicates (a nominal found twice).
    std::vector<Mention> uniq;
    for (auto& m : out) {
      if (!uniq.empty() && uniq.back().span == m.span && uniq.back().entity == m.entity) continue;
      uniq.push_back(std::move(m));
    }
    // Entities in order of first mention.
    std::vector<int32_t> order, new_id(ents_.size(), -1);
    for (const Mention& m : uniq) {
      if (m.entity >= 0 && new_id[m.entity] < 0) {
        new_id[m.entity] = static_cast<int32_t>(order.size());
        order.push_back(m.entity);
      }
    }
    std::vector<Entity> entities(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
      const Ent& e = ents_[order[i]];
      entities[i].type = e.type;
      entities[i].name = e.name;
      if (e.kb >= 0 && !kb_.entry(e.kb).id.empty()) entities[i].kb = kb_.entry(e.kb).id;
    }
    for (uint32_t mi = 0; mi < uniq.size(); ++mi) {
      Mention& m = uniq[mi];
      if (m.entity < 0) continue;
      m.entity = new_id[m.entity];
      entities[m.entity].mentions.push_back(mi);
    }
    d_.mentions = std::move(uniq);
    d_.entities = std::move(entities);
  }

  const KnowledgeBase& kb_;
  const LinkLexicon& lex_;
  Doc& d_;
  DocView v_;
  std::vector<Cand> c_;
  std::vector<Cand> nominals_;
  std::vector<Ent> ents_;
  std::unordered_map<uint32_t, uint32_t> name_at_, name_end_;
  std::unordered_set<std::string> doc_places_;  // keys of the NER's place names
};

class LinkerStage : public Stage {
 public:
  explicit LinkerStage(std::shared_ptr<const Linker> l) : l_(std::move(l)) {}
  std::string Name() const override { return "entities"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences, Layer::kMentions}; }
  LayerSet Writes() const override { return {Layer::kMentions, Layer::kEntities}; }
  Status Process(Doc& doc) const override {
    l_->Link(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Linker> l_;
};

}  // namespace

Result<std::shared_ptr<const Linker>> Linker::Create() {
  auto kb = KnowledgeBase::Load();
  if (!kb.ok()) return kb.status();
  auto lex = LinkLexicon::Load();
  if (!lex.ok()) return lex.status();
  return CreateWith(std::move(kb).value(), std::move(lex).value());
}

std::shared_ptr<const Linker> Linker::CreateWith(std::shared_ptr<const KnowledgeBase> kb,
                                                 std::shared_ptr<const LinkLexicon> lexicon) {
  return std::shared_ptr<const Linker>(new Linker(std::move(kb), std::move(lexicon)));
}

void Linker::Link(Doc& doc) const {
  if (doc.tokens.empty()) {
    doc.mentions.clear();
    doc.entities.clear();
    return;
  }
  LinkRun run(*kb_, *lex_, doc);
  run.Run();
}

std::unique_ptr<Stage> MakeLinkerStage(std::shared_ptr<const Linker> linker) {
  return std::make_unique<LinkerStage>(std::move(linker));
}

}  // namespace kroniek::link
