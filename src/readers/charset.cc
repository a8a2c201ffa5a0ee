#include "readers/charset.h"

#include <unicode/ucnv.h>

#include <cctype>
#include <memory>

#include "core/utf8.h"

namespace claimgraph::readers {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
}

// The charset name right after "charset" at `at` ("charset=utf-8", "charset = 'utf-8'").
std::string NameAfter(std::string_view s, size_t at) {
  size_t i = at;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '=') return "";
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '"' || s[i] == '\'')) ++i;
  size_t j = i;
  while (j < s.size() && IsNameChar(s[j])) ++j;
  return std::string(s.substr(i, j - i));
}

// Browsers treat these labels as windows-1252, whose extra characters (curly quotes,
// dashes) pages labelled latin-1 use all the time.
std::string Canonical(std::string name) {
  if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "latin-1" ||
      name == "us-ascii" || name == "ascii" || name == "cp1252")
    return "windows-1252";
  if (name == "utf8") return "utf-8";
  if (name.rfind("utf-16", 0) == 0 || name.rfind("utf-32", 0) == 0) return "utf-8";
  return name;
}

}  // namespace

Charset DetectHtmlCharset(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return {"utf-8", "bom"};
  if (bytes.substr(0, 2) == "\xFF\xFE") return {"utf-16le", "bom"};
  if (bytes.substr(0, 2) == "\xFE\xFF") return {"utf-16be", "bom"};
  std::string head = Lower(bytes.substr(0, 4096));
  // Each <meta ...> tag in the head: charset= in it is either the attribute or the
  // http-equiv content; both count, the first tag that has one wins.
  for (size_t pos = head.find("<meta"); pos != std::string::npos; pos = head.find("<meta", pos + 5)) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos);
    size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::string name = NameAfter(tag, cs + 7);
    if (name.empty()) continue;
    bool equiv = tag.find("http-equiv") != std::string_view::npos;
    return {Canonical(name), equiv ? "http-equiv" : "meta"};
  }
  if (!utf8::FindInvalid(bytes)) return {"utf-8", "default"};
  return {"windows-1252", "sniffed"};
}

Result<std::string> ToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &err), ucnv_close);
  if (U_FAILURE(err) || !conv) return Status::InvalidInput("unknown character set \"" + charset + "\"");
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &err), ucnv_close);
  if (U_FAILURE(err)) return Status::IoError("ICU has no UTF-8 converter");
  std::string out;
  out.resize(bytes.size() * 3 + 16);  // any charset grows by at most 3x into UTF-8 (+ BOM slack)
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), conv.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &err);
  if (U_FAILURE(err)) return Status::InvalidInput("cannot convert from " + charset + ": " + u_errorName(err));
  out.resize(static_cast<size_t>(target - out.data()));
  if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
  return out;
}

}  // namespace claimgraph::readers
