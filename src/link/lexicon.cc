#include "link/lexicon.h"

#include <vector>

#include "base/embedded_data.h"
#include "base/errors.h"
#include "base/utf8.h"
#include "tag/text.h"

namespace kroniek::link {
namespace {

template <typename Fn>
Status ForEachLine(std::string_view text, std::string_view file, Fn fn) {
  size_t b = 0;
  int n = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
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
    if (!fn(cols)) {
      return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                       "link/data/" + std::string(file) + ":" + std::to_string(n) +
                           ": malformed line '" + std::string(line) + "'");
    }
  }
  return Status();
}

}  // namespace

Result<std::shared_ptr<const LinkLexicon>> LinkLexicon::FromText(std::string_view person_nouns,
                                                                 std::string_view type_nouns,
                                                                 std::string_view first_names) {
  auto lex = std::shared_ptr<LinkLexicon>(new LinkLexicon());
  KRONIEK_RETURN_IF_ERROR(
      ForEachLine(person_nouns, "person_nouns.tsv", [&](const std::vector<std::string_view>& c) {
        if (c.size() < 3) return false;
        if (c[1] != "title" && c[1] != "role" && c[1] != "relation") return false;
        lex->person_[std::string(c[0])] = Noun{std::string(c[1]), c[2] == "head"};
        return true;
      }));
  KRONIEK_RETURN_IF_ERROR(
      ForEachLine(type_nouns, "type_nouns.tsv", [&](const std::vector<std::string_view>& c) {
        if (c.size() < 3) return false;
        if (c[1] != "ORG" && c[1] != "LOC" && c[1] != "MISC" && c[1] != "GROUP") return false;
        lex->type_[std::string(c[0])] = Noun{std::string(c[1]), c[2] == "head"};
        return true;
      }));
  KRONIEK_RETURN_IF_ERROR(
      ForEachLine(first_names, "first_names.txt", [&](const std::vector<std::string_view>& c) {
        if (c[0].empty()) return false;
        lex->first_names_.insert(std::string(c[0]));
        return true;
      }));
  return std::shared_ptr<const LinkLexicon>(std::move(lex));
}

Result<std::shared_ptr<const LinkLexicon>> LinkLexicon::Load() {
  auto p = EmbeddedData("link/data/person_nouns.tsv");
  auto t = EmbeddedData("link/data/type_nouns.tsv");
  auto f = EmbeddedData("link/data/first_names.txt");
  if (!p || !t || !f) {
    return MakeError(StatusCode::kInternal, ErrorId::kInternal, "embedded link word lists missing");
  }
  return FromText(*p, *t, *f);
}

const LinkLexicon::Noun* LinkLexicon::FindNoun(const std::unordered_map<std::string, Noun>& map,
                                               const std::string& lower, std::string* head,
                                               std::string* qualifier) const {
  auto it = map.find(lower);
  if (it != map.end()) {
    *head = lower;
    qualifier->clear();
    return &it->second;
  }
  // The part after a hyphen ("NAVO-chef", "oud-premier", "NAVO-secretaris-generaal").
  for (size_t h = lower.find('-'); h != std::string::npos; h = lower.find('-', h + 1)) {
    std::string rest = lower.substr(h + 1);
    auto r = map.find(rest);
    if (r != map.end()) {
      *head = rest;
      *qualifier = lower.substr(0, h);
      return &r->second;
    }
  }
  // A closed compound ("defensieleider", "kledingketen"): the longest listed head noun at the
  // end, leaving at least three letters before it.
  for (size_t i = 3; i + 3 <= lower.size(); ++i) {
    if (!utf8::IsBoundary(lower, i)) continue;
    auto r = map.find(lower.substr(i));
    if (r != map.end() && r->second.head) {
      *head = lower.substr(i);
      *qualifier = lower.substr(0, i);
      return &r->second;
    }
  }
  return nullptr;
}

PersonNoun LinkLexicon::Person(std::string_view word) const {
  PersonNoun out;
  std::string lower = tag::Lower(word);
  std::string head, qualifier;
  const Noun* n = FindNoun(person_, lower, &head, &qualifier);
  if (!n) return out;
  out.cls = n->value == "title"  ? PersonNounClass::kTitle
            : n->value == "role" ? PersonNounClass::kRole
                                 : PersonNounClass::kRelation;
  out.head = head;
  // Keep the qualifier as written ("NAVO" of "NAVO-chef").
  if (!qualifier.empty()) out.qualifier = std::string(word.substr(0, qualifier.size()));
  return out;
}

std::string_view LinkLexicon::TypeOf(std::string_view word) const {
  std::string lower = tag::Lower(word);
  std::string head, qualifier;
  const Noun* n = FindNoun(type_, lower, &head, &qualifier);
  return n ? std::string_view(n->value) : std::string_view();
}

}  // namespace kroniek::link
