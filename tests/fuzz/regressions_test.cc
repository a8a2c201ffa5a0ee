// Replays every saved fuzz input (the seed corpora under tests/fuzz/corpus/<target>/ and the
// crash inputs under tests/fuzz/regressions/<target>/) through the same reader entry points
// the fuzzers drive, in the ordinary build: a crash, sanitizer report or hang fails the suite.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz_targets.h"

namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = fs::path(CLAIMGRAPH_SOURCE_DIR) / "tests" / "fuzz";

using Target = std::function<void(const uint8_t*, size_t)>;

const std::map<std::string, Target>& Targets() {
  static const std::map<std::string, Target> targets = {
      {"html_fuzzer", claimgraph::fuzz::FuzzHtml},
      {"feed_fuzzer", claimgraph::fuzz::FuzzFeed},
      {"warc_fuzzer", claimgraph::fuzz::FuzzWarc},
      {"input_fuzzer", claimgraph::fuzz::FuzzInput},
  };
  return targets;
}

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename() != "README.md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

size_t Replay(const std::string& target) {
  size_t replayed = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& file : FilesUnder(kFuzzDir / kind / target)) {
      SCOPED_TRACE(file.string());
      std::string bytes = Slurp(file);
      Targets().at(target)(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  return replayed;
}

}  // namespace

// A folder for a target nobody replays would silently keep its crash inputs untested.
TEST(FuzzInputs, EveryFolderNamesAKnownTarget) {
  for (const char* kind : {"corpus", "regressions"}) {
    if (!fs::is_directory(kFuzzDir / kind)) continue;
    for (const auto& entry : fs::directory_iterator(kFuzzDir / kind)) {
      if (!entry.is_directory()) continue;
      EXPECT_TRUE(Targets().count(entry.path().filename().string()))
          << entry.path() << " is not one of html_fuzzer, feed_fuzzer, warc_fuzzer, input_fuzzer";
    }
  }
}

TEST(FuzzInputs, Html) { EXPECT_GT(Replay("html_fuzzer"), 0u); }
TEST(FuzzInputs, Feed) { EXPECT_GT(Replay("feed_fuzzer"), 0u); }
TEST(FuzzInputs, Warc) { EXPECT_GT(Replay("warc_fuzzer"), 0u); }
TEST(FuzzInputs, Input) { EXPECT_GT(Replay("input_fuzzer"), 0u); }
