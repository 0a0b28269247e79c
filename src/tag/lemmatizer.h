// The lemmatizer: UD Dutch lemmas in the Alpino/Lassy treebanks' style (compound parts and
// separable-verb particles joined by "_": rente_grondslag, mee_nemen).
//
// For a token with its predicted XPOS and UPOS it tries, in order:
//   1. the lexicon learned from the training data: (form, XPOS) -> lemma, then the lower-cased
//      form (sentence-initial capitals);
//   2. hyphenated nouns, adjectives and verbs: the parts joined by "_", the last one lemmatised;
//   3. separable verbs: a particle learned from the training lemmas (af, mee, op, ...) plus a
//      known verb form (afgelopen -> af + gelopen -> af_lopen);
//   4. compounds: a known stem, an optional linking s/en/e, and a known head word with the same
//      XPOS (inkomstenbronnen -> inkomst + bronnen -> inkomst_bron);
//   5. an edit script (case change, "ge-" prefix removal, suffix replacement) chosen by an
//      averaged perceptron over suffix, prefix, shape and tag features (learn/linear_model.h).
//
// Then, per sentence, a separated particle ("spoorde haar aan", "om op te stappen") is joined to
// its verb's lemma (aan_sporen, op_stappen) when the training data shows the particle is often
// separated and the particle verb exists; the lexicon itself keeps verbs without the separated
// particles they had in the training sentences.
//
// Model file: stage "lemmatizer", feature set "lemmatizer.v1"; sections LEXI (lexicon), STEM
// (compound stems and particles), PART (separable particles and particle verbs), SCRP (edit
// scripts), LINM (weights).
#ifndef KRONIEK_TAG_LEMMATIZER_H_
#define KRONIEK_TAG_LEMMATIZER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "learn/string_map.h"
#include "tag/corpus.h"
#include "tag/tagger.h"

namespace kroniek::tag {

inline constexpr char kLemmatizerStage[] = "lemmatizer";
inline constexpr char kLemmatizerFeatureSet[] = "lemmatizer.v1";

// An edit script turning a form into its lemma: optional lower-casing, removal of a prefix of
// `strip_prefix` bytes (the participle's "ge"), removal of `cut` bytes at the end and `append`.
struct EditScript {
  char lower = '=';  // '=' keep, 'f' lower-case the first letter, 'a' lower-case all
  uint32_t strip_prefix = 0;
  uint32_t cut = 0;
  std::string append;

  std::string Encode() const;
  static bool Decode(std::string_view s, EditScript* out);
  // The script that turns `form` into `lemma` (lemma without "_").
  static EditScript Between(std::string_view form, std::string_view lemma);
  // Applies the script; false when it does not fit the form.
  bool Apply(std::string_view form, std::string* lemma) const;
};

class Lemmatizer {
 public:
  static Result<std::shared_ptr<const Lemmatizer>> Load(const std::string& path);
  static Result<std::shared_ptr<const Lemmatizer>> FromModel(const learn::ModelReader& model);

  // The lemma of one word, without the sentence (no separated particles).
  std::string Lemmatize(std::string_view form, std::string_view upos, std::string_view xpos) const;
  // The lemmas of a sentence's words.
  void LemmatizeSentence(const std::vector<std::string_view>& forms,
                         const std::vector<std::string_view>& upos,
                         const std::vector<std::string_view>& xpos,
                         std::vector<std::string>* lemmas) const;
  // Fills the lemma layer; needs upos and xpos.
  void Lemmatize(Doc& doc) const;

  // Writes the sections of format version 2 (LEMF, SCRP, LINM; used in place when loaded).
  void Save(learn::ModelWriter* w) const;
  // Writes the compact sections of format version 1 (LEXI, STEM, PART, SCRP, LINM).
  void SaveCompact(learn::ModelWriter* w) const;

 private:
  friend class LemmatizerTrainer;
  Lemmatizer() = default;
  std::optional<std::string_view> Lookup(std::string_view form, std::string_view xpos) const;
  bool Compound(std::string_view form, std::string_view upos, std::string_view xpos,
                std::string* out) const;
  std::string Classify(std::string_view form, std::string_view upos, std::string_view xpos) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // The word lists are flat string maps (learn/string_map.h), used in place from the model file.
  learn::StringMap lexicon_;            // "form\txpos" -> lemma
  learn::StringMap stems_;              // lower-cased compound parts (a set)
  std::vector<std::string> particles_;  // longest first
  learn::StringMap verb_forms_;         // verb form (any tense) -> lemma
  std::unordered_map<std::string, float, Hash, std::equal_to<>> particle_rate_;  // "form\txpos"
  learn::StringMap particle_verbs_;  // "aan_sporen", ... (a set)
  std::vector<EditScript> scripts_;
  learn::LinearModel model_;
};

struct LemmatizerTrainOptions {
  int epochs = 8;
  size_t min_script_count = 2;  // edit scripts seen fewer times (in word types) are left out
  uint64_t seed = 1;
  std::function<void(const std::string&)> progress;
};

// Lemma accuracy (percent) over the tokens of `gold`, with the gold UPOS and XPOS as input.
double ScoreLemmatizer(const Lemmatizer& lem, const std::vector<AnnotatedSentence>& gold);

Result<std::shared_ptr<const Lemmatizer>> TrainLemmatizer(
    const std::vector<AnnotatedSentence>& train, const std::vector<DevSet>& dev,
    const LemmatizerTrainOptions& options, std::vector<double>* dev_scores);

// The pipeline stage: reads tokens, upos and xpos; writes lemma.
std::unique_ptr<Stage> MakeLemmatizerStage(std::shared_ptr<const Lemmatizer> lemmatizer);

}  // namespace kroniek::tag

#endif  // KRONIEK_TAG_LEMMATIZER_H_
