// One saved draft: the publishable text (header and sections) with its onderbouwing beside each section,
// editing (re-checked on save), accepting and confirming suggestions, and the downloads.
import { api, apiJson, el } from "./api.js";
import { renderChecks, renderSources, sourceLine } from "./draft-checks.js";

const result = document.getElementById("vacancy-result");
const sectionsBox = document.getElementById("vacancy-sections");
const status = document.getElementById("vacancy-draft-status");
const titleHeading = document.getElementById("vacancy-title");
const titleEdit = document.getElementById("vacancy-title-edit");
const titleInput = document.getElementById("vacancy-title-input");
const editButton = document.getElementById("vacancy-edit");
const saveButton = document.getElementById("vacancy-save");
const cancelButton = document.getElementById("vacancy-cancel");
const LAST_DRAFT = "hr-vacancy-last-draft";
let draft = null;
let editing = false;
let options = { header_labels: {}, unconfirmed_marker: "(te bevestigen)" };

export const currentDraft = () => draft;
export const lastDraftId = () => localStorage.getItem(LAST_DRAFT);
export function setOptions(value) {
  options = value;
}

function changed() {
  document.dispatchEvent(new CustomEvent("drafts-changed"));
}

function sectionPath(suffix = "") {
  return `/api/vacancies/${encodeURIComponent(draft.id)}${suffix}`;
}

// The text as it stands in the edit fields, in the shape PUT expects.
function editedSections() {
  return draft.sections.map((section) => ({
    key: section.key,
    title: sectionsBox.querySelector(`[data-title-for="${section.key}"]`).value,
    text: sectionsBox.querySelector(`[data-text-for="${section.key}"]`).value,
  }));
}

// Unsaved means: the edit fields differ from the saved draft.
export function hasUnsavedEdits() {
  if (!draft || !editing) return false;
  if (titleInput.value !== draft.title) return true;
  return editedSections().some((s, i) => s.title !== draft.sections[i].title || s.text !== draft.sections[i].text);
}

// Plain text with the accepted, not yet confirmed wordings marked; nothing is parsed as HTML.
function markedText(text, pending) {
  const marker = options.unconfirmed_marker;
  const phrases = [...pending.map((s) => `${s.wording} ${marker}`), marker];
  const out = [];
  let rest = text;
  for (;;) {
    const hits = phrases.map((p) => [rest.indexOf(p), p]).filter(([at]) => at >= 0).sort((a, b) => a[0] - b[0]);
    if (!hits.length) break;
    const [at, phrase] = hits[0];
    out.push(rest.slice(0, at), el("mark", phrase, { class: "vac-unconfirmed", title: "Te bevestigen: nog niet door u bevestigd" }));
    rest = rest.slice(at + phrase.length);
  }
  out.push(rest);
  return out;
}

function renderText(box, text, pending) {
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((line) => line.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((line) => line.startsWith("- "))) {
      const list = el("ul");
      for (const line of lines) list.appendChild(el("li")).append(...markedText(line.slice(2), pending));
      box.append(list);
    } else {
      box.appendChild(el("p")).append(...markedText(lines.join(" "), pending));
    }
  }
}

function renderHeader() {
  const box = document.getElementById("vacancy-header");
  box.replaceChildren();
  const h = draft.header;
  const date = h.closing_date && new Date(`${h.closing_date}T12:00:00`).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  const values = { location: h.location, hours: h.hours && `${h.hours} uur`, salary: h.salary, education_level: h.education_level, closing_date: date, vacancy_number: h.vacancy_number };
  for (const [key, value] of Object.entries(values)) {
    if (!value) continue;
    box.append(el("dt", options.header_labels[key] || key), el("dd", value));
  }
  if (!box.children.length) box.append(el("dd", "Geen gegevens in de kop: vul standplaats, uren of salaris in bij een nieuw concept.", { class: "hint" }));
}

function citationButton(n, suggestion, passageBox) {
  const source = draft.sources.find((s) => s.n === n);
  const button = el("button", `[${n}]`, { type: "button", class: "vac-cite", "aria-expanded": "false", "aria-label": `Bron ${n} tonen${source ? `: ${source.document_title}` : ""}` });
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") === "true";
    for (const other of passageBox.parentElement.querySelectorAll(".vac-cite")) other.setAttribute("aria-expanded", "false");
    passageBox.replaceChildren();
    passageBox.hidden = open;
    if (open || !source) return;
    button.setAttribute("aria-expanded", "true");
    passageBox.append(el("p", sourceLine(source), { class: "hint" }), el("blockquote", source.quote));
  });
  return button;
}

function suggestionItem(suggestion) {
  const item = el("li", undefined, { class: `vac-suggestion vac-${suggestion.status}` });
  const heading = el("p", undefined, { class: "vac-suggestion-label" });
  heading.append(el("strong", suggestion.label));
  if (suggestion.sector_wide) heading.append(" ", el("span", "hele sector", { class: "vac-badge" }));
  item.append(heading);
  const passageBox = el("div", undefined, { class: "vac-passage" });
  passageBox.hidden = true;
  const practice = el("p");
  for (const part of suggestion.practice.split(/(\[\d+\])/)) {
    const match = part.match(/^\[(\d+)\]$/);
    practice.append(match ? citationButton(Number(match[1]), suggestion, passageBox) : part);
  }
  item.append(practice, passageBox);
  item.append(el("p", `Tekst bij overnemen: ${suggestion.wording}`, { class: "hint" }));
  const state = { open: "Voorstel", accepted: "Overgenomen, te bevestigen", confirmed: "Bevestigd" }[suggestion.status];
  item.append(el("p", `Status: ${state}`, { class: "vac-state" }));
  const action = { open: ["Overnemen", "accept"], accepted: ["Bevestigen", "confirm"] }[suggestion.status];
  if (action) {
    const button = el("button", action[0], { type: "button", class: "secondary", "aria-label": `${action[0]}: ${suggestion.label}` });
    button.disabled = editing;
    if (editing) button.title = "Sla eerst uw wijzigingen op.";
    button.addEventListener("click", () => act(suggestion, action[1]));
    item.append(button);
  }
  return item;
}

function sectionRow(section, evidence) {
  const row = el("div", undefined, { class: "vac-row" });
  const article = el("section", undefined, { class: "card vac-text", "aria-label": section.title });
  const pending = (evidence?.suggestions || []).filter((s) => s.status === "accepted");
  if (editing) {
    const titleId = `vac-edit-title-${section.key}`;
    const textId = `vac-edit-text-${section.key}`;
    article.append(
      el("label", "Kop", { for: titleId }),
      el("input", undefined, { id: titleId, "data-title-for": section.key, maxlength: "120" }),
      el("label", "Tekst (lege regel = nieuwe alinea, '- ' = opsommingsteken)", { for: textId }),
      el("textarea", undefined, { id: textId, "data-text-for": section.key, rows: String(Math.min(18, 4 + section.text.split("\n").length)) }),
    );
    article.querySelector("input").value = section.title;
    article.querySelector("textarea").value = section.text;
  } else {
    article.append(el("h3", section.title));
    renderText(article, section.text, pending);
  }
  const aside = el("aside", undefined, { class: "card vac-evidence", "aria-label": `Onderbouwing bij ${section.title}` });
  aside.append(el("h4", `Onderbouwing: ${section.title}`));
  const suggestions = evidence?.suggestions || [];
  const list = el("ul", undefined, { class: "vac-suggestions" });
  for (const suggestion of suggestions) list.append(suggestionItem(suggestion));
  if (!suggestions.length) aside.append(el("p", "Geen voorstellen uit de documenten bij dit onderdeel.", { class: "hint" }));
  aside.append(list);
  row.append(article, aside);
  return row;
}

function render() {
  titleHeading.textContent = draft.title;
  titleHeading.hidden = editing;
  titleEdit.hidden = !editing;
  editButton.hidden = editing;
  saveButton.hidden = !editing;
  cancelButton.hidden = !editing;
  const updated = new Date(draft.updated).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
  document.getElementById("vacancy-meta").textContent = `Persona ${draft.persona.name} · ${draft.organisation} · bewaard ${updated}`;
  const note = document.getElementById("vacancy-note");
  note.hidden = !draft.note;
  note.textContent = draft.note ? `Uw notitie (niet in de vacature): ${draft.note}` : "";
  const problems = document.getElementById("vacancy-problems");
  problems.replaceChildren();
  if (draft.problems.length) {
    problems.append(el("p", "Nog niet klaar om te publiceren:", { class: "verdict-bad" }));
    const list = el("ul");
    for (const problem of draft.problems) list.append(el("li", problem));
    problems.append(list);
  } else {
    problems.append(el("p", "Klaar om te publiceren.", { class: "verdict-ok" }));
  }
  renderHeader();
  const bySection = new Map(draft.onderbouwing.map((o) => [o.section, o]));
  sectionsBox.replaceChildren(...draft.sections.map((section) => sectionRow(section, bySection.get(section.key))));
  renderChecks(document.getElementById("vacancy-checks"), draft.checks);
  renderSources(document.getElementById("vacancy-sources"), draft.sources);
}

export function showDraft(data, message = "") {
  draft = data;
  editing = false;
  localStorage.setItem(LAST_DRAFT, data.id);
  result.hidden = false;
  render();
  status.textContent = message;
}

export function closeDraft() {
  draft = null;
  editing = false;
  localStorage.removeItem(LAST_DRAFT);
  result.hidden = true;
}

async function act(suggestion, action) {
  try {
    const saved = await apiJson(sectionPath(`/suggestions/${encodeURIComponent(suggestion.id)}/${action}`), { method: "POST" });
    showDraft(saved, action === "accept" ? `Overgenomen: ${suggestion.label}. Bevestig het als uw organisatie dit echt biedt.` : `Bevestigd: ${suggestion.label}.`);
    changed();
  } catch (error) {
    status.textContent = `Niet gelukt: ${error.message}`;
  }
}

function startEditing() {
  editing = true;
  render();
  titleInput.value = draft.title;
  titleInput.focus();
  status.textContent = "U bewerkt de tekst. Kies Opslaan en controleren als u klaar bent.";
}

async function save() {
  try {
    const saved = await apiJson(sectionPath(), { method: "PUT", json: { title: titleInput.value, sections: editedSections() } });
    showDraft(saved, "Opgeslagen en opnieuw gecontroleerd.");
    titleHeading.focus();
    changed();
  } catch (error) {
    status.textContent = `Niet opgeslagen: ${error.message}`;
  }
}

function cancel() {
  if (hasUnsavedEdits() && !window.confirm("Uw wijzigingen weggooien?")) return;
  showDraft(draft, "Wijzigingen weggegooid.");
}

// The server names the file after the title (Content-Disposition); that name is kept for the download.
function fileName(response, part, format) {
  const header = response.headers.get("Content-Disposition") || "";
  const utf8 = header.match(/filename\*=UTF-8''([^;]+)/);
  if (utf8) return decodeURIComponent(utf8[1]);
  return header.match(/filename="([^"]+)"/)?.[1] || `${part}.${format}`;
}

async function download(part, format) {
  if (hasUnsavedEdits()) {
    status.textContent = "Sla uw wijzigingen eerst op; de download bevat de opgeslagen tekst.";
    return;
  }
  try {
    const response = await api(sectionPath(`/export?format=${format}&part=${part}`));
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", undefined, { href: url, download: fileName(response, part, format) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = `Gedownload: ${link.download}.`;
  } catch (error) {
    status.textContent = `Download niet gelukt: ${error.message}`;
  }
}

export function initDraftView() {
  editButton.addEventListener("click", startEditing);
  saveButton.addEventListener("click", save);
  cancelButton.addEventListener("click", cancel);
  for (const button of document.querySelectorAll(".vac-exports button")) {
    button.addEventListener("click", () => download(button.dataset.part, button.dataset.format));
  }
  window.addEventListener("beforeunload", (event) => {
    if (hasUnsavedEdits()) event.preventDefault();
  });
}
