// Internal to the attribution model and its trainer: the per-document view the
// features read, the feature templates, and the label sets. One definition so
// training and runtime cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "extract/claims/attribution.h"
#include "learn/features.h"
#include "learn/perceptron.h"
#include "learn/word_clusters.h"

namespace claimgraph::extract {

enum CueLabel : int { kCueOut = 0, kCueBegin = 1, kCueInside = 2, kNumCueLabels = 3 };
enum RoleLabel : int {
  kRoleOut = 0,
  kSourceBegin = 1,
  kSourceInside = 2,
  kContentBegin = 3,
  kContentInside = 4,
  kNumRoleLabels = 5
};

struct AttributionWeights {
  // Bump whenever a feature template, label set or this layout changes: older model
  // files are then refused instead of misread.
  static constexpr uint32_t kFeatureVersion = 2;
  learn::Perceptron cue;
  learn::Perceptron role;
  learn::WordClusters clusters;  // copied from the POS model at training time
  std::string metadata;
  void Save(learn::ByteWriter& out) const;
  static bool Load(learn::ByteReader& in, AttributionWeights* out);
};

// What the features read, computed once per document.
struct AttributionView {
  AttributionView(const Document& doc, const learn::WordClusters* clusters);

  const Document& doc;
  std::vector<const uint16_t*> word_class;      // per token, null when unknown
  std::vector<std::string> lower;               // per token
  std::vector<uint32_t> sentence_of;            // per token
  std::vector<uint8_t> in_quote;                // per token: inside a quotation
  std::vector<std::vector<uint32_t>> children;  // per token, when parsed
  bool parsed = false;

  std::string_view upos(uint32_t i) const;
  std::string_view xpos(uint32_t i) const;
  std::string_view deprel(uint32_t i) const;
  // The token's word class at `level` as text ("-" when unknown).
  std::string WordClass(uint32_t i, int level) const;
  // The tokens of sentence s and its neighbours in the same paragraph.
  TokenRange RoleWindow(uint32_t s) const;
  // The token of [first, end) whose head lies outside it (the cue's syntactic head).
  uint32_t HeadOf(TokenRange r) const;
};

// Features of token i for the cue tagger; prev = label of token i-1 (kCueOut at a
// sentence start).
void CueFeatures(const AttributionView& v, uint32_t i, int prev, learn::FeatureBuffer& f);

struct CueContext {
  TokenRange cue;
  uint32_t head = 0;           // HeadOf(cue)
  std::string key;             // the cue's words, lower case
  std::vector<uint32_t> path;  // head and its ancestors, nearest first (parsed docs)
};
CueContext MakeCueContext(const AttributionView& v, TokenRange cue);

// Features of token t for the role tagger of `cue`; prev/prev2 = labels of the two
// tokens before t in the window (kRoleOut when none).
void RoleFeatures(const AttributionView& v, const CueContext& cue, uint32_t t, int prev, int prev2,
                  learn::FeatureBuffer& f);

// Label sequence constraints: I only after B or I of the same role.
bool CueLabelAllowed(int label, int prev);
bool RoleLabelAllowed(int label, int prev);

// Highest-scoring allowed label.
int BestAllowed(const float* scores, int n, int prev, bool (*allowed)(int, int));

// The subject of the cue in the tree (or of the verb the cue depends on through
// xcomp/advcl/conj, or the noun an "acl" cue modifies), outside the cue; for
// relations whose tagged roles name no source. Parsed documents only.
std::optional<TokenRange> SubjectFromTree(const AttributionView& v, const CueContext& cue);

// "in case either country is attacked": a passive cue without an agent whose only
// content is its own subject reports an event, not a statement.
bool IsAgentlessPassiveSubjectContent(const AttributionView& v, const CueContext& cue, const FoundAttribution& f);

// Attributions are univocal: a content stops at another relation's cue, keeping the
// side that faces its own cue; relations left without content are dropped.
void ClipAtOtherCues(std::vector<FoundAttribution>& found);

// Turns one cue's role labels over `window` into a relation (empty content: none).
FoundAttribution DecodeRoles(const AttributionView& v, const CueContext& cue, TokenRange window,
                             const std::vector<int>& labels);

}  // namespace claimgraph::extract
