// A fast pass over HTML before gumbo parses it (internal to the readers stage): the parts
// the extractor never reads are cut so gumbo builds a much smaller tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace claimgraph::readers {

// Returns `html` with
//  - <script> and <style> elements removed (they hold no text and no children), except
//    scripts holding "<!--" (whose end the HTML tokenizer finds by escape rules) and
//    JSON-LD (<script type="application/ld+json">), which the metadata reads: with
//    `json_ld` non-null its content is appended there, in page order, and removed too;
//  - the content of <svg> and <nav> elements emptied, and of <footer> and <aside>
//    outside any <article> (other stories' cards, bylines and dates);
//  - comments removed, <link> tags but the canonical one removed, and whitespace-only
//    runs between tags shortened to their first byte (not inside <pre>);
//  - in other start tags, the attributes nothing reads dropped (href but on <link>, src,
//    srcset, data-* but data-testid, on*, alt, title...); the ones kept stay as written.
// Tags are read with their quoted attribute values, so markup-like text inside an
// attribute is left alone; the content of <title>, <textarea>, <xmp>, <iframe>,
// <noembed>, <noframes> and <plaintext> (text, not markup, for the tokenizer) is copied
// unchanged. An element left open runs to the end, as in the tokenizer. The text and the
// other elements come out byte for byte. Pure function, thread-safe.
std::string StripUnreadHtml(std::string_view html, std::vector<std::string>* json_ld = nullptr);

}  // namespace claimgraph::readers
