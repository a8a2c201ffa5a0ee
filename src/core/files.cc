#include "core/files.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

namespace claimgraph {

Result<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::InvalidInput(path + ": is a directory");
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": " + std::strerror(err));
  }
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Status::IoError(path + ": read error");
  return data;
}

std::string ModelsDir() {
  if (const char* env = std::getenv("CLAIMGRAPH_MODELS"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path() / ".." / "share" / "claimgraph" / "models";
    if (std::filesystem::is_directory(installed, ec)) return installed.lexically_normal().string();
  }
  return CLAIMGRAPH_MODELS_DIR;
}

std::string RecipeRoot(const std::string& recipe_path) {
  namespace fs = std::filesystem;
  return fs::absolute(fs::path(recipe_path)).parent_path().parent_path().parent_path().lexically_normal().string();
}

std::string ResolveAgainst(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(root) / path).lexically_normal().string();
}

}  // namespace claimgraph
