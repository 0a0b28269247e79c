#include "ner/gazetteer.h"

#include <algorithm>

#include "learn/bytes.h"
#include "ner/clusters.h"
#include "tag/text.h"

namespace kroniek::ner {

uint32_t Gazetteer::AddCategory(std::string name) {
  categories_.push_back(std::move(name));
  return static_cast<uint32_t>(categories_.size() - 1);
}

void Gazetteer::Add(std::string_view name, uint32_t category) {
  // Normalise the white space: tokens joined by single spaces.
  std::string joined;
  std::vector<size_t> ends;  // end of each token in `joined`
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && (name[i] == ' ' || name[i] == '\t' || name[i] == '\r')) ++i;
    size_t b = i;
    while (i < name.size() && name[i] != ' ' && name[i] != '\t' && name[i] != '\r') ++i;
    if (i > b) {
      if (!joined.empty()) joined.push_back(' ');
      joined.append(name.substr(b, i - b));
      ends.push_back(joined.size());
    }
  }
  if (ends.empty() || ends.size() > kMaxTokens || category >= kMaxCategories) return;
  if (frozen_) {  // back to a mutable map
    for (const auto& [h, m] : SortedEntries()) names_[h] = m;
    table_ = learn::FlatTable<uint32_t>();
    frozen_ = false;
  }
  for (size_t k = 0; k + 1 < ends.size(); ++k) {
    names_[HashWord(std::string_view(joined).substr(0, ends[k]))] |= kPrefixBit;
  }
  names_[HashWord(joined)] |= 1u << category;
}

size_t Gazetteer::AddList(uint32_t category, std::string_view text) {
  size_t n = 0, pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    Add(line, category);
    ++n;
  }
  return n;
}

uint32_t Gazetteer::Lookup(uint64_t hash) const {
  const uint32_t* m = frozen_ ? table_.find(hash) : names_.find(hash);
  return m ? *m : 0;
}

uint32_t Gazetteer::WordCategories(std::string_view word) const {
  uint32_t m = Lookup(HashWord(word)) & ~kPrefixBit;
  if (m == 0 && word.size() > 1 && tag::AllUpper(word)) {
    m = Lookup(HashWord(tag::UpperFirst(tag::Lower(word)))) & ~kPrefixBit;
  }
  return m;
}

void Gazetteer::Match(const std::vector<std::string_view>& words, std::vector<uint32_t>* codes,
                      const KeepFn* keep) const {
  const size_t n = words.size();
  codes->assign(n, 0);
  if (empty()) return;
  const uint32_t nc = static_cast<uint32_t>(categories_.size());
  // longest[c] = end of the longest match of category c starting at the current token.
  std::vector<std::vector<uint32_t>> longest(nc, std::vector<uint32_t>(n, 0));
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s.assign(words[i]);
    for (size_t e = i + 1; e <= n && e - i <= kMaxTokens; ++e) {
      uint32_t m = Lookup(HashWord(s));
      if (e == i + 1 && (m & ~kPrefixBit) == 0 && words[i].size() > 1 && tag::AllUpper(words[i])) {
        m |= Lookup(HashWord(tag::UpperFirst(tag::Lower(words[i])))) & ~kPrefixBit;
      }
      for (uint32_t c = 0; c < nc; ++c) {
        if ((m >> c) & 1) longest[c][i] = static_cast<uint32_t>(e);
      }
      if (!(m & kPrefixBit) || e == n) break;
      s.push_back(' ');
      s.append(words[e]);
    }
  }
  for (uint32_t c = 0; c < nc; ++c) {
    for (size_t i = 0; i < n;) {
      size_t e = longest[c][i];
      if (e == 0 || (keep && !(*keep)(i, e, c))) {
        ++i;
        continue;
      }
      for (size_t t = i; t < e; ++t) {
        uint32_t code = e - i == 1 ? 4 : t == i ? 1 : t + 1 == e ? 3 : 2;
        (*codes)[t] |= code << (3 * c);
      }
      i = e;
    }
  }
}

std::vector<std::pair<uint64_t, uint32_t>> Gazetteer::SortedEntries() const {
  if (!frozen_) return names_.SortedEntries();
  std::vector<std::pair<uint64_t, uint32_t>> v;
  v.reserve(table_.size());
  for (size_t i = 0; i < table_.size(); ++i) v.emplace_back(table_.keys()[i], table_.values()[i]);
  std::sort(v.begin(), v.end());
  return v;
}

std::string Gazetteer::Serialize() const {
  learn::ByteWriter w;
  w.Var(categories_.size());
  for (const auto& c : categories_) w.Str(c);
  std::string out = w.Take();
  out.resize((out.size() + 7) / 8 * 8, '\0');
  if (frozen_) {
    table_.AppendTo(&out);
  } else {
    learn::FlatTable<uint32_t>::Build(names_.SortedEntries()).AppendTo(&out);
  }
  return out;
}

bool Gazetteer::Deserialize(std::string_view bytes, Gazetteer* out,
                            std::shared_ptr<const void> owner) {
  learn::ByteReader r(bytes);
  Gazetteer g;
  uint64_t nc = r.Count(1);
  if (nc > kMaxCategories) return false;
  for (uint64_t i = 0; i < nc && r.ok(); ++i) g.categories_.emplace_back(r.Str());
  if (!r.ok()) return false;
  size_t pos = r.pos();
  std::string_view pad = bytes.substr(pos, (8 - pos % 8) % 8);
  if (pad.size() != (8 - pos % 8) % 8 || pad.find_first_not_of('\0') != std::string_view::npos) {
    return false;
  }
  pos += pad.size();
  if (!learn::FlatTable<uint32_t>::ReadFrom(bytes, &pos, &g.table_, std::move(owner)) ||
      pos != bytes.size()) {
    return false;
  }
  uint32_t bad = 0;
  for (uint32_t m : g.table_.values()) bad |= (m & ~kPrefixBit) >> nc;
  if (bad != 0) return false;
  g.frozen_ = true;
  *out = std::move(g);
  return true;
}

std::string Gazetteer::SerializeCompact() const {
  learn::ByteWriter w;
  w.Var(categories_.size());
  for (const auto& c : categories_) w.Str(c);
  std::vector<std::pair<uint64_t, uint32_t>> v = SortedEntries();
  w.Var(v.size());
  uint64_t prev = 0;
  for (const auto& [h, m] : v) {
    w.U64(h - prev);  // sorted: store differences (they compress a little better)
    prev = h;
  }
  for (const auto& [h, m] : v) w.Var(m);
  return w.Take();
}

bool Gazetteer::DeserializeCompact(std::string_view bytes, Gazetteer* out) {
  learn::ByteReader r(bytes);
  Gazetteer g;
  uint64_t nc = r.Count(1);
  if (nc > kMaxCategories) return false;
  for (uint64_t i = 0; i < nc && r.ok(); ++i) g.categories_.emplace_back(r.Str());
  uint64_t n = r.Count(9);
  std::vector<uint64_t> hashes(n);
  uint64_t prev = 0;
  for (auto& h : hashes) {
    h = prev + r.U64();
    prev = h;
  }
  if (!r.ok()) return false;
  g.names_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t m = r.Var();
    if (m > 0xffffffffu || ((m & ~(1ull << 31)) >> nc) != 0) return false;
    g.names_[hashes[i]] = static_cast<uint32_t>(m);
  }
  if (!r.ok() || !r.AtEnd()) return false;
  *out = std::move(g);
  return true;
}

}  // namespace kroniek::ner
