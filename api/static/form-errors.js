// Errors shown where the field is: the server sends one Dutch message per field name ("fields"); each
// lands under the control inside the form's [data-field="name"] box, which gets aria-invalid and the focus.
import { el } from "./api.js";

function controls(box) {
  return box.querySelectorAll("input, select, textarea");
}

export function clearFieldErrors(form) {
  for (const box of form.querySelectorAll("[data-field].field-invalid")) {
    box.classList.remove("field-invalid");
    box.querySelector(".field-error")?.remove();
    for (const control of controls(box)) {
      control.removeAttribute("aria-invalid");
      const kept = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-error"));
      if (kept.length) control.setAttribute("aria-describedby", kept.join(" "));
      else control.removeAttribute("aria-describedby");
    }
  }
}

// Returns the messages that have no field in this form, for the general status line.
export function showFieldErrors(form, fields) {
  clearFieldErrors(form);
  const unplaced = [];
  for (const [name, message] of Object.entries(fields || {})) {
    const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!box) {
      unplaced.push(message);
      continue;
    }
    const id = `${form.id}-${name}-error`;
    box.classList.add("field-invalid");
    const anchor = box.querySelector(".field-error-anchor") || [...controls(box)].at(-1);
    anchor.after(el("p", message, { class: "field-error", id }));
    for (const control of controls(box)) {
      control.setAttribute("aria-invalid", "true");
      const described = control.getAttribute("aria-describedby");
      control.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
    }
  }
  // The first wrong field in reading order gets the focus, so its message is on screen, not below the fold.
  const first = form.querySelector(".field-invalid input, .field-invalid select, .field-invalid textarea");
  first?.focus();
  first?.scrollIntoView({ block: "center" });
  return unplaced;
}

export function describeRefusal(error, unplaced) {
  const placed = Object.keys(error.fields || {}).length - unplaced.length;
  if (!placed) return error.message;
  const where = placed === 1 ? "1 veld klopt niet; de melding staat bij het veld." : `${placed} velden kloppen niet; de meldingen staan bij de velden.`;
  return [where, ...unplaced].join(" ");
}
