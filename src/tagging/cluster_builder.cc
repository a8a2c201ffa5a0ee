#include <chrono>
#include <filesystem>

#include "learn/model_file.h"
#include "tagging/training.h"

namespace claimgraph::tagging {

namespace {
constexpr const char* kClusterKind = "word-clusters";
}

Result<learn::WordClusters> BuildClusters(const ClusterRecipe& recipe, const std::string& cache_dir,
                                          const Progress& progress) {
  if (recipe.corpora.empty()) return learn::WordClusters();
  std::string fingerprint = recipe.Fingerprint();
  std::string cache;
  if (!cache_dir.empty()) {
    cache = (std::filesystem::path(cache_dir) / ("clusters-" + fingerprint + ".cgm")).string();
    if (std::filesystem::exists(cache)) {
      auto payload = learn::ReadModelFile(cache, kClusterKind);
      if (!payload.ok()) return payload.status();
      learn::ByteReader in(*payload, cache);
      std::string stored;
      learn::WordClusters clusters;
      if (in.String(&stored) && stored == fingerprint && learn::WordClusters::Load(in, &clusters) && in.Finish().ok()) {
        if (progress) progress("clusters: reusing " + cache);
        return clusters;
      }
      if (!in.ok()) return in.status();
    }
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<std::string>> sentences;
  for (const auto& source : recipe.corpora) {
    size_t before = sentences.size();
    if (Status s = ReadUnlabelled(source, &sentences); !s.ok()) return s;
    if (progress)
      progress("clusters: " + source.path + ": " + std::to_string(sentences.size() - before) + " sentences");
  }
  size_t tokens = 0;
  for (const auto& s : sentences) tokens += s.size();
  if (progress) progress("clusters: " + std::to_string(tokens) + " tokens in all");
  learn::WordClusters clusters = learn::WordClusters::Induce(sentences, recipe.options, progress);
  if (progress) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress("clusters: " + std::to_string(clusters.vocabulary_size()) + " words classed in " +
             std::to_string(static_cast<int>(secs)) + " s");
  }
  if (!cache.empty()) {
    learn::ByteWriter out;
    out.String(fingerprint);
    clusters.Save(out);
    if (Status s = learn::WriteModelFile(cache, kClusterKind, out.data()); !s.ok()) return s;
  }
  return clusters;
}

}  // namespace claimgraph::tagging
