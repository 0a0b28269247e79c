#include "eval/ud_eval.h"

#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace kroniek::eval {
namespace {

struct Word {
  size_t begin, end;  // character span over the non-space text
  std::string_view upos, xpos, lemma;
  std::string feats;
  int64_t head;  // global word index, -1 for the root, -2 when there is no parse
  std::string_view deprel;
};

struct Side {
  std::vector<Word> words;
  std::set<std::pair<size_t, size_t>> sentences;
};

bool IsCont(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }
bool IsSpace(std::string_view s, size_t i) {
  char c = s[i];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Characters (code points) of a form without white space.
size_t Chars(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsCont(s[i]) || IsSpace(s, i)) continue;
    // U+00A0 (C2 A0) is white space to Python's str.isspace too.
    if (static_cast<unsigned char>(s[i]) == 0xc2 && i + 1 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xa0) {
      continue;
    }
    ++n;
  }
  return n;
}

void Collect(const std::vector<Doc>& docs, bool strip, Side* side) {
  size_t pos = 0;
  for (const Doc& d : docs) {
    const bool deps = d.Has(Layer::kDeps);
    const size_t base = side->words.size();
    for (const Sentence& s : d.sentences) {
      size_t start = pos;
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        Word w;
        w.begin = pos;
        pos += Chars(d.TokenText(t));
        w.end = pos;
        w.upos = d.Has(Layer::kUpos) ? std::string_view(d.upos[t]) : "";
        w.xpos = d.Has(Layer::kXpos) ? std::string_view(d.xpos[t]) : "";
        w.lemma = d.Has(Layer::kLemma) ? std::string_view(d.lemma[t]) : "";
        w.feats = d.Has(Layer::kFeats) ? (strip ? StripCaveatFeats(d.feats[t]) : d.feats[t]) : "";
        if (deps) {
          w.head =
              d.head[t] == static_cast<int32_t>(t) ? -1 : static_cast<int64_t>(base + d.head[t]);
          std::string_view r = d.deprel[t];
          w.deprel = r.substr(0, r.find(':'));
        } else {
          w.head = -2;
          w.deprel = "";
        }
        side->words.push_back(std::move(w));
      }
      side->sentences.emplace(start, pos);
    }
  }
}

bool IsContent(std::string_view rel) {
  static const std::set<std::string_view> kFunctional = {"aux", "case", "cc",   "clf",
                                                         "cop", "det",  "mark", "punct"};
  return !kFunctional.count(rel);
}

}  // namespace

std::string StripCaveatFeats(const std::string& feats) {
  if (feats == "_" || feats.empty()) return "_";
  std::string out;
  size_t start = 0;
  while (start <= feats.size()) {
    size_t bar = feats.find('|', start);
    if (bar == std::string::npos) bar = feats.size();
    std::string_view f = std::string_view(feats).substr(start, bar - start);
    bool drop = f.starts_with("ExtPos=") || f == "Mood=Ind" || f == "PronType=Art" ||
                f == "PronType=Tot" || f == "PronType=Neg" || f == "PronType=Exc" ||
                f == "Case=Dat";
    if (!drop && !f.empty()) {
      if (!out.empty()) out.push_back('|');
      out.append(f);
    }
    start = bar + 1;
  }
  return out.empty() ? "_" : out;
}

const UdMetric* UdScores::Find(const std::string& name) const {
  for (const auto& m : metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

UdScores ScoreUd(const std::vector<Doc>& gold, const std::vector<Doc>& system,
                 const UdEvalOptions& options) {
  Side g, s;
  Collect(gold, options.strip_caveat_feats, &g);
  Collect(system, options.strip_caveat_feats, &s);
  std::map<std::pair<size_t, size_t>, size_t> gold_index;
  for (size_t i = 0; i < g.words.size(); ++i)
    gold_index.emplace(std::make_pair(g.words[i].begin, g.words[i].end), i);
  std::vector<int64_t> s2g(s.words.size(), -1);
  std::vector<std::pair<size_t, size_t>> align;  // (gold, system)
  for (size_t j = 0; j < s.words.size(); ++j) {
    auto it = gold_index.find({s.words[j].begin, s.words[j].end});
    if (it != gold_index.end()) {
      s2g[j] = static_cast<int64_t>(it->second);
      align.emplace_back(it->second, j);
    }
  }
  UdScores out;
  out.has_deps = !s.words.empty() && s.words[0].head != -2;
  const size_t ng = g.words.size(), ns = s.words.size(), na = align.size();
  out.metrics.push_back(UdMetric{"Tokens", na, ns, ng, 0});
  size_t sent_ok = 0;
  for (const auto& sp : s.sentences) sent_ok += g.sentences.count(sp);
  out.metrics.push_back(UdMetric{"Sentences", sent_ok, s.sentences.size(), g.sentences.size(), 0});
  auto count = [&](auto pred) {
    size_t k = 0;
    for (const auto& [gi, sj] : align) k += pred(g.words[gi], s.words[sj]);
    return k;
  };
  auto same_head = [&](const Word& gw, const Word& sw) {
    if (gw.head == -2 || sw.head == -2) return false;
    if (gw.head == -1 || sw.head == -1) return gw.head == -1 && sw.head == -1;
    return s2g[static_cast<size_t>(sw.head)] == gw.head;
  };
  auto add = [&](const char* name, size_t k) {
    out.metrics.push_back(UdMetric{name, k, ns, ng, na});
  };
  add("UPOS", count([](const Word& a, const Word& b) { return a.upos == b.upos; }));
  add("XPOS", count([](const Word& a, const Word& b) { return a.xpos == b.xpos; }));
  add("UFeats", count([](const Word& a, const Word& b) { return a.feats == b.feats; }));
  add("AllTags", count([](const Word& a, const Word& b) {
        return a.upos == b.upos && a.xpos == b.xpos && a.feats == b.feats;
      }));
  add("Lemmas", count([](const Word& a, const Word& b) { return a.lemma == b.lemma; }));
  add("UAS", count(same_head));
  add("LAS",
      count([&](const Word& a, const Word& b) { return same_head(a, b) && a.deprel == b.deprel; }));
  // CLAS: content words only, on both sides.
  UdMetric clas{"CLAS", 0, 0, 0, 0};
  for (const Word& w : g.words) clas.gold += IsContent(w.deprel);
  for (const Word& w : s.words) clas.system += IsContent(w.deprel);
  for (const auto& [gi, sj] : align) {
    const Word& a = g.words[gi];
    const Word& b = s.words[sj];
    if (!IsContent(a.deprel)) continue;
    ++clas.aligned;
    clas.correct += same_head(a, b) && a.deprel == b.deprel;
  }
  out.metrics.push_back(clas);
  return out;
}

std::string FormatUdScores(const UdScores& scores) {
  std::string o =
      "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n"
      "-----------+-----------+-----------+-----------+-----------\n";
  char buf[128];
  for (const UdMetric& m : scores.metrics) {
    bool dep = m.name == "UAS" || m.name == "LAS" || m.name == "CLAS";
    if (dep && !scores.has_deps) {
      std::snprintf(buf, sizeof buf, "%-11s|         - |         - |         - |         -\n",
                    m.name.c_str());
    } else if (m.aligned == 0 && (m.name == "Tokens" || m.name == "Sentences")) {
      std::snprintf(buf, sizeof buf, "%-11s| %9.2f | %9.2f | %9.2f |\n", m.name.c_str(),
                    m.precision(), m.recall(), m.f1());
    } else {
      std::snprintf(buf, sizeof buf, "%-11s| %9.2f | %9.2f | %9.2f | %9.2f\n", m.name.c_str(),
                    m.precision(), m.recall(), m.f1(), m.aligned_accuracy());
    }
    o += buf;
  }
  return o;
}

}  // namespace kroniek::eval
