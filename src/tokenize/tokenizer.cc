// PLACEHOLDER: splits on white space only; the real tokenizer replaces this file (issue 2).
#include "tokenize/tokenizer.h"

namespace kroniek {

Result<std::shared_ptr<const Tokenizer>> Tokenizer::Create() {
  return std::shared_ptr<const Tokenizer>(new Tokenizer());
}

void Tokenizer::Tokenize(Doc& doc) const {
  doc.Clear(Layer::kTokens);
  doc.Clear(Layer::kSentences);
  const std::string& t = doc.text;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
    size_t b = i;
    while (i < t.size() && !(t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
    if (i > b) {
      doc.tokens.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
      doc.space_after.push_back(i < t.size());
    }
  }
  if (!doc.tokens.empty()) {
    doc.sentences.push_back(Sentence{0, static_cast<uint32_t>(doc.tokens.size()), 0, ""});
  }
  doc.Set(Layer::kTokens);
  doc.Set(Layer::kSentences);
}

namespace {
class TokenizerStage : public Stage {
 public:
  explicit TokenizerStage(std::shared_ptr<const Tokenizer> t) : t_(std::move(t)) {}
  std::string Name() const override { return "tokenizer"; }
  LayerSet Reads() const override { return {}; }
  LayerSet Writes() const override { return {Layer::kTokens, Layer::kSentences}; }
  Status Process(Doc& doc) const override {
    t_->Tokenize(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Tokenizer> t_;
};
}  // namespace

std::unique_ptr<Stage> MakeTokenizerStage(std::shared_ptr<const Tokenizer> tokenizer) {
  return std::make_unique<TokenizerStage>(std::move(tokenizer));
}

}  // namespace kroniek
