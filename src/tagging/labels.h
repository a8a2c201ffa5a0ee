// A tag inventory: names <-> dense class ids, in the order they were first added.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "learn/model_file.h"

namespace claimgraph::tagging {

class LabelSet {
 public:
  int Add(std::string_view name) {
    auto it = index_.find(std::string(name));
    if (it != index_.end()) return it->second;
    names_.emplace_back(name);
    return index_[names_.back()] = static_cast<int>(names_.size() - 1);
  }
  int Find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    return it == index_.end() ? -1 : it->second;
  }
  const std::string& name(int id) const { return names_[id]; }
  int size() const { return static_cast<int>(names_.size()); }

  void Save(learn::ByteWriter& out) const {
    out.U32(static_cast<uint32_t>(names_.size()));
    for (const auto& n : names_) out.String(n);
  }
  static bool Load(learn::ByteReader& in, LabelSet* out) {
    uint32_t n = 0;
    if (!in.U32(&n)) return false;
    if (n == 0 || n > 4096) return in.Fail("label set of " + std::to_string(n) + " labels");
    LabelSet s;
    std::string name;
    for (uint32_t i = 0; i < n; ++i) {
      if (!in.String(&name, 256)) return false;
      if (s.Find(name) >= 0) return in.Fail("label '" + name + "' is listed twice");
      s.Add(name);
    }
    *out = std::move(s);
    return true;
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int> index_;
};

}  // namespace claimgraph::tagging
