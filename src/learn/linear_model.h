// Multiclass linear models over sparse hashed features: the learning core shared by the
// tagger, the lemmatizer and (later) the parser and the NER labeller.
//
// PerceptronTrainer learns an averaged perceptron (Collins 2002; Freund & Schapire's averaging
// with lazy time stamps): Score with the current weights, Update when the guess is wrong, call
// NextExample once per example, and Average() at the end (or after each epoch, to evaluate).
// Weights are stored sparsely per feature, so a feature only holds the classes it was ever
// updated for.
//
// LinearModel is the frozen result: averaged weights in flat arrays with a bucketed hash index,
// immutable and safe to share between threads. Its serialised form (a model file section, see
// model_file.h and docs/formats/model-file.md) IS that in-memory layout, so a model loads from
// a memory-mapped file without copying or re-hashing: the section is checked once (every offset
// bounds-checked) and then used in place. Sparse weights are stored as fixed-point integers
// packed with their class in 32 bits (one power-of-two scale per model, at least 16 and up to
// 24 significant bits: the error of a weight is at most half the scale); dense rows stay f32.
// Older layouts are still read, and converted at load: the first in-memory layout (16-byte
// slots, f32 entries) and the compact one of format version 1 (varint columns).
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
  // uncompressed, SectionCodec::kStored, so that it can be mapped). A model loaded from an
  // older layout is written in the current one.
  std::string Serialize() const;
  // The compact layout of format version 1 files (varint columns; smaller, but it needs an
  // index built at load). Rows come in key order.
  std::string SerializeCompact() const;
  // Reads any layout. Returns false when the bytes are not a whole, well-formed model (they
  // must be consumed exactly). The current in-memory layout is used in place, without a copy,
  // when `owner` keeps the bytes alive (ModelReader::owner()) and they are 8-byte aligned;
  // otherwise it is copied. Older layouts are converted (their weights quantised).
  static bool Deserialize(std::string_view bytes, LinearModel* out,
                          std::shared_ptr<const void> owner = nullptr);

  // The mean of models with the same number of classes (a feature missing from a model counts
  // as weight 0 there): parameter mixing of models trained on different shuffles.
  static LinearModel Mean(const std::vector<const LinearModel*>& models);

  // Builds a model from rows: keys[i] has classes/weights in [row_begin[i], row_begin[i+1]).
  // Keys must be distinct and non-zero. Used by the trainer and by Deserialize. Sparse weights
  // are quantised (see above); those that round to 0 are dropped, and rows left empty.
  static LinearModel FromRows(uint32_t num_classes, std::vector<uint64_t> keys,
                              std::vector<uint32_t> row_begin, std::vector<uint16_t> classes,
                              std::vector<float> weights);

 private:
  // Builds the layout from rows (in any key order); false when a key occurs twice or is 0.
  static bool Build(uint32_t num_classes, const std::vector<uint64_t>& keys,
                    const std::vector<uint32_t>& row_begin, const std::vector<uint16_t>& classes,
                    const std::vector<float>& weights, LinearModel* out);
  // Points the model at a layout image; with `check`, every field and offset is verified.
  bool Attach(std::string_view image, std::shared_ptr<const void> owner, bool check);
  // Calls f(key, classes, weights) per row, in key order.
  template <typename F>
  void ForEachRow(F&& f) const;

  uint32_t num_classes_ = 0;
  uint64_t num_features_ = 0;
  uint64_t num_weights_ = 0;
  std::string_view image_;  // the serialised layout, owned by owner_
  // Keys are sorted by bucket: bucket b's rows are records [starts_[b], starts_[b + 1]).
  const uint32_t* starts_ = nullptr;
  int bucket_shift_ = 63;
  // F + 1 records of 12 bytes (u64 key, u32 begin): row i is entries [begin(i), begin(i + 1)).
  const char* records_ = nullptr;
  // Packed sparse entries: the class in the low class_bits_ bits, a signed fixed-point weight
  // (times scale_) in the others. A row that starts with the marker class_mask_ (weight 0) is
  // a dense row: C f32 follow. Rows with many classes (the bias, the previous-label features,
  // ...) are kept dense (exact), so that adding them is a vectorised loop, not a scatter.
  const uint32_t* entries_ = nullptr;
  uint32_t class_bits_ = 1;
  uint32_t class_mask_ = 1;
  float scale_ = 1.0f;
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
