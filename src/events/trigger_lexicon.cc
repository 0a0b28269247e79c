#include "events/trigger_lexicon.h"

#include <cstring>

#include "base/embedded_data.h"
#include "base/errors.h"

namespace kroniek::events {

const char* const kPloverTypes[16] = {
    "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
    "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT"};

bool IsPloverType(std::string_view type) {
  for (const char* t : kPloverTypes) {
    if (type == t) return true;
  }
  return false;
}

std::string LemmaKey(std::string_view lemma) {
  std::string out;
  out.reserve(lemma.size());
  for (size_t i = 0; i < lemma.size(); ++i) {
    char c = lemma[i];
    if (c == '_' || c == '-') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // Latin-1 capitals (À..Þ except ×) are C3 80..9E in UTF-8; their small letters are +0x20.
    if (c == '\xc3' && i + 1 < lemma.size()) {
      unsigned char n = static_cast<unsigned char>(lemma[i + 1]);
      out.push_back(c);
      out.push_back(static_cast<char>(n >= 0x80 && n <= 0x9E && n != 0x97 ? n + 0x20 : n));
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::shared_ptr<const TriggerLexicon>> TriggerLexicon::Load() {
  auto text = EmbeddedData("events/data/triggers.tsv");
  if (!text) {
    return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                     "events/data/triggers.tsv is not embedded");
  }
  return FromText(*text, "events/data/triggers.tsv");
}

Result<std::shared_ptr<const TriggerLexicon>> TriggerLexicon::FromText(std::string_view text,
                                                                       std::string_view name) {
  auto lex = std::shared_ptr<TriggerLexicon>(new TriggerLexicon());
  int n = 0;
  struct Pending {
    TriggerSense sense;
    std::string obj, mod;
    int line;
  };
  std::vector<Pending> pending;
  for (std::string_view line : Split(text, '\n')) {
    ++n;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const std::string& why) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       std::string(name) + ":" + std::to_string(n) + ": " + why);
    };
    if (line.front() == '@') {
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) return bad("a class needs '@name = a|b'");
      std::string cname(Trim(line.substr(1, eq - 1)));
      auto& set = lex->classes_[cname];
      for (std::string_view w : Split(Trim(line.substr(eq + 1)), '|')) {
        w = Trim(w);
        if (!w.empty()) set.insert(LemmaKey(w));
      }
      continue;
    }
    std::vector<std::string_view> cols = Split(line, '\t');
    if (cols.size() < 3) return bad("needs lemma, pos and type");
    Pending p;
    p.line = n;
    TriggerSense& s = p.sense;
    std::string_view lemma = Trim(cols[0]);
    size_t us = lemma.rfind('_');
    if (us != std::string_view::npos) {
      s.with = LemmaKey(lemma.substr(0, us));
      lemma = lemma.substr(us + 1);
    }
    s.lemma = LemmaKey(lemma);
    if (s.lemma.empty()) return bad("empty lemma");
    std::string_view pos = Trim(cols[1]);
    if (pos != "V" && pos != "N" && pos != "*") return bad("pos must be V, N or *");
    s.pos = pos[0];
    s.type = std::string(Trim(cols[2]));
    if (!IsPloverType(s.type)) return bad("unknown PLOVER type '" + s.type + "'");
    for (size_t c = 3; c < cols.size(); ++c) {
      for (std::string_view opt : Split(cols[c], ' ')) {
        opt = Trim(opt);
        if (opt.empty()) continue;
        if (opt == "bare") {
          s.bare = true;
        } else if (opt == "actor") {
          s.needs_actor = true;
        } else if (opt == "nosport") {
          s.nosport = true;
        } else if (opt == "exact") {
          s.exact = true;
        } else if (opt == "nonneg") {
          s.nonneg = true;
        } else if (opt == "unacc") {
          s.unaccusative = true;
        } else if (opt == "van=actor") {
          s.van_actor = true;
        } else if (opt == "van=target") {
          s.van_actor = false;
        } else if (opt.substr(0, 4) == "obj=") {
          p.obj = std::string(opt.substr(4));
        } else if (opt.substr(0, 5) == "prep=") {
          for (std::string_view w : Split(opt.substr(5), '|')) s.preps.push_back(LemmaKey(w));
        } else if (opt.substr(0, 4) == "mod=") {
          p.mod = std::string(opt.substr(4));
        } else {
          return bad("unknown constraint '" + std::string(opt) + "'");
        }
      }
    }
    pending.push_back(std::move(p));
  }
  // Resolve classes now that all are known.
  for (Pending& p : pending) {
    TriggerSense& s = p.sense;
    auto bad = [&](const std::string& why) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       std::string(name) + ":" + std::to_string(p.line) + ": " + why);
    };
    auto expand = [&](const std::string& list, auto&& add) -> Status {
      if (list.empty()) return Status();
      for (std::string_view w : Split(list, '|')) {
        if (w.empty()) continue;
        if (w.front() == '@') {
          auto it = lex->classes_.find(std::string(w.substr(1)));
          if (it == lex->classes_.end()) return bad("unknown class '" + std::string(w) + "'");
          for (const std::string& x : it->second) add(x);
        } else {
          add(std::string(w));
        }
      }
      return Status();
    };
    Status st = expand(p.obj, [&](const std::string& w) {
      if (w == "PER") {
        s.obj.per = true;
      } else if (w == "ORG") {
        s.obj.org = true;
      } else if (w == "LOC") {
        s.obj.loc = true;
      } else {
        s.obj.words.insert(LemmaKey(w));
      }
    });
    if (!st.ok()) return st;
    st = expand(p.mod, [&](const std::string& w) { s.mods.push_back(LemmaKey(w)); });
    if (!st.ok()) return st;
    lex->senses_[s.lemma].push_back(std::move(s));
  }
  return std::shared_ptr<const TriggerLexicon>(std::move(lex));
}

const std::vector<TriggerSense>* TriggerLexicon::Find(std::string_view key) const {
  auto it = senses_.find(std::string(key));
  return it == senses_.end() ? nullptr : &it->second;
}

const std::unordered_set<std::string>* TriggerLexicon::Class(std::string_view name) const {
  auto it = classes_.find(std::string(name));
  return it == classes_.end() ? nullptr : &it->second;
}

std::string_view TriggerLexicon::CompoundHead(std::string_view key) const {
  for (size_t i = 3; i + 4 <= key.size(); ++i) {
    // Start on a character boundary.
    if ((static_cast<unsigned char>(key[i]) & 0xC0) == 0x80) continue;
    std::string_view tail = key.substr(i);
    const auto* senses = Find(tail);
    if (!senses) continue;
    for (const TriggerSense& s : *senses) {
      if (!s.exact && s.pos != 'V') return tail;
    }
  }
  return {};
}

}  // namespace kroniek::events
