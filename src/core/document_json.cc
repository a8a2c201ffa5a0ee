#include "core/document_json.h"

namespace claimgraph {
namespace {

nlohmann::json SpanJson(const Document& doc, Span s) {
  return {{"start", s.start}, {"end", s.end}, {"text", std::string(doc.slice(s))}};
}

nlohmann::json PartJson(const ClaimPart& p) {
  return {{"start", p.span.start}, {"end", p.span.end}, {"text", p.text}};
}

}  // namespace

nlohmann::json ToJson(const Document& doc) {
  using nlohmann::json;
  json out;
  out["id"] = doc.id;
  out["url"] = doc.url;
  out["title"] = doc.title;
  out["source"] = doc.source;
  out["author"] = doc.author;
  out["published"] = doc.published;
  out["published_method"] = doc.published_method;
  out["format"] = doc.format;
  out["extractor_version"] = kExtractorVersion;

  json sentences = json::array();
  for (const auto& s : doc.sentences) {
    json js = SpanJson(doc, s.span);
    js["paragraph"] = s.paragraph;
    if (s.headline) js["headline"] = true;
    sentences.push_back(std::move(js));
  }
  out["sentences"] = std::move(sentences);

  json entities = json::array();
  for (const auto& e : doc.entities) {
    json je{{"id", e.id}, {"name", e.name}, {"type", e.type}};
    if (!e.kb.empty()) je["kb"] = e.kb;
    json ms = json::array();
    for (const auto& m : e.mentions) ms.push_back({{"start", m.span.start}, {"end", m.span.end}, {"text", m.text}});
    je["mentions"] = std::move(ms);
    entities.push_back(std::move(je));
  }
  out["entities"] = std::move(entities);

  json times = json::array();
  for (const auto& t : doc.times) {
    json jt{{"start", t.span.start}, {"end", t.span.end}, {"text", t.text}, {"type", t.type}, {"value", t.value}};
    if (!t.anchor.empty()) jt["anchor"] = t.anchor;
    jt["certainty"] = t.certainty;
    times.push_back(std::move(jt));
  }
  out["times"] = std::move(times);

  json amounts = json::array();
  for (const auto& a : doc.amounts) {
    json ja{{"start", a.span.start}, {"end", a.span.end}, {"text", a.text}, {"value", a.value},
            {"unit", a.unit}, {"approx", a.approx}};
    if (a.value_max) ja["value_max"] = *a.value_max;
    if (!a.per.empty()) ja["per"] = a.per;
    if (a.vague) ja["vague"] = true;
    amounts.push_back(std::move(ja));
  }
  out["amounts"] = std::move(amounts);

  json claims = json::array();
  for (const auto& c : doc.claims) {
    json jc;
    if (c.source) {
      jc["source"] = PartJson(*c.source);
      if (!c.source_entity.empty()) jc["source"]["entity"] = c.source_entity;
      jc["source"]["anonymous"] = c.anonymous;
    } else {
      jc["source"] = {{"text", nullptr}, {"anonymous", c.anonymous}};
    }
    jc["cue"] = PartJson(c.cue);
    jc["cue"]["lemma"] = c.cue_lemma;
    jc["content"] = PartJson(c.content);
    jc["kind"] = c.kind;
    jc["evidence"] = {{"document", doc.id},
                      {"url", doc.url},
                      {"sentence", c.sentence},
                      {"sentence_text", c.sentence < doc.sentences.size()
                                            ? std::string(doc.slice(doc.sentences[c.sentence].span))
                                            : std::string()},
                      {"extractor_version", kExtractorVersion}};
    claims.push_back(std::move(jc));
  }
  out["claims"] = std::move(claims);

  json signals = json::array();
  for (const auto& s : doc.signals) {
    json js{{"kind", s.kind}, {"start", s.span.start}, {"end", s.span.end}, {"text", s.text}};
    if (!s.note.empty()) js["note"] = s.note;
    signals.push_back(std::move(js));
  }
  out["signals"] = std::move(signals);
  return out;
}

}  // namespace claimgraph
