// Vacancy texts: choose a persona, fill in the organisation, get a draft with its checks and sources.
import { api, apiJson, el } from "./api.js";

const cardsBox = document.getElementById("persona-cards");
const form = document.getElementById("vacancy-form");
const status = document.getElementById("vacancy-status");
const result = document.getElementById("vacancy-result");
const textArea = document.getElementById("vacancy-text");
let personaId = null;
let draft = null;

export async function loadPersonaCards() {
  const cards = await apiJson("/api/personas").catch(() => []);
  cardsBox.replaceChildren();
  for (const card of cards) {
    const button = el("button", undefined, { type: "button", role: "radio", class: "persona-card", "aria-checked": "false" });
    button.append(el("strong", card.name), el("span", card.role), el("p", card.summary, { class: "hint" }));
    button.addEventListener("click", () => {
      personaId = card.id;
      for (const other of cardsBox.children) other.setAttribute("aria-checked", String(other === button));
    });
    cardsBox.append(button);
  }
}

function renderChecks(checks) {
  const box = document.getElementById("vacancy-checks");
  box.replaceChildren();
  if (!checks) return;
  const r = checks.readability;
  box.append(el("p", r.b1 ? "B1: begrijpelijk voor de meeste lezers" : "B1: nog te moeilijk", { class: r.b1 ? "verdict-ok" : "verdict-bad" }));
  box.append(el("p", `Flesch-Douma ${r.score.toFixed(0)}, gemiddeld ${r.avg_sentence_length.toFixed(1)} woorden per zin.`, { class: "hint" }));
  if (checks.length) box.append(el("p", checks.length.message || `${checks.length.words} woorden (${checks.length.verdict})`));
  const lists = [
    ["Moeilijke zinnen", (r.difficult_sentences || []).map((s) => `${s.text} (${(s.reasons || []).join(", ")})`)],
    ["Inclusief schrijven", (checks.inclusive || []).map((f) => `"${f.text}": ${f.message} Suggestie: ${f.suggestion}`)],
    ["Ambtelijke taal", (checks.jargon || []).map((f) => `"${f.text}" → ${f.suggestion}`)],
  ];
  for (const [heading, items] of lists) {
    box.append(el("h3", `${heading} (${items.length})`));
    const list = el("ul");
    for (const item of items) list.append(el("li", item, { class: "finding" }));
    box.append(list);
  }
}

function renderSources(sources, persona) {
  const list = document.getElementById("vacancy-sources");
  list.replaceChildren();
  if (persona) list.append(el("li", `${persona.label}: ${persona.note}`));
  for (const s of sources || []) {
    const item = el("li", `[${s.n}] ${s.document_title} – ${s.section}${s.page ? `, p. ${s.page}` : ""}`);
    if (s.quote) item.append(el("blockquote", s.quote));
    list.append(item);
  }
}

function show(data) {
  draft = data;
  result.hidden = false;
  document.getElementById("vacancy-title").textContent = data.title || "Concept";
  textArea.value = data.text;
  renderChecks(data.checks);
  renderSources(data.sources, data.persona);
  if (data.notice) status.textContent = data.notice;
}

async function download(format) {
  const response = await api(`/api/vacancies/${encodeURIComponent(draft.id)}/export?format=${format}`);
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", undefined, { href: url, download: `vacature.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function initVacancy() {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!personaId) {
      status.textContent = "Kies eerst een persona.";
      cardsBox.querySelector("button")?.focus();
      return;
    }
    const values = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ""));
    if (values.hours) values.hours = Number(values.hours);
    status.textContent = "Bezig met schrijven…";
    try {
      show(await apiJson("/api/vacancies", { method: "POST", json: { ...values, persona_id: personaId } }));
      status.textContent = "Concept klaar. Controleer de tekst en de bronnen.";
    } catch (error) {
      status.textContent = `Niet gelukt: ${error.message}`;
    }
  });
  document.getElementById("vacancy-save").addEventListener("click", async () => {
    try {
      show(await apiJson(`/api/vacancies/${encodeURIComponent(draft.id)}`, { method: "PUT", json: { text: textArea.value } }));
      status.textContent = "Wijzigingen opgeslagen en opnieuw gecontroleerd.";
    } catch (error) {
      status.textContent = `Niet opgeslagen: ${error.message}`;
    }
  });
  document.getElementById("vacancy-copy").addEventListener("click", async () => {
    await navigator.clipboard.writeText(textArea.value).catch(() => textArea.select());
    status.textContent = "Tekst gekopieerd.";
  });
  for (const format of ["docx", "md"]) {
    document.getElementById(`vacancy-${format}`).addEventListener("click", (event) => {
      event.preventDefault();
      if (draft) download(format).catch((error) => { status.textContent = `Download mislukt: ${error.message}`; });
    });
  }
  document.addEventListener("personas-changed", loadPersonaCards);
}
