// Character encodings of web pages (internal to the readers stage): which one the bytes
// are in, and conversion to UTF-8 with ICU converters.
#pragma once

#include <string>
#include <string_view>

#include "claimgraph/status.h"

namespace claimgraph::readers {

struct Charset {
  std::string name;    // lower case, as declared or detected: "utf-8", "windows-1252", "utf-16le"...
  std::string method;  // bom | meta | http-equiv | sniffed | default
};

// The encoding of an HTML page, in the order browsers use: a byte-order mark, then
// <meta charset> or <meta http-equiv="Content-Type" content="...; charset=..."> within the
// first 4 KiB, else utf-8 when the bytes are valid UTF-8 and windows-1252 when not.
// A declared "iso-8859-1" or "ascii" is read as windows-1252 (as browsers do); a declared
// UTF-16 without a BOM (impossible in an ASCII-compatible meta tag) becomes utf-8.
Charset DetectHtmlCharset(std::string_view bytes);

// `bytes` (BOM included or not) converted from `charset` to UTF-8, BOM removed. Bytes that
// are invalid in the charset become U+FFFD. InvalidInput when ICU does not know the charset.
Result<std::string> ToUtf8(std::string_view bytes, const std::string& charset);

}  // namespace claimgraph::readers
