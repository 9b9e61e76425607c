// The persona form: card <-> form fields, the word count of the working day, and errors shown next to the
// field they belong to. The server is the one judge of a card; this only places its Dutch messages.
import { el } from "./api.js";

const form = document.getElementById("persona-form");
const WORKING_DAY_WORDS = [60, 200];
const LISTS = ["tasks", "competencies"];

export const TEMPLATE = {
  id: "", name: "", role: "", chain_position: "advies", summary: "", tasks: [], working_day: "",
  competencies: [], education_level: "hbo",
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
  const scale = card.salary_scale || {};
  field("scale_min").value = scale.min ?? "";
  field("scale_max").value = scale.max ?? "";
  field("scale_note").value = scale.note ?? "";
  // The id names the file; renaming would be a new card, so it is fixed once saved.
  field("id").readOnly = existing;
  clearErrors();
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

export function clearErrors() {
  for (const box of form.querySelectorAll(".pf-field")) {
    box.classList.remove("pf-invalid");
    box.querySelector(".pf-error")?.remove();
    for (const input of box.querySelectorAll("input, select, textarea")) {
      input.removeAttribute("aria-invalid");
      const hints = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-error"));
      if (hints.length) input.setAttribute("aria-describedby", hints.join(" "));
      else input.removeAttribute("aria-describedby");
    }
  }
}

// "Personakaart invoer klopt niet: veld tasks, item 2: is te kort (…); veld working_day: moet 60 …."
// becomes {tasks: ["taak 2: is te kort (…)"], working_day: ["moet 60 …"]}; the rest stays general.
export function splitProblems(detail) {
  const body = detail.replace(/^[^:]*klopt niet:\s*/, "").replace(/\.$/, "");
  const byField = {};
  const general = [];
  for (const part of body.split("; ")) {
    const match = part.match(/^veld ([a-z_]+)((?:, [^:]+)?): (.+)$/);
    if (match && form.querySelector(`.pf-field[data-field="${match[1]}"]`)) {
      const where = match[2].replace(/^, /, "").replace(/^item (\d+)$/, "regel $1").replace(/^(min|max|note)$/, (k) => ({ min: "van", max: "tot en met", note: "toelichting" })[k]);
      (byField[match[1]] ||= []).push(where ? `${where}: ${match[3]}` : match[3]);
    } else {
      general.push(part);
    }
  }
  return { byField, general };
}

export function showErrors(byField) {
  clearErrors();
  for (const [name, problems] of Object.entries(byField)) {
    const box = form.querySelector(`.pf-field[data-field="${name}"]`);
    const message = el("p", problems.join(" "), { class: "pf-error", id: `pf-${name}-error` });
    box.classList.add("pf-invalid");
    const input = box.querySelector("input, select, textarea");
    input.after(message);
    for (const control of box.querySelectorAll("input, select, textarea")) {
      control.setAttribute("aria-invalid", "true");
      const described = control.getAttribute("aria-describedby");
      control.setAttribute("aria-describedby", `${described ? `${described} ` : ""}pf-${name}-error`);
    }
  }
  const first = form.querySelector(".pf-invalid input, .pf-invalid select, .pf-invalid textarea");
  // Move to the first wrong field, so the message is on screen and not below the fold.
  first?.focus();
  first?.scrollIntoView({ block: "center" });
}
