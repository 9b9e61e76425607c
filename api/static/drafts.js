// The recruiter's saved drafts: list, reopen, duplicate and delete (with confirmation). Opening another
// draft asks first when the open one has unsaved edits.
import { api, apiJson, el } from "./api.js";
import { closeDraft, currentDraft, hasUnsavedEdits, lastDraftId, showDraft } from "./draft-view.js";

const list = document.getElementById("vacancy-drafts");
const empty = document.getElementById("vacancy-drafts-empty");
const status = document.getElementById("vacancy-status");
let restored = false;

const UNSAVED = "U hebt wijzigingen in de open tekst die nog niet zijn opgeslagen. Die gaan verloren. Doorgaan?";

// True when it is fine to replace what is on screen.
export function mayReplaceDraft() {
  return !hasUnsavedEdits() || window.confirm(UNSAVED);
}

async function open(id, message, { focus = true } = {}) {
  try {
    showDraft(await apiJson(`/api/vacancies/${encodeURIComponent(id)}`), message);
    await loadDrafts();
    if (focus) document.getElementById("vacancy-title").focus();
  } catch (error) {
    status.textContent = `Openen niet gelukt: ${error.message}`;
  }
}

async function duplicate(summary) {
  if (!mayReplaceDraft()) return;
  try {
    const copy = await apiJson(`/api/vacancies/${encodeURIComponent(summary.id)}/duplicate`, { method: "POST" });
    showDraft(copy, `Kopie gemaakt: ${copy.title}.`);
    await loadDrafts();
  } catch (error) {
    status.textContent = `Kopiëren niet gelukt: ${error.message}`;
  }
}

async function remove(summary) {
  if (!window.confirm(`Concept "${summary.title}" verwijderen? Dit kan niet ongedaan worden gemaakt.`)) return;
  try {
    await api(`/api/vacancies/${encodeURIComponent(summary.id)}`, { method: "DELETE" });
    if (currentDraft()?.id === summary.id) closeDraft();
    status.textContent = `Concept "${summary.title}" is verwijderd.`;
    await loadDrafts();
    document.getElementById("vacancy-drafts-title").focus(); // its row is gone; stay in the list
  } catch (error) {
    status.textContent = `Verwijderen niet gelukt: ${error.message}`;
  }
}

function row(summary) {
  const item = el("li", undefined, { class: "vac-draft" });
  if (currentDraft()?.id === summary.id) item.setAttribute("aria-current", "true");
  const date = new Date(summary.updated).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
  item.append(el("strong", summary.title), el("span", `${summary.persona.name} · ${summary.organisation} · ${date}`, { class: "hint" }));
  const actions = el("div", undefined, { class: "vac-draft-actions" });
  const buttons = [
    ["Openen", "", () => mayReplaceDraft() && open(summary.id, `Geopend: ${summary.title}.`)],
    ["Dupliceren", "secondary", () => duplicate(summary)],
    ["Verwijderen", "danger", () => remove(summary)],
  ];
  for (const [label, kind, handler] of buttons) {
    const button = el("button", label, { type: "button", class: kind, "aria-label": `${label}: ${summary.title}` });
    button.addEventListener("click", handler);
    actions.append(button);
  }
  item.append(actions);
  return item;
}

export async function loadDrafts() {
  let drafts;
  try {
    drafts = await apiJson("/api/vacancies");
  } catch (error) {
    status.textContent = `Concepten laden niet gelukt: ${error.message}`;
    return;
  }
  list.replaceChildren(...drafts.map(row));
  empty.hidden = drafts.length > 0;
  // After a page reload the last draft comes back on screen, once.
  if (!restored && !currentDraft()) {
    restored = true;
    const last = drafts.find((d) => d.id === lastDraftId()) || drafts[0];
    if (last) await open(last.id, `Laatste concept heropend: ${last.title}.`, { focus: false });
  }
}
