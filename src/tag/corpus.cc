#include "tag/corpus.h"

#include "base/errors.h"
#include "kroniek/io.h"

namespace kroniek::tag {

Result<std::vector<AnnotatedSentence>> ReadAnnotated(const std::string& path, size_t* skipped) {
  std::vector<AnnotatedSentence> out;
  size_t bad = 0;
  Status fatal;
  ReadOptions ro;
  ro.format = InputFormat::kConllu;
  ro.max_doc_bytes = size_t{1} << 34;
  Status st = ReadInputs({path}, ro, [&](ReadItem&& item) {
    if (!item.doc.ok()) {
      if (item.doc.status().error_id() == static_cast<int>(ErrorId::kCannotOpen)) {
        fatal = item.doc.status();
        return false;
      }
      ++bad;
      return true;
    }
    const Doc& d = item.doc.value();
    if (!d.Has(Layer::kUpos) || !d.Has(Layer::kXpos)) return true;
    for (const Sentence& s : d.sentences) {
      AnnotatedSentence a;
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        a.form.emplace_back(d.TokenText(t));
        a.lemma.push_back(d.Has(Layer::kLemma) ? d.lemma[t] : "_");
        a.upos.push_back(d.upos[t]);
        a.xpos.push_back(d.xpos[t]);
        a.feats.push_back(d.Has(Layer::kFeats) ? d.feats[t] : "_");
        const bool deps = d.Has(Layer::kDeps);
        a.deprel.push_back(deps ? d.deprel[t] : "_");
        a.head.push_back(deps && d.head[t] != static_cast<int32_t>(t)
                             ? static_cast<int>(d.head[t] - s.token_begin)
                             : -1);
      }
      if (a.size() > 0) out.push_back(std::move(a));
    }
    return true;
  });
  if (!st.ok()) return st;
  if (!fatal.ok()) return fatal;
  if (skipped) *skipped = bad;
  if (out.empty()) {
    return InvalidInput(ErrorId::kTrainData,
                        path + ": no sentence with UPOS and XPOS columns to learn from");
  }
  return out;
}

}  // namespace kroniek::tag
