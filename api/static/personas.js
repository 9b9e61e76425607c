// Persona cards: view, add and edit. The server validates; its message says which field is wrong.
import { api, apiJson, el } from "./api.js";

const list = document.getElementById("persona-list");
const editor = document.getElementById("persona-json");
const status = document.getElementById("persona-status");
const title = document.getElementById("persona-editor-title");
let editing = null; // id of the card being edited, null for a new one

const TEMPLATE = {
  id: "nieuwe-persona", name: "", role: "", chain_position: "advies", summary: "", tasks: ["", "", ""],
  working_day: "", competencies: ["", "", "", ""], education_level: "hbo",
  salary_scale: { min: 9, max: 10, note: "Indicatie op basis van vergelijkbare functies." },
};

function edit(card) {
  editing = card ? card.id : null;
  title.textContent = card ? `Persona bewerken: ${card.name}` : "Nieuwe persona";
  const { source, updated, ...fields } = card || TEMPLATE;
  editor.value = JSON.stringify(fields, null, 2);
  status.textContent = "";
  editor.focus();
}

export async function loadPersonas() {
  const cards = await apiJson("/api/personas").catch(() => []);
  list.replaceChildren();
  for (const card of cards) {
    const button = el("button", `${card.name} – ${card.role}`, { type: "button" });
    button.addEventListener("click", () => edit(card));
    list.appendChild(el("li")).append(button);
  }
  return cards;
}

export function initPersonas() {
  document.getElementById("persona-new").addEventListener("click", () => edit(null));
  document.getElementById("persona-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    let card;
    try {
      card = JSON.parse(editor.value);
    } catch (error) {
      status.textContent = `Geen geldige JSON: ${error.message}`;
      return;
    }
    try {
      const path = editing ? `/api/personas/${encodeURIComponent(editing)}` : "/api/personas";
      const saved = await apiJson(path, { method: editing ? "PUT" : "POST", json: card });
      editing = saved.id;
      status.textContent = `Opgeslagen: ${saved.name}.`;
      await loadPersonas();
      document.dispatchEvent(new CustomEvent("personas-changed"));
    } catch (error) {
      status.textContent = `Niet opgeslagen: ${error.message}`;
    }
  });
}
