// The vacancy tab: choose a persona (radio cards with arrow keys), fill in the form with the options the
// server offers, and make a draft. The draft itself is shown by draft-view.js, the list by drafts.js.
import { apiJson, el } from "./api.js";
import { initDraftView, setOptions, showDraft } from "./draft-view.js";
import { loadDrafts, mayReplaceDraft } from "./drafts.js";
import { clearFieldErrors, describeRefusal, showFieldErrors } from "./form-errors.js";

const cardsBox = document.getElementById("persona-cards");
const form = document.getElementById("vacancy-form");
const status = document.getElementById("vacancy-status");
const salarySuggestion = document.getElementById("vf-salary-suggestion");
const personaError = document.getElementById("persona-cards-error");
let personaId = null;
let optionsLoaded = false;

function scaleText(scale) {
  return scale.min === scale.max ? `schaal ${scale.min}` : `schaal ${scale.min} tot en met ${scale.max}`;
}

// The persona's scale is a suggestion for the recruiter, never printed unless they take it over.
function suggestSalary(card) {
  const scale = scaleText(card.salary_scale);
  const take = el("button", "Overnemen", { type: "button", class: "secondary", "aria-label": `${scale} overnemen als salaris` });
  take.addEventListener("click", () => {
    form.elements.namedItem("salary").value = scale;
    form.elements.namedItem("salary").focus();
  });
  salarySuggestion.replaceChildren(`Suggestie uit de personakaart: ${scale} (indicatie). `, take);
  salarySuggestion.hidden = false;
}

function choose(button, card) {
  personaId = card.id;
  personaError.hidden = true;
  for (const other of cardsBox.children) {
    const chosen = other === button;
    other.setAttribute("aria-checked", String(chosen));
    other.tabIndex = chosen ? 0 : -1;
  }
  suggestSalary(card);
}

// Roving tabindex: the group is one tab stop; arrow keys move to the next card and choose it.
function onCardKey(event) {
  const cards = [...cardsBox.children];
  const index = cards.indexOf(event.currentTarget);
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  let next = null;
  if (step) next = cards[(index + step + cards.length) % cards.length];
  if (event.key === "Home") next = cards[0];
  if (event.key === "End") next = cards.at(-1);
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.click();
}

async function renderPersonaCards() {
  const cards = await apiJson("/api/personas").catch(() => []);
  cardsBox.replaceChildren();
  for (const card of cards) {
    const button = el("button", undefined, { type: "button", role: "radio", class: "persona-card", "aria-checked": "false", tabindex: "-1" });
    button.append(el("strong", card.name), el("span", card.role), el("span", card.summary, { class: "hint" }));
    button.addEventListener("click", () => choose(button, card));
    button.addEventListener("keydown", onCardKey);
    cardsBox.append(button);
    if (card.id === personaId) choose(button, card);
  }
  if (!cardsBox.querySelector('[aria-checked="true"]')) {
    personaId = null;
    salarySuggestion.hidden = true;
    if (cardsBox.firstChild) cardsBox.firstChild.tabIndex = 0;
  }
}

function fillSelect(name, entries) {
  const select = form.elements.namedItem(name);
  const keep = [...select.options].filter((o) => o.value === ""); // "Niet vermelden" stays first
  select.replaceChildren(...keep, ...entries.map(([value, label]) => el("option", label, { value })));
}

function renderWishes(wishes) {
  const box = document.getElementById("vf-wishes");
  box.replaceChildren();
  const address = () => form.elements.namedItem("address").value;
  for (const wish of wishes) {
    const id = `vf-wish-${wish.key}`;
    const label = el("label", undefined, { class: "vac-wish", for: id });
    const wording = el("span", wish.wording[address()], { class: "hint", id: `${id}-text` });
    label.append(el("input", undefined, { type: "checkbox", name: "wishes", value: wish.key, id, "aria-describedby": `${id}-text` }), el("span", wish.label), wording);
    box.append(label);
    form.elements.namedItem("address").addEventListener("change", () => { wording.textContent = wish.wording[address()]; });
  }
}

async function loadOptions() {
  if (optionsLoaded) return;
  try {
    const options = await apiJson("/api/vacancies/options");
    setOptions(options);
    fillSelect("organisation_type", Object.entries(options.organisation_types));
    fillSelect("education_level", options.education_levels.map((level) => [level, level]));
    fillSelect("tone", Object.entries(options.tones));
    fillSelect("address", Object.entries(options.addresses));
    renderWishes(options.wishes);
    optionsLoaded = true;
  } catch (error) {
    status.textContent = `Keuzes voor het formulier laden niet gelukt: ${error.message}`;
  }
}

// app.js calls this when the tab opens. It loads the whole tab, not only the cards (the name is kept so
// the tab wiring in app.js stays as it is): persona cards, form options, the saved drafts, and after a
// reload the last draft.
export async function loadPersonaCards() {
  await Promise.all([renderPersonaCards(), loadOptions()]);
  await loadDrafts();
}

function requestBody() {
  const body = { persona_id: personaId, wishes: [] };
  for (const [name, value] of new FormData(form)) {
    if (name === "wishes") body.wishes.push(value);
    else if (value.trim() !== "") body[name] = value.trim();
  }
  // A number when it is one; anything else goes as typed so the server can say what is wrong with it.
  if (body.hours && /^\d+$/.test(body.hours)) body.hours = Number(body.hours);
  return body;
}

function showPersonaError(show) {
  personaError.hidden = !show;
  if (show) cardsBox.querySelector('[tabindex="0"]')?.focus();
}

async function submit(event) {
  event.preventDefault();
  clearFieldErrors(form);
  showPersonaError(!personaId);
  if (!personaId) {
    status.textContent = "Niet gelukt: kies eerst een persona.";
    return;
  }
  if (!mayReplaceDraft()) return;
  status.textContent = "Bezig met schrijven…";
  try {
    const draft = await apiJson("/api/vacancies", { method: "POST", json: requestBody() });
    showDraft(draft, "Nieuw concept gemaakt en bewaard. Bekijk de onderbouwing naast de tekst.");
    status.textContent = `Concept klaar: ${draft.title}.`;
    await loadDrafts();
    document.getElementById("vacancy-title").focus();
  } catch (error) {
    const unplaced = showFieldErrors(form, error.fields);
    status.textContent = `Niet gelukt: ${describeRefusal(error, unplaced)}`;
  }
}

export function initVacancy() {
  form.addEventListener("submit", submit);
  initDraftView();
  document.addEventListener("personas-changed", renderPersonaCards);
  document.addEventListener("drafts-changed", loadDrafts);
}
