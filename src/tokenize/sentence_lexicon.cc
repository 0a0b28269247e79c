#include "tokenize/sentence_lexicon.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>

#include "learn/bytes.h"

namespace kroniek::tok {
namespace {

// A token that is a word: it starts with a letter (any non-ASCII lead byte counts as one).
bool IsWordForm(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

bool IsNumberForm(std::string_view t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; }

uint32_t Pack(const LexCode& c) {
  return uint32_t{c.start} | uint32_t{c.mid} << 3 | uint32_t{c.end} << 6 | uint32_t{c.total} << 9 |
         uint32_t{c.first} << 12 | uint32_t{c.last} << 15;
}

LexCode Unpack(uint32_t v) {
  LexCode c;
  c.start = v & 7;
  c.mid = (v >> 3) & 7;
  c.end = (v >> 6) & 7;
  c.total = (v >> 9) & 7;
  c.first = (v >> 12) & 7;
  c.last = (v >> 15) & 7;
  return c;
}

inline uint32_t SlotOf(uint32_t key, uint32_t mask) { return (key * 0x9E3779B1u) >> 7 & mask; }

}  // namespace

uint8_t SentenceLexicon::Bucket(uint64_t count) {
  return static_cast<uint8_t>(std::min<int>(7, std::bit_width(count)));
}

uint32_t SentenceLexicon::KeyOf(std::string_view form) {
  uint32_t k = static_cast<uint32_t>(XXH3_64bits(form.data(), form.size()) >> 32);
  return k == 0 ? 1 : k;
}

void SentenceLexicon::Count(const std::vector<std::string>& tokens) {
  size_t first = tokens.size(), last = tokens.size();
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (!IsWordForm(tokens[k])) continue;
    if (first == tokens.size()) first = k;
    last = k;
  }
  if (first == tokens.size()) return;
  // The last word ends the sentence when only punctuation follows it.
  bool ends = true;
  for (size_t k = last + 1; k < tokens.size(); ++k) {
    if (IsWordForm(tokens[k]) || IsNumberForm(tokens[k])) ends = false;
  }
  for (size_t k = first; k < tokens.size(); ++k) {
    const std::string& t = tokens[k];
    if (!IsWordForm(t)) continue;
    Counts& c = pending_[t];
    ++c.total;
    if (k == first) ++c.start;
    if (k > first) {
      const std::string& p = tokens[k - 1];
      if (IsWordForm(p) || IsNumberForm(p) || p == ",") ++c.mid;
    }
    if (k == last && ends) ++c.end;
  }
}

void SentenceLexicon::CountName(const std::vector<std::string>& words) {
  if (words.size() < 2) return;
  // The first word unless it is a particle (van, de); the last word.
  if (!words.front().empty() && !(words.front()[0] >= 'a' && words.front()[0] <= 'z')) {
    ++pending_[words.front()].first;
  }
  ++pending_[words.back()].last;
}

void SentenceLexicon::Finish(uint32_t min_total) {
  std::vector<std::pair<uint32_t, uint32_t>> entries;
  for (const auto& [form, c] : pending_) {
    if (c.total < min_total && c.first + c.last < min_total) continue;
    LexCode code{Bucket(c.start), Bucket(c.mid),   Bucket(c.end),
                 Bucket(c.total), Bucket(c.first), Bucket(c.last)};
    entries.emplace_back(KeyOf(form), Pack(code));
  }
  pending_.clear();
  std::sort(entries.begin(), entries.end());
  // Two forms with one key (rare): keep the first.
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                entries.end());
  Build(std::move(entries));
}

void SentenceLexicon::Build(std::vector<std::pair<uint32_t, uint32_t>> entries) {
  uint32_t cap = 16;
  while (cap < entries.size() * 2) cap <<= 1;
  keys_.assign(cap, 0);
  codes_.assign(cap, 0);
  mask_ = cap - 1;
  count_ = entries.size();
  for (const auto& [k, v] : entries) {
    uint32_t s = SlotOf(k, mask_);
    while (keys_[s] != 0) s = (s + 1) & mask_;
    keys_[s] = k;
    codes_[s] = v;
  }
}

LexCode SentenceLexicon::Find(std::string_view form) const {
  if (count_ == 0) return LexCode();
  const uint32_t k = KeyOf(form);
  uint32_t s = SlotOf(k, mask_);
  while (true) {
    if (keys_[s] == k) return Unpack(codes_[s]);
    if (keys_[s] == 0) return LexCode();
    s = (s + 1) & mask_;
  }
}

std::string SentenceLexicon::Serialize() const {
  // Layout: varint count; the keys in ascending order as varint deltas; a varint code per key.
  std::vector<std::pair<uint32_t, uint32_t>> entries;
  entries.reserve(count_);
  for (size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] != 0) entries.emplace_back(keys_[s], codes_[s]);
  }
  std::sort(entries.begin(), entries.end());
  learn::ByteWriter w;
  w.Var(entries.size());
  uint32_t prev = 0;
  for (const auto& [k, v] : entries) {
    w.Var(k - prev);
    prev = k;
  }
  for (const auto& [k, v] : entries) w.Var(v);
  return w.Take();
}

bool SentenceLexicon::Deserialize(std::string_view bytes, SentenceLexicon* out) {
  learn::ByteReader r(bytes);
  const uint64_t n = r.Count(2);  // a delta byte and a code byte at least
  if (!r.ok()) return false;
  std::vector<std::pair<uint32_t, uint32_t>> entries(n);
  uint64_t key = 0;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const uint64_t d = r.Var();
    key += d;
    if (d == 0 || key > 0xffffffffu) return false;  // ascending, non-zero, 32 bits
    entries[i].first = static_cast<uint32_t>(key);
  }
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const uint64_t code = r.Var();
    if (code >> 18) return false;
    entries[i].second = static_cast<uint32_t>(code);
  }
  if (!r.ok() || !r.AtEnd()) return false;
  out->pending_.clear();
  out->Build(std::move(entries));
  return true;
}

}  // namespace kroniek::tok
