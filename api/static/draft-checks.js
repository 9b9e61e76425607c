// The checks of a draft (B1 criteria one by one, Flesch-Douma, inclusive wording, officialese) and the
// list of sources its onderbouwing cites.
import { el } from "./api.js";

// Each criterion with the server's own explanation (measured value and B1 limit), so no limit lives here.
function criterion(c) {
  const item = el("li", undefined, { class: c.ok ? "vac-ok" : "vac-bad" });
  item.append(el("strong", `${c.ok ? "✓" : "✗"} ${c.name}: `), c.explanation, el("span", c.ok ? "" : " Voldoet nog niet.", { class: "vac-bad-note" }));
  return item;
}

function findingList(heading, items) {
  const box = el("div");
  box.append(el("h3", `${heading} (${items.length})`));
  const list = el("ul");
  for (const item of items) list.append(el("li", item, { class: "finding" }));
  if (!items.length) list.append(el("li", "Niets gevonden.", { class: "hint" }));
  box.append(list);
  return box;
}

export function renderChecks(box, checks) {
  box.replaceChildren();
  const r = checks.readability;
  box.append(el("p", r.b1 ? "B1: begrijpelijk voor de meeste lezers." : "B1: nog te moeilijk.", { class: r.b1 ? "verdict-ok" : "verdict-bad" }));
  box.append(el("h3", "B1-criteria"));
  const criteria = el("ul", undefined, { class: "vac-criteria" });
  criteria.append(...(r.criteria || []).map(criterion));
  box.append(criteria);
  for (const line of r.advice || []) box.append(el("p", line, { class: "hint" }));
  if (checks.length) box.append(el("p", checks.length.message || `${checks.length.words} woorden`));
  box.append(
    findingList("Moeilijke zinnen", (r.difficult_sentences || []).map((s) => `${s.text} (${(s.reasons || []).join(", ")})`)),
    findingList("Inclusief schrijven", (checks.inclusive || []).map((f) => `"${f.text}": ${f.message} Suggestie: ${f.suggestion}`)),
    findingList("Ambtelijke taal", (checks.jargon || []).map((f) => `"${f.text}" → ${f.suggestion}`)),
  );
}

export function sourceLine(source) {
  const where = [source.document_title];
  if (source.section && source.section !== source.document_title) where.push(source.section);
  if (source.page) where.push(`p. ${source.page}`);
  return `[${source.n}] ${where.join(", ")}`;
}

export function renderSources(list, sources) {
  list.replaceChildren();
  for (const source of sources) list.append(el("li", sourceLine(source)));
  if (!sources.length) list.append(el("li", "Geen bronnen: deze tekst heeft geen onderbouwing uit de documenten."));
}
