// Persona cards: a list, a form editor with errors beside each field, delete with confirmation, and the
// card as JSON for advanced users.
import { api, apiJson, el } from "./api.js";
import { describeRefusal, showFieldErrors } from "./form-errors.js";
import { TEMPLATE, fillForm, readCard, updateWordCount } from "./persona-form.js";

const list = document.getElementById("persona-list");
const status = document.getElementById("persona-status");
const title = document.getElementById("persona-editor-title");
const removeButton = document.getElementById("persona-delete");
const advanced = document.getElementById("persona-advanced");
const jsonBox = document.getElementById("persona-json");
const jsonError = document.getElementById("persona-json-error");
let editing = null; // the stored card being edited, null for a new one

function changed() {
  document.dispatchEvent(new CustomEvent("personas-changed"));
}

function showJson() {
  jsonBox.value = JSON.stringify(readCard(), null, 2);
  jsonError.hidden = true;
}

function edit(card, { focus = true } = {}) {
  editing = card;
  title.textContent = card ? `Persona bewerken: ${card.name}` : "Nieuwe persona";
  removeButton.hidden = !card;
  const { source, updated, ...fields } = card || TEMPLATE;
  fillForm(fields, { existing: Boolean(card) });
  status.textContent = "";
  if (advanced.open) showJson();
  if (focus) document.getElementById(card ? "pf-name" : "pf-id").focus();
}

export async function loadPersonas() {
  const cards = await apiJson("/api/personas").catch((error) => {
    status.textContent = `Persona's laden mislukt: ${error.message}`;
    return [];
  });
  list.replaceChildren();
  for (const card of cards) {
    const button = el("button", `${card.name} – ${card.role}`, { type: "button" });
    if (editing?.id === card.id) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => edit(card));
    list.appendChild(el("li")).append(button);
  }
  return cards;
}

async function save(event) {
  event.preventDefault();
  const card = readCard();
  try {
    const path = editing ? `/api/personas/${encodeURIComponent(editing.id)}` : "/api/personas";
    const saved = await apiJson(path, { method: editing ? "PUT" : "POST", json: card });
    edit(saved, { focus: false });
    status.textContent = `Opgeslagen: ${saved.name}.`;
    await loadPersonas();
    changed();
  } catch (error) {
    const unplaced = showFieldErrors(event.target, error.fields);
    status.textContent = `Niet opgeslagen: ${describeRefusal(error, unplaced)}`;
  }
}

async function remove() {
  if (!editing) return;
  const { id, name } = editing;
  if (!window.confirm(`Persona "${name}" verwijderen? Dit kan niet ongedaan worden gemaakt.`)) return;
  try {
    await api(`/api/personas/${encodeURIComponent(id)}`, { method: "DELETE" });
    edit(null, { focus: false });
    status.textContent = `${name} is verwijderd.`;
    await loadPersonas();
    changed();
    document.getElementById("persona-new").focus(); // the delete button is gone; keep the keyboard user on the panel
  } catch (error) {
    status.textContent = `Verwijderen mislukt: ${error.message}`;
  }
}

function applyJson() {
  let card;
  try {
    card = JSON.parse(jsonBox.value);
  } catch (error) {
    jsonError.textContent = `Geen geldige JSON: ${error.message}`;
    jsonError.hidden = false;
    jsonBox.focus();
    return;
  }
  if (!card || typeof card !== "object" || Array.isArray(card)) {
    jsonError.textContent = "De kaart moet een object met velden zijn, tussen { en }.";
    jsonError.hidden = false;
    return;
  }
  // A misspelt key would otherwise vanish without a word; the server refuses unknown fields too.
  const unknown = Object.keys(card).filter((key) => !(key in TEMPLATE) && key !== "source" && key !== "updated");
  if (unknown.length) {
    jsonError.textContent = `Onbekende velden: ${unknown.join(", ")}. Bekende velden: ${Object.keys(TEMPLATE).join(", ")}.`;
    jsonError.hidden = false;
    jsonBox.focus();
    return;
  }
  fillForm({ ...TEMPLATE, ...card }, { existing: Boolean(editing) });
  jsonError.hidden = true;
  status.textContent = "JSON in het formulier gezet. Kies Opslaan om te bewaren.";
}

export function initPersonas() {
  const form = document.getElementById("persona-form");
  document.getElementById("persona-new").addEventListener("click", () => edit(null));
  form.addEventListener("submit", save);
  form.addEventListener("input", () => {
    updateWordCount();
    if (advanced.open) showJson();
  });
  removeButton.addEventListener("click", remove);
  advanced.addEventListener("toggle", () => advanced.open && showJson());
  document.getElementById("persona-json-apply").addEventListener("click", applyJson);
  edit(null, { focus: false });
}
