// Documents: list with metadata and chunk counts, upload with progress and status, delete with confirmation.
import { api, apiHeaders, apiJson, el } from "./api.js";
import { loadDocumentFilter } from "./chat.js";

const rows = document.getElementById("document-rows");
const status = document.getElementById("upload-status");
const progress = document.getElementById("upload-progress");

export async function loadDocuments() {
  const docs = await apiJson("/api/documents").catch((error) => {
    status.textContent = `Fout: ${error.message}`;
    return [];
  });
  rows.replaceChildren();
  for (const doc of docs) {
    const remove = el("button", "Verwijderen", { type: "button", class: "danger", "aria-label": `Verwijder ${doc.title}` });
    remove.addEventListener("click", () => removeDocument(doc));
    const row = el("tr");
    row.append(el("td", doc.title), el("td", doc.kind), el("td", doc.year ?? "–"), el("td", doc.chunk_count));
    row.appendChild(el("td")).append(remove);
    rows.append(row);
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
  await loadDocumentFilter();
}

function upload(file) {
  // XMLHttpRequest, because fetch cannot report upload progress.
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/documents");
    for (const [name, value] of Object.entries(apiHeaders())) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
    });
    request.addEventListener("load", () => {
      const body = JSON.parse(request.responseText || "{}");
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
    const current = await apiJson(`/api/documents/jobs/${job.id}`);
    if (current.status === "klaar" || current.status === "mislukt") return current;
    status.textContent = `Status: ${current.status}…`;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function initDocuments() {
  document.getElementById("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("upload-file");
    const file = input.files[0];
    if (!file) return;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Uploaden van ${file.name}…`;
    try {
      const job = await upload(file);
      const done = await waitForJob(job);
      status.textContent = done.status === "klaar" ? `Klaar: ${done.detail}` : `Mislukt: ${done.detail}`;
      input.value = "";
    } catch (error) {
      status.textContent = `Upload geweigerd: ${error.message}`;
    }
    progress.hidden = true;
    await loadDocuments();
    await loadDocumentFilter();
  });
}
