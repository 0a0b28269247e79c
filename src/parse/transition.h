// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root
// token at the end of the buffer, its dynamic oracle (Goldberg & Nivre 2013), and
// pseudo-projective lifting (Nivre & Nilsson 2005, "head" label encoding) that lets the
// projective system learn and output non-projective UD trees.
//
// A configuration has a stack, a buffer [b, n] (n = the artificial root) and the arcs made so
// far. Moves:
//   SHIFT        push b0 (never the root)
//   LEFT(l)      s0 gets head b0 with label l, pop s0 (to the root only when s0 is alone, so
//                every sentence has exactly one root)
//   RIGHT(l)     s0 gets head s1 with label l, pop s0
// The parse ends when the stack is empty and only the root is left in the buffer. Every
// sequence of valid moves ends in a well-formed tree (one root, no cycles), whatever the
// scores, so a parse is always a tree.
//
// Classes of the classifier: 0 = SHIFT, 1 + 2l = LEFT(l), 2 + 2l = RIGHT(l).
#ifndef KRONIEK_PARSE_TRANSITION_H_
#define KRONIEK_PARSE_TRANSITION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kroniek::parse {

enum Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };

inline uint32_t ClassOf(Move m, uint32_t label) {
  return m == kShift ? 0 : (m == kLeft ? 1 + 2 * label : 2 + 2 * label);
}
inline Move MoveOf(uint32_t cls) { return cls == 0 ? kShift : (cls % 2 == 1 ? kLeft : kRight); }
inline uint32_t LabelOf(uint32_t cls) { return cls == 0 ? 0 : (cls - 1) / 2; }

class Config {
 public:
  // Starts a sentence of n words (the root is word n).
  void Init(int n);

  int n() const { return n_; }
  int b() const { return b_; }  // first word of the buffer (n when only the root is left)
  const std::vector<int>& stack() const { return stack_; }
  // The i-th stack item from the top (0 = s0), or -1.
  int S(size_t i) const { return i < stack_.size() ? stack_[stack_.size() - 1 - i] : -1; }
  // The i-th buffer item (0 = b0), n for the root, or -1 past it.
  int B(int i) const { return b_ + i <= n_ ? b_ + i : -1; }

  bool CanShift() const { return b_ < n_; }
  bool CanLeft() const { return !stack_.empty() && (b_ < n_ || stack_.size() == 1); }
  bool CanRight() const { return stack_.size() >= 2; }
  bool Can(Move m) const {
    return m == kShift ? CanShift() : (m == kLeft ? CanLeft() : CanRight());
  }
  bool Terminal() const { return stack_.empty() && b_ == n_; }
  void Apply(Move m, uint32_t label);

  // Arcs and children made so far. head -1 while unattached; the root word's head is n.
  int head(int i) const { return head_[i]; }
  uint32_t label(int i) const { return label_[i]; }
  // Leftmost / second leftmost / rightmost / second rightmost dependent, -1 when none.
  int L1(int i) const { return i < 0 ? -1 : l1_[i]; }
  int L2(int i) const { return i < 0 ? -1 : l2_[i]; }
  int R1(int i) const { return i < 0 ? -1 : r1_[i]; }
  int R2(int i) const { return i < 0 ? -1 : r2_[i]; }
  int LeftCount(int i) const { return i < 0 ? 0 : lcount_[i]; }
  int RightCount(int i) const { return i < 0 ? 0 : rcount_[i]; }
  // Bit sets of the labels (mod 64) of the left / right dependents.
  uint64_t LeftLabels(int i) const { return i < 0 ? 0 : lset_[i]; }
  uint64_t RightLabels(int i) const { return i < 0 ? 0 : rset_[i]; }

  // Heads as 0-based indexes with -1 for the root, and labels, once Terminal().
  void Result(std::vector<int>* heads, std::vector<uint32_t>* labels) const;

 private:
  void AddArc(int h, int d, uint32_t label);
  int n_ = 0;
  int b_ = 0;
  std::vector<int> stack_;
  std::vector<int> head_;
  std::vector<uint32_t> label_;
  std::vector<int> l1_, l2_, r1_, r2_;
  std::vector<uint8_t> lcount_, rcount_;
  std::vector<uint64_t> lset_, rset_;
};

// The dynamic oracle: how many gold arcs each move makes unreachable from `c` (gold heads as
// 0-based indexes with -1 for the root; the gold tree must be projective). Labeled: a move
// that makes a gold arc with another label costs one more. `costs` gets one entry per class
// (num_labels * 2 + 1); invalid moves get a large cost.
void MoveCosts(const Config& c, const std::vector<int>& gold_head,
               const std::vector<uint32_t>& gold_label, uint32_t num_labels,
               std::vector<int>* costs);
inline constexpr int kInvalidCost = 1 << 20;

// True when the tree (0-based heads, -1 for the root) has no crossing arcs, the root's arc
// counted (an arc from the artificial root before the first word).
bool IsProjective(const std::vector<int>& head);

// Makes a tree projective by lifting non-projective arcs (the shortest first) to the head's
// head. A lifted word's label becomes "label|headlabel", headlabel being the label of its
// original head, so that Deprojectivize can find the original head again.
void Projectivize(std::vector<int>* head, std::vector<std::string>* label);
// The inverse: a word labeled "label|headlabel" is moved to the first word labeled headlabel
// found breadth-first below its head (not inside its own subtree), and keeps "label". When
// there is none it stays where it is.
void Deprojectivize(std::vector<int>* head, std::vector<std::string>* label);

// True when `head` (0-based, -1 for the root) is a tree: exactly one root, every head inside
// the sentence, no cycles.
bool IsWellFormedTree(const std::vector<int>& head);

}  // namespace kroniek::parse

#endif  // KRONIEK_PARSE_TRANSITION_H_
