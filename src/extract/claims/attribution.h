// Learned attribution: who says what, from PolNeAR-style annotations.
//
// Two greedy averaged perceptrons over the tagged (and, when available, parsed)
// tokens of a Document:
//   1. a cue tagger labels every token B/I/O for attribution cues ("said",
//      "according to", "called for", "believes", ":" after a speaker...);
//   2. for each cue, a role tagger labels the tokens of the cue's sentence and its
//      neighbours in the same paragraph as SOURCE / CONTENT / outside, with features
//      relative to the cue: direction and distance, punctuation and quotes between,
//      and the dependency path between the token and the cue.
// Trained by attribution_trainer.h; the claims stage turns the relations into Claims.
//
// An AttributionModel is a cheap handle on a read-only model: copies share it and
// Find() may be called from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph::extract {

struct AttributionWeights;

inline constexpr const char* kAttributionModelKind = "attribution";

// Token ranges [first, end) into Document::tokens.
struct TokenRange {
  uint32_t first = 0, end = 0;
  bool empty() const { return end <= first; }
};

struct FoundAttribution {
  TokenRange cue;
  uint32_t cue_head = 0;  // the cue's syntactic head ("announced" in "also announced")
  std::optional<TokenRange> source;
  std::vector<TokenRange> content;  // in text order; several pieces when the cue interrupts
  uint32_t sentence = 0;            // the cue's sentence
};

class AttributionModel {
 public:
  static Result<AttributionModel> Load(const std::string& path);
  // models/claims/attribution.cgm under ModelsDir().
  static std::string DefaultPath();

  // Relations in `doc`, ordered by cue. Uses upos/xpos when doc.tagged and the
  // dependency tree when doc.parsed; works (less well) without either.
  std::vector<FoundAttribution> Find(const Document& doc) const;

  Status Save(const std::string& path) const;
  const std::string& metadata() const;

  explicit AttributionModel(std::shared_ptr<const AttributionWeights> weights) : weights_(std::move(weights)) {}

 private:
  std::shared_ptr<const AttributionWeights> weights_;
};

}  // namespace claimgraph::extract
