// The start screen of an empty conversation: what the assistant does, the documents it knows and
// example questions (from assistant/data/start_nl.yaml, served by /api/start) that are asked on a click.
import { apiJson, el } from "./api.js";

const start = document.getElementById("start");

export function showStart(visible) {
  start.hidden = !visible;
}

function describe(doc) {
  return [doc.kind, doc.year].filter((v) => v !== null && v !== undefined && v !== "").join(", ");
}

export function showDocuments(docs) {
  const list = document.getElementById("known-documents");
  list.replaceChildren();
  for (const doc of docs) {
    const item = el("li");
    item.append(el("span", doc.title, { class: "doc-title" }));
    const about = describe(doc);
    if (about) item.append(" ", el("span", `(${about})`, { class: "hint" }));
    list.append(item);
  }
}

export async function loadStart(onAsk) {
  const content = await apiJson("/api/start").catch(() => null);
  if (!content) return;
  document.getElementById("start-purpose").textContent = content.purpose;
  const examples = document.getElementById("examples");
  examples.replaceChildren();
  for (const text of content.examples) {
    const button = el("button", text, { type: "button", class: "example" });
    button.addEventListener("click", () => onAsk(text));
    examples.appendChild(el("li")).append(button);
  }
}
