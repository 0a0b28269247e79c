// Annotated sentences for training and evaluating the tagger and lemmatizer, read from CoNLL-U.
#ifndef KRONIEK_TAG_CORPUS_H_
#define KRONIEK_TAG_CORPUS_H_

#include <string>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::tag {

struct AnnotatedSentence {
  std::vector<std::string> form, lemma, upos, xpos, feats, deprel;
  std::vector<int> head;  // 0-based index in the sentence, -1 for the root or when absent
  size_t size() const { return form.size(); }
};

// Reads every sentence of a CoNLL-U file (words only; multiword ranges and empty nodes are
// skipped). Fails with E108 when the file cannot be read and E206 when it holds no sentence
// with the columns the tagger learns from (UPOS and XPOS). A malformed sentence is skipped and
// counted in *skipped.
Result<std::vector<AnnotatedSentence>> ReadAnnotated(const std::string& path,
                                                     size_t* skipped = nullptr);

}  // namespace kroniek::tag

#endif  // KRONIEK_TAG_CORPUS_H_
