#include "tagging/corpus.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "core/files.h"
#include "tagging/conll.h"
#include "text/tokenizer.h"

namespace claimgraph::tagging {

namespace fs = std::filesystem;

namespace {

void AddText(const std::string& text, std::vector<std::vector<std::string>>* out) {
  Document doc;
  doc.text = text;
  text::Segment(doc);
  for (const auto& s : doc.sentences) {
    std::vector<std::string> words;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) words.emplace_back(doc.token_text(t));
    if (!words.empty()) out->push_back(std::move(words));
  }
}

Status AddFile(const std::string& name, const std::string& content, const std::string& format,
               std::vector<std::vector<std::string>>* out) {
  if (format == "text") {
    AddText(content, out);
  } else if (format == "timeml") {
    AddText(TimemlText(content), out);
  } else if (format == "conll2003") {
    auto file = ParseConll2003(content, name, false);
    if (!file.ok()) return file.status();
    for (const auto& d : file->documents)
      for (const auto& s : d.sentences) out->push_back(s.words);
  } else if (format == "conllu") {
    auto file = ParseConllu(content, name);
    if (!file.ok()) return file.status();
    for (const auto& s : file->sentences) {
      std::vector<std::string> words;
      for (const auto& w : s.words) words.push_back(w.form);
      out->push_back(std::move(words));
    }
  } else {
    return Status::InvalidInput(name + ": unknown corpus format '" + format + "'");
  }
  return Status::Ok();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Result<std::string> Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::NotFound(path + ": cannot open");
  std::string data;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  bool failed = n < 0;
  gzclose(f);
  if (failed) return Status::IoError(path + ": not a valid gzip stream");
  return data;
}

// Members of a ustar archive whose names end in `suffix`, in archive order.
Status ReadTar(const std::string& path, const std::string& format, std::vector<std::vector<std::string>>* out) {
  auto data = Gunzip(path);
  if (!data.ok()) return data.status();
  std::string_view tar = *data;
  size_t at = 0;
  while (at + 512 <= tar.size()) {
    std::string_view header = tar.substr(at, 512);
    if (header[0] == '\0') break;  // end-of-archive blocks
    std::string name(header.substr(0, 100).substr(0, header.substr(0, 100).find('\0')));
    std::string_view size_field = header.substr(124, 12);
    size_t size = 0;
    for (char c : size_field) {
      if (c < '0' || c > '7') break;
      size = size * 8 + static_cast<size_t>(c - '0');
    }
    char type = header[156];
    at += 512;
    if (at + size > tar.size()) return Status::InvalidInput(path + ": archive member " + name + " is truncated");
    if ((type == '0' || type == '\0') && (EndsWith(name, ".tml") || EndsWith(name, ".txt"))) {
      Status s = AddFile(path + "/" + name, std::string(tar.substr(at, size)), format, out);
      if (!s.ok()) return s;
    }
    at += (size + 511) / 512 * 512;
  }
  return Status::Ok();
}

}  // namespace

std::string TimemlText(std::string_view xml) {
  size_t open = xml.find("<TEXT>");
  size_t close = xml.find("</TEXT>");
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    xml = xml.substr(open + 6, close - open - 6);
  }
  std::string out;
  bool in_tag = false;
  for (size_t i = 0; i < xml.size(); ++i) {
    char c = xml[i];
    if (in_tag) {
      in_tag = c != '>';
      continue;
    }
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [e, ch] : kEntities) {
        if (xml.substr(i, e.size()) == e) {
          out += ch;
          i += e.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
  }
  return out;
}

Status ReadUnlabelled(const CorpusSource& source, std::vector<std::vector<std::string>>* out) {
  std::error_code ec;
  if (fs::is_directory(source.path, ec)) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(source.path, ec)) {
      if (!e.is_regular_file()) continue;
      std::string p = e.path().string();
      bool wanted = source.format == "timeml"   ? EndsWith(p, ".tml")
                    : source.format == "conllu" ? EndsWith(p, ".conllu")
                                                : EndsWith(p, ".txt");
      if (wanted) files.push_back(p);
    }
    if (ec) return Status::IoError(source.path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      auto content = ReadFile(p);
      if (!content.ok()) return content.status();
      Status s = AddFile(p, *content, source.format, out);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  if (EndsWith(source.path, ".tar.gz") || EndsWith(source.path, ".tgz"))
    return ReadTar(source.path, source.format, out);
  auto content = ReadFile(source.path);
  if (!content.ok()) return content.status();
  return AddFile(source.path, *content, source.format, out);
}

}  // namespace claimgraph::tagging
