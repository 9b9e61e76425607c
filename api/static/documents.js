// Documents: list with metadata and passage counts, metadata editing, upload with the ingest job's
// phases, delete with confirmation.
import { api, apiHeaders, apiJson, el } from "./api.js";
import { forgetDocuments, openViewer } from "./viewer.js";

const rows = document.getElementById("document-rows");
const status = document.getElementById("upload-status");
const progressBox = document.getElementById("upload-progress");
const bar = document.getElementById("upload-bar");
const phaseText = document.getElementById("upload-phase");
const phaseList = document.getElementById("upload-phases");
const editDialog = document.getElementById("edit-dialog");
const editForm = document.getElementById("edit-form");
const editStatus = document.getElementById("edit-status");
let editing = null;
let editOpener = null;

// The ingest job's phases in order (GET /api/documents/jobs/{id} reports `phase` and `progress` 0..1).
const PHASES = ["opslaan", "lezen", "opdelen", "embedden", "klaar"];
const PHASE_LABELS = { opslaan: "Opslaan", lezen: "Lezen", opdelen: "Opdelen in passages", embedden: "Embedden", klaar: "Klaar" };
const FINAL = new Set(["klaar", "mislukt", "afgebroken"]);

export function passages(count) {
  return count === 1 ? "1 passage" : `${count} passages`;
}

function changed() {
  forgetDocuments();
  document.dispatchEvent(new CustomEvent("documents-changed"));
}

function cell(label, content) {
  const td = el("td", undefined, { "data-label": label });
  td.append(content);
  return td;
}

function row(doc) {
  const view = el("button", doc.title, { type: "button", class: "link", "aria-label": `${doc.title} bekijken` });
  view.addEventListener("click", () => openViewer({ documentId: doc.id, from: view }));
  const edit = el("button", "Aanpassen", { type: "button", class: "secondary small", "aria-label": `Aanpassen: ${doc.title}` });
  edit.addEventListener("click", () => openEdit(doc, edit));
  const remove = el("button", "Verwijderen", { type: "button", class: "danger small", "aria-label": `Verwijderen: ${doc.title}` });
  remove.addEventListener("click", () => removeDocument(doc));
  const tools = el("div", undefined, { class: "row-tools" });
  tools.append(edit, remove);
  const tr = el("tr");
  tr.append(
    cell("Titel", view),
    cell("Soort", doc.kind),
    cell("Jaar", doc.year ?? "–"),
    cell("Passages", passages(doc.chunk_count)),
    cell("Acties", tools),
  );
  return tr;
}

export async function loadDocuments() {
  const docs = await apiJson("/api/documents").catch((error) => {
    status.textContent = `Fout: ${error.message}`;
    return [];
  });
  rows.replaceChildren(...docs.map(row));
  const kinds = document.getElementById("kinds");
  kinds.replaceChildren(...[...new Set(docs.map((d) => d.kind))].sort().map((k) => el("option", undefined, { value: k })));
}

function openEdit(doc, opener) {
  editing = doc;
  editOpener = opener;
  editForm.elements.title.value = doc.title;
  editForm.elements.kind.value = doc.kind;
  editForm.elements.year.value = doc.year ?? "";
  editForm.elements.publisher.value = doc.publisher || "";
  editStatus.textContent = "";
  editDialog.showModal();
  editForm.elements.title.focus();
}

async function saveEdit() {
  const fields = editForm.elements;
  const body = {
    title: fields.title.value,
    kind: fields.kind.value,
    publisher: fields.publisher.value,
    year: fields.year.value === "" ? null : Number(fields.year.value),
  };
  editStatus.textContent = "Opslaan en opnieuw indexeren…";
  try {
    const saved = await apiJson(`/api/documents/${encodeURIComponent(editing.id)}`, { method: "PATCH", json: body });
    editDialog.close();
    status.textContent = `Opgeslagen: ${saved.title}.`;
    await loadDocuments();
    changed();
  } catch (error) {
    editStatus.textContent = error.message;
  }
}

// A core document of the corpus is only removed when its title is typed over.
function confirmRemoval(doc) {
  const question = `"${doc.title}" verwijderen? Het wordt daarna niet meer als bron gebruikt.`;
  if (!doc.core) return window.confirm(question) ? "" : null;
  return window.prompt(`${question}\nDit is een kerndocument. Typ de titel over om te bevestigen.`);
}

async function removeDocument(doc) {
  const confirmation = confirmRemoval(doc);
  if (confirmation === null) return;
  status.textContent = `Bezig met verwijderen van ${doc.title}…`;
  try {
    await api(`/api/documents/${encodeURIComponent(doc.id)}?bevestiging=${encodeURIComponent(confirmation)}`, { method: "DELETE" });
    status.textContent = `${doc.title} is verwijderd.`;
  } catch (error) {
    status.textContent = `Verwijderen mislukt: ${error.message}`;
  }
  await loadDocuments();
  changed();
}

function showPhase(phase, fraction) {
  const index = PHASES.indexOf(phase);
  phaseList.replaceChildren(...PHASES.map((name, i) => el("li", PHASE_LABELS[name], {
    class: i < index || phase === "klaar" ? "done" : i === index ? "current" : "",
  })));
  if (fraction === null) bar.removeAttribute("value");  // indeterminate: the server gives no fraction
  else bar.value = Math.round(100 * fraction);
  phaseText.textContent = index >= 0 ? `${PHASE_LABELS[phase]}…${fraction === null ? "" : ` ${Math.round(100 * fraction)}%`}` : "Bezig…";
}

function upload(file) {
  // XMLHttpRequest, because fetch cannot report upload progress; sending is the phase "opslaan".
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/documents");
    for (const [name, value] of Object.entries(apiHeaders())) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) showPhase("opslaan", event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      let body = {};
      try {
        body = JSON.parse(request.responseText || "{}");
      } catch {
        body = {};
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new Error(body.detail || `Fout ${request.status}`));
    });
    request.addEventListener("error", () => reject(new Error("De verbinding met de server viel weg.")));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

async function waitForJob(job) {
  for (;;) {
    const current = await apiJson(`/api/documents/jobs/${encodeURIComponent(job.id)}`);
    const phase = current.phase || (current.status === "klaar" ? "klaar" : "lezen");
    if (FINAL.has(current.status) || FINAL.has(phase)) return current;
    showPhase(phase, typeof current.progress === "number" ? current.progress : null);
    await new Promise((r) => setTimeout(r, 700));
  }
}

function uploadLimit(bytes) {
  document.getElementById("upload-limit").textContent = `${Math.round(bytes / 1_000_000)} MB`;
}

export function initDocuments() {
  apiJson("/api/start").then((info) => uploadLimit(info.max_upload_bytes)).catch(() => {});
  editForm.addEventListener("submit", (event) => {
    event.preventDefault();
    saveEdit();
  });
  document.getElementById("edit-cancel").addEventListener("click", () => editDialog.close());
  editDialog.addEventListener("close", () => editOpener?.focus());
  document.getElementById("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("upload-file");
    const file = input.files[0];
    if (!file) return;
    const submit = event.submitter;
    if (submit) submit.disabled = true;  // one upload at a time from this form
    progressBox.hidden = false;
    showPhase("opslaan", 0);
    status.textContent = `Uploaden van ${file.name}…`;
    let ok = false;
    try {
      const job = await upload(file);
      const done = await waitForJob(job);
      ok = done.status === "klaar";
      if (ok) showPhase("klaar", 1);
      status.textContent = ok ? `Klaar: ${done.detail}` : `Mislukt: ${done.detail}`;
      input.value = "";
    } catch (error) {
      // The server names what it accepts; older servers only gave the file's type, so the rule is added.
      const rule = /MB/.test(error.message) ? "" : ` Toegestaan: ${document.getElementById("upload-help").textContent}`;
      status.textContent = `Upload geweigerd: ${error.message}${rule}`;
    }
    progressBox.hidden = !ok;
    if (submit) submit.disabled = false;
    await loadDocuments();
    changed();
  });
}
