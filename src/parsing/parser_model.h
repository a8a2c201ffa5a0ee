// Internals of the dependency parser shared by the runtime (dependency_parser.cc)
// and the trainer (parser_trainer.cc): the model's parts, the per-word atoms and the
// feature templates. The trainer must extract exactly the runtime's features, hence
// one place.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "learn/features.h"
#include "learn/perceptron.h"
#include "learn/word_clusters.h"
#include "parsing/transition_system.h"
#include "tagging/labels.h"

namespace claimgraph::parsing {

struct ParserModel {
  // Bump when the feature templates or the payload change: older models are refused.
  static constexpr uint32_t kFeatureVersion = 2;
  // Direction bits of `label_directions`: where a dependent with the label may sit.
  static constexpr uint8_t kLeftOfHead = 1, kRightOfHead = 2;

  std::string metadata;
  tagging::LabelSet labels;           // relations, pseudo-projective "a|b" ones included
  tagging::LabelSet upos, xpos;       // the tags seen in training (others are unknown)
  std::vector<uint8_t> label_directions;  // per label: kLeftOfHead | kRightOfHead
  int root_label = -1;                // "root"
  learn::WordClusters clusters;
  learn::Perceptron weights;          // NumTransitionClasses(labels.size()) classes

  void Save(learn::ByteWriter& out) const;
  static bool Load(learn::ByteReader& in, ParserModel* out);
};

// What the features know about one token, hashed once per sentence. Index n of a
// sentence's atoms is the root; "none" atoms stand for missing positions.
struct TokenAtoms {
  uint64_t word = 0;    // lower-case form, digits as 0
  uint64_t suffix = 0;  // last three letters
  uint64_t shape = 0;   // collapsed letter/digit shape: "Xx", "d,d"
  uint64_t upos = 0, xpos = 0;
  uint64_t cluster_small = 0, cluster_large = 0;  // coarsest and finest word class
  bool punct = false;
  bool verb = false;
};

// Atoms of the words plus the root at the end. `upos`/`xpos` may be empty.
void PrepareAtoms(const ParserModel& model, std::span<const std::string_view> words,
                  std::span<const std::string_view> upos, std::span<const std::string_view> xpos,
                  std::vector<TokenAtoms>* out);

// The features of a configuration (clears f).
void ExtractFeatures(const std::vector<TokenAtoms>& atoms, const ParserState& s, learn::FeatureBuffer* f);

// True when transition class `cls` may be taken in `s` under the model's label rules:
// the move is allowed, the root arc is labelled root and no other arc is, and the
// label was seen on that side of its head in training.
bool TransitionAllowed(const ParserModel& model, const ParserState& s, int cls);

// The highest-scoring allowed class (ties: lowest class). Some class is always allowed
// in a non-terminal state.
int BestAllowed(const ParserModel& model, const ParserState& s, std::span<const float> scores);

}  // namespace claimgraph::parsing
