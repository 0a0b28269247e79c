#include "ner/ner_eval.h"

#include <cstdio>
#include <set>
#include <tuple>

namespace kroniek::ner {
namespace {

using Chunk = std::tuple<size_t, size_t, std::string>;

// Chunks of a tag sequence, read as score.py reads them.
std::set<Chunk> Chunks(const std::vector<std::string>& tags) {
  std::set<Chunk> out;
  size_t start = 0;
  std::string type;
  bool open = false;
  for (size_t i = 0; i <= tags.size(); ++i) {
    const std::string t = i < tags.size() ? tags[i] : "O";
    bool is_b = t.starts_with("B-"), is_i = t.starts_with("I-");
    bool ends = t == "O" || is_b || (is_i && (!open || t.substr(2) != type)) ||
                (!is_b && !is_i && t != "O");
    if (ends) {
      if (open) out.emplace(start, i, type);
      open = false;
      if (is_b || is_i) {
        start = i;
        type = t.substr(2);
        open = true;
      }
    }
  }
  return out;
}

}  // namespace

NerScores ScoreTags(const std::vector<std::string>& gold, const std::vector<std::string>& system) {
  NerScores s;
  s.tokens = gold.size();
  std::set<Chunk> g = Chunks(gold), y = Chunks(system);
  for (const Chunk& c : g) {
    ++s.overall.gold;
    ++s.per_type[std::get<2>(c)].gold;
  }
  for (const Chunk& c : y) {
    ++s.overall.system;
    Prf& t = s.per_type[std::get<2>(c)];
    ++t.system;
    if (g.count(c)) {
      ++s.overall.correct;
      ++t.correct;
    }
  }
  return s;
}

std::vector<std::string> MentionTags(const Doc& doc) {
  std::vector<std::string> tags(doc.tokens.size(), "O");
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kName) continue;
    for (uint32_t t = m.token_begin; t < m.token_end && t < tags.size(); ++t) {
      tags[t] = (t == m.token_begin ? "B-" : "I-") + m.type;
    }
  }
  return tags;
}

bool ScoreDocs(const std::vector<Doc>& gold, const std::vector<Doc>& system, NerScores* out,
               std::string* error) {
  std::vector<std::string> g, y;
  for (const Doc& d : gold) {
    for (auto& t : MentionTags(d)) g.push_back(std::move(t));
  }
  for (const Doc& d : system) {
    for (auto& t : MentionTags(d)) y.push_back(std::move(t));
  }
  if (g.size() != y.size()) {
    if (error) {
      *error = "token count differs: gold " + std::to_string(g.size()) + ", system " +
               std::to_string(y.size());
    }
    return false;
  }
  *out = ScoreTags(g, y);
  return true;
}

std::string FormatNerScores(const NerScores& s) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
                s.tokens, s.overall.gold, s.overall.system, s.overall.correct);
  out += buf;
  std::snprintf(buf, sizeof buf, "%-8s %9s %9s %9s %7s %7s %7s\n", "Type", "Precision", "Recall",
                "F1", "Gold", "System", "Correct");
  out += buf;
  auto row = [&](const std::string& name, const Prf& p) {
    std::snprintf(buf, sizeof buf, "%-8s %9.2f %9.2f %9.2f %7zu %7zu %7zu\n", name.c_str(), p.P(),
                  p.R(), p.F1(), p.gold, p.system, p.correct);
    out += buf;
  };
  row("overall", s.overall);
  for (const char* t : {"PER", "ORG", "LOC", "MISC"}) {
    auto it = s.per_type.find(t);
    row(t, it == s.per_type.end() ? Prf{} : it->second);
  }
  for (const auto& [t, p] : s.per_type) {
    if (t != "PER" && t != "ORG" && t != "LOC" && t != "MISC") row(t, p);
  }
  return out;
}

}  // namespace kroniek::ner
