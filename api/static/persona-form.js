// The persona form: card <-> form fields and the word count of the working day. The server is the one
// judge of a card; form-errors.js places its Dutch messages beside the fields.
import { clearFieldErrors } from "./form-errors.js";

const form = document.getElementById("persona-form");
const WORKING_DAY_WORDS = [60, 200];
const LISTS = ["tasks", "competencies"];

export const TEMPLATE = {
  id: "", name: "", role: "", chain_position: "advies", summary: "", tasks: [], working_day: "",
  competencies: [], education_level: "hbo", target_groups: [],
  salary_scale: { min: 9, max: 10, note: "Indicatie op basis van vergelijkbare functies." },
};

function field(name) {
  return form.elements.namedItem(name);
}

const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);

function numberOrText(value) {
  // An empty or non-numeric scale goes to the server as typed, so its message names the problem.
  return value.trim() !== "" && Number.isInteger(Number(value)) ? Number(value) : value.trim();
}

export function readCard() {
  const card = {};
  for (const name of ["id", "name", "role", "chain_position", "summary", "working_day", "education_level"]) {
    card[name] = field(name).value.trim();
  }
  for (const name of LISTS) card[name] = lines(field(name).value);
  card.target_groups = [...form.querySelectorAll("[name=target_groups]:checked")].map((box) => box.value);
  card.salary_scale = {
    min: numberOrText(field("scale_min").value),
    max: numberOrText(field("scale_max").value),
    note: field("scale_note").value.trim(),
  };
  return card;
}

export function fillForm(card, { existing }) {
  for (const name of ["id", "name", "role", "chain_position", "summary", "working_day", "education_level"]) {
    field(name).value = card[name] ?? "";
  }
  for (const name of LISTS) field(name).value = (card[name] || []).join("\n");
  for (const box of form.querySelectorAll("[name=target_groups]")) box.checked = (card.target_groups || []).includes(box.value);
  const scale = card.salary_scale || {};
  field("scale_min").value = scale.min ?? "";
  field("scale_max").value = scale.max ?? "";
  field("scale_note").value = scale.note ?? "";
  // The id names the file; renaming would be a new card, so it is fixed once saved.
  field("id").readOnly = existing;
  clearFieldErrors(form);
  updateWordCount();
}

export function updateWordCount() {
  const words = field("working_day").value.split(/\s+/).filter(Boolean).length;
  const [low, high] = WORKING_DAY_WORDS;
  let verdict = "goed";
  if (words < low) verdict = `nog ${low - words} nodig`;
  else if (words > high) verdict = `${words - high} te veel`;
  document.getElementById("pf-day-count").textContent = `${words} woorden (${low} tot ${high}): ${verdict}.`;
}
