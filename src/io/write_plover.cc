// PLOVER writer: one JSON object per line for every event of a document, in the spirit of the
// PLOVER/POLECAT event records:
//
//   {"id":"seed-v1","doc":"seed","date":"2022-03","actor":"NAVO","recipient":"Rusland",
//    "event":"CONSULT","mode":"asserted","event_text":"...","location":"Brussel"}
//
// id is the document id and the event's number; date is the normalised value of the event's
// time expression when it has one, else the document date (null when neither is known); actor
// and recipient are the canonical names of the event's actors and targets ("; " between
// several, null when none); mode is the event's status (asserted, planned, hypothetical,
// negated); event_text is the sentence that holds the event (else its trigger); location is
// the canonical name of the place, or null. A document without events writes nothing.
#include <string>

#include "base/json_util.h"
#include "io/writers.h"

namespace kroniek::io {
namespace {

void AppendNames(const Doc& doc, const std::vector<int32_t>& ids, std::string* out) {
  std::string names;
  for (int32_t e : ids) {
    if (e < 0 || static_cast<size_t>(e) >= doc.entities.size()) continue;
    if (!names.empty()) names.append("; ");
    names.append(doc.entities[e].name);
  }
  if (names.empty()) {
    out->append("null");
  } else {
    json::AppendString(names, out);
  }
}

}  // namespace

void AppendPlover(const Doc& doc, std::string* out) {
  std::string& o = *out;
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& v = doc.events[i];
    o.append("{\"id\":");
    json::AppendString(doc.id + "-v" + std::to_string(i + 1), &o);
    o.append(",\"doc\":");
    json::AppendString(doc.id, &o);
    o.append(",\"date\":");
    if (v.time >= 0 && static_cast<size_t>(v.time) < doc.times.size()) {
      json::AppendString(doc.times[v.time].value, &o);
    } else {
      json::AppendStringOrNull(doc.meta.date ? &*doc.meta.date : nullptr, &o);
    }
    o.append(",\"actor\":");
    AppendNames(doc, v.actors, &o);
    o.append(",\"recipient\":");
    AppendNames(doc, v.targets, &o);
    o.append(",\"event\":");
    json::AppendString(v.type, &o);
    o.append(",\"mode\":");
    json::AppendString(v.status, &o);
    o.append(",\"event_text\":");
    if (v.sentence >= 0 && static_cast<size_t>(v.sentence) < doc.sentences.size()) {
      json::AppendString(doc.SpanText(doc.SentenceSpan(v.sentence)), &o);
    } else {
      json::AppendString(doc.SpanText(v.trigger), &o);
    }
    o.append(",\"location\":");
    if (v.location >= 0 && static_cast<size_t>(v.location) < doc.entities.size()) {
      json::AppendString(doc.entities[v.location].name, &o);
    } else {
      o.append("null");
    }
    o.append("}\n");
  }
}

}  // namespace kroniek::io
