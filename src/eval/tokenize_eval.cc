#include "eval/tokenize_eval.h"

#include <cstdio>
#include <string_view>
#include <utility>

#include "base/errors.h"
#include "base/json_util.h"
#include "tokenize/char_class.h"

namespace kroniek {
namespace {

// Character spans over the non-space code points of the texts, for every token and sentence.
struct Spans {
  std::vector<std::pair<uint64_t, uint64_t>> tokens;
  std::vector<std::pair<uint64_t, uint64_t>> sentences;
  uint64_t chars = 0;
};

// Counts the non-space code points of s.
uint64_t NonSpaceLength(std::string_view s) {
  uint64_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      if (!tok::IsSpace(ch)) ++n;
      ++i;
    } else {
      size_t len;
      if (!tok::IsSpace(tok::DecodeAt(s, i, &len))) ++n;
      i += len;
    }
  }
  return n;
}

void AddDoc(const Doc& doc, Spans* out) {
  // Sentences refer to token indexes; compute token spans first.
  const size_t first = out->tokens.size();
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    uint64_t len = NonSpaceLength(doc.TokenText(t));
    out->tokens.emplace_back(out->chars, out->chars + len);
    out->chars += len;
  }
  for (const Sentence& s : doc.sentences) {
    if (s.token_end <= s.token_begin || s.token_end > doc.tokens.size()) continue;
    out->sentences.emplace_back(out->tokens[first + s.token_begin].first,
                                out->tokens[first + s.token_end - 1].second);
  }
}

// Number of spans in both sorted lists.
size_t CountMatches(const std::vector<std::pair<uint64_t, uint64_t>>& a,
                    const std::vector<std::pair<uint64_t, uint64_t>>& b) {
  size_t i = 0, j = 0, m = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++m;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return m;
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

}  // namespace

std::string JoinedSentenceText(const std::vector<Doc>& gold, std::string_view separator) {
  std::string out;
  for (const Doc& doc : gold) {
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& s = doc.sentences[i];
      for (uint32_t t = s.token_begin; t < s.token_end && t < doc.tokens.size(); ++t) {
        if (!out.empty()) {
          if (t == s.token_begin) {
            out.append(separator);
          } else if (doc.space_after.size() != doc.tokens.size() || doc.space_after[t - 1]) {
            out.push_back(' ');
          }
        }
        out.append(doc.TokenText(t));
      }
    }
  }
  return out;
}

Result<TokenizeScore> ScoreTokenization(const std::vector<Doc>& gold, const Doc& system) {
  Spans g, s;
  for (const Doc& d : gold) AddDoc(d, &g);
  AddDoc(system, &s);
  if (g.chars != s.chars) {
    return InvalidInput(ErrorId::kBadGold, "the system text has " + std::to_string(s.chars) +
                                               " non-space characters and the gold " +
                                               std::to_string(g.chars) +
                                               ": they are not the same text");
  }
  TokenizeScore score;
  score.tokens.gold = g.tokens.size();
  score.tokens.system = s.tokens.size();
  score.tokens.matched = CountMatches(g.tokens, s.tokens);
  score.sentences.gold = g.sentences.size();
  score.sentences.system = s.sentences.size();
  score.sentences.matched = CountMatches(g.sentences, s.sentences);
  return score;
}

std::string FormatTokenizeScore(const TokenizeScore& score, const std::string& name, bool json) {
  auto part = [&](const PrecisionRecall& pr) {
    return "{\"gold\": " + std::to_string(pr.gold) + ", \"system\": " + std::to_string(pr.system) +
           ", \"matched\": " + std::to_string(pr.matched) +
           ", \"precision\": " + Fixed(100 * pr.Precision()) +
           ", \"recall\": " + Fixed(100 * pr.Recall()) + ", \"f1\": " + Fixed(100 * pr.F1()) + "}";
  };
  if (json) {
    std::string out = "{\"gold\": ";
    json::AppendString(name, &out);
    out +=
        ", \"tokens\": " + part(score.tokens) + ", \"sentences\": " + part(score.sentences) + "}\n";
    return out;
  }
  auto line = [&](const char* label, const PrecisionRecall& pr) {
    char buf[200];
    std::snprintf(buf, sizeof(buf),
                  "%-10s F1 %6.2f   precision %6.2f   recall %6.2f   (gold %zu, system %zu, "
                  "matched %zu)\n",
                  label, 100 * pr.F1(), 100 * pr.Precision(), 100 * pr.Recall(), pr.gold, pr.system,
                  pr.matched);
    return std::string(buf);
  };
  return "gold: " + name + "\n" + line("Tokens", score.tokens) + line("Sentences", score.sentences);
}

}  // namespace kroniek
