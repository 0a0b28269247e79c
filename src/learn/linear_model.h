// Multiclass linear models over sparse hashed features: the learning core shared by the
// tagger, the lemmatizer and (later) the parser and the NER labeller.
//
// PerceptronTrainer learns an averaged perceptron (Collins 2002; Freund & Schapire's averaging
// with lazy time stamps): Score with the current weights, Update when the guess is wrong, call
// NextExample once per example, and Average() at the end (or after each epoch, to evaluate).
// Weights are stored sparsely per feature, so a feature only holds the classes it was ever
// updated for.
//
// LinearModel is the frozen result: averaged weights in flat arrays with an open-addressing
// index, immutable and safe to share between threads. Its serialised form (a model file
// section, see model_file.h and docs/formats/model-file.md) IS that in-memory layout, so a
// model loads from a memory-mapped file without copying or re-hashing: the section is checked
// once (every offset bounds-checked) and then used in place. The older compact layout (varint
// columns, format version 1 files) is still read, and then the index is built at load.
//
// A feature key is any 64-bit value (features.h makes them). Key 0 is reserved and is mapped
// to 1 by both classes, so callers need not care.
//
// Later stages that want a small dense model (embeddings + a hidden layer) can store it as
// further sections of the same model file and sum its scores with a LinearModel's.
#ifndef KRONIEK_LEARN_LINEAR_MODEL_H_
#define KRONIEK_LEARN_LINEAR_MODEL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kroniek::learn {

class LinearModel {
 public:
  LinearModel() = default;

  uint32_t num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_weights() const { return num_weights_; }

  // Adds each feature's class weights to scores[0, num_classes). Unknown features add nothing.
  void AddScores(std::span<const uint64_t> keys, float* scores) const;

  // The class with the highest score among scores[0, num_classes); ties go to the lower id.
  static uint32_t ArgMax(const float* scores, uint32_t n);

  // The binary form for a model file section: the in-memory layout itself (store the section
  // uncompressed, SectionCodec::kStored, so that it can be mapped).
  std::string Serialize() const;
  // The compact layout of format version 1 files (varint columns; smaller, but it needs an
  // index built at load). Rows come in key order.
  std::string SerializeCompact() const;
  // Reads either layout. Returns false when the bytes are not a whole, well-formed model (they
  // must be consumed exactly). The in-memory layout is used in place, without a copy, when
  // `owner` keeps the bytes alive (ModelReader::owner()) and they are 8-byte aligned;
  // otherwise it is copied.
  static bool Deserialize(std::string_view bytes, LinearModel* out,
                          std::shared_ptr<const void> owner = nullptr);

  // The mean of models with the same number of classes (a feature missing from a model counts
  // as weight 0 there): parameter mixing of models trained on different shuffles.
  static LinearModel Mean(const std::vector<const LinearModel*>& models);

  // Builds a model from rows: keys[i] has classes/weights in [row_begin[i], row_begin[i+1]).
  // Keys must be distinct and non-zero. Used by the trainer and by Deserialize.
  static LinearModel FromRows(uint32_t num_classes, std::vector<uint64_t> keys,
                              std::vector<uint32_t> row_begin, std::vector<uint16_t> classes,
                              std::vector<float> weights);

 private:
  struct Slot {
    uint64_t key;    // 0 = empty
    uint32_t begin;  // into entries_, or into dense_ when end == kDense
    uint32_t end;
  };
  static constexpr uint32_t kDense = 0xffffffffu;
  struct Entry {  // 6 bytes, 2-byte aligned
    uint16_t cls;
    unsigned char weight[4];  // f32, little-endian
  };
  // Builds the layout from rows (in `keys` order); false when a key occurs twice.
  static bool Build(uint32_t num_classes, const std::vector<uint64_t>& keys,
                    const std::vector<uint32_t>& row_begin, const std::vector<uint16_t>& classes,
                    const std::vector<float>& weights, LinearModel* out);
  // Points the model at a layout image; with `check`, every field and offset is verified.
  bool Attach(std::string_view image, std::shared_ptr<const void> owner, bool check);
  // Calls f(key, classes, weights, n) per row, in key order.
  template <typename F>
  void ForEachRow(F&& f) const;

  uint32_t num_classes_ = 0;
  uint64_t num_features_ = 0;
  uint64_t num_weights_ = 0;
  std::string_view image_;  // the serialised layout, owned by owner_
  const Slot* slots_ = nullptr;
  uint64_t num_slots_ = 0;
  const Entry* entries_ = nullptr;
  // Rows with many classes (the bias, the previous-label features, ...) are kept dense, so
  // that adding them is a vectorised loop instead of a scatter.
  const float* dense_ = nullptr;
  std::shared_ptr<const void> owner_;
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(uint32_t num_classes) : num_classes_(num_classes) {}

  uint32_t num_classes() const { return num_classes_; }
  size_t num_features() const { return rows_.size(); }

  // Adds the current (not averaged) weights of `keys` to scores[0, num_classes).
  void AddScores(std::span<const uint64_t> keys, float* scores) const;
  // Perceptron update: +step for `gold`, -step for `guess` on every key. No-op when equal.
  void Update(std::span<const uint64_t> keys, uint32_t gold, uint32_t guess, float step = 1.0f);
  // Adds `delta` to class `cls` of every key: for structured updates whose gold and guessed
  // parts have different features (e.g. label transitions in a sequence model).
  void Add(std::span<const uint64_t> keys, uint32_t cls, float delta);
  // Marks the end of one training example (the clock for averaging).
  void NextExample() { ++now_; }

  // The averaged model. Weights whose absolute value is below `min_abs_weight` are dropped,
  // and features left with no weight at all.
  LinearModel Average(float min_abs_weight = 0.0f) const;

 private:
  struct Entry {
    uint32_t cls;
    float weight;
    double total;    // sum of the weight over time up to `stamp`
    uint64_t stamp;  // the clock when `total` was last brought up to date
  };
  void Bump(uint64_t key, uint32_t cls, float delta);

  uint32_t num_classes_;
  uint64_t now_ = 0;
  std::unordered_map<uint64_t, std::vector<Entry>> rows_;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_LINEAR_MODEL_H_
