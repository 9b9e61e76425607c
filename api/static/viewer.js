// The document viewer: the whole redacted document as indexed, opened at a passage with the cited
// sentence highlighted. A side sheet on wide screens, a bottom sheet on phones; closing returns focus
// to the citation or source that opened it.
import { apiJson, el } from "./api.js";

const dialog = document.getElementById("viewer");
const body = document.getElementById("viewer-body");
const heading = document.getElementById("viewer-title");
const meta = document.getElementById("viewer-meta");
const where = document.getElementById("viewer-where");
const cache = new Map();
let opener = null;

export function forgetDocuments() {
  cache.clear();
}

async function fetchDocument(id) {
  if (!cache.has(id)) {
    cache.set(id, apiJson(`/api/documents/${encodeURIComponent(id)}`).catch((error) => {
      cache.delete(id);
      throw error;
    }));
  }
  return cache.get(id);
}

// Letters and digits only, with their offsets: the indexed passage repairs hyphenation and spacing and
// drops bullets, so the quote is looked up in the raw text by its letters and digits alone.
function compact(text, from = 0) {
  const chars = [];
  const offsets = [];
  for (let i = 0; i < text.length; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i])) continue;
    chars.push(text[i].toLowerCase());
    offsets.push(from + i);
  }
  return { text: chars.join(""), offsets };
}

export function locateQuote(text, start, end, quote) {
  if (!quote) return null;
  const haystack = compact(text.slice(start, end), start);
  const needle = compact(quote).text;
  const at = needle ? haystack.text.indexOf(needle) : -1;
  if (at < 0) return null;
  return { start: haystack.offsets[at], end: haystack.offsets[at + needle.length - 1] + 1 };
}

// Cut points in document order, each with the node to insert there.
function render(doc, passage, quote) {
  const marks = [];
  for (const page of doc.pages) marks.push({ at: page.start, node: () => el("span", `Pagina ${page.number}`, { class: "page-mark" }) });
  const text = doc.text;
  const fragment = document.createDocumentFragment();
  let current = null;
  const cuts = new Set([0, text.length, ...marks.map((m) => m.at)]);
  if (passage) cuts.add(passage.start).add(passage.end);
  if (quote) cuts.add(quote.start).add(quote.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    for (const mark of marks.filter((m) => m.at === from)) fragment.append(mark.node());
    if (passage && from === passage.start) {
      current = el("span", undefined, { class: "passage-current", id: "viewer-current", tabindex: "-1" });
      fragment.append(current);
    }
    const piece = text.slice(from, to);
    const node = quote && from >= quote.start && to <= quote.end ? el("mark", piece) : document.createTextNode(piece);
    (current && passage && to <= passage.end ? current : fragment).append(node);
    if (passage && to === passage.end) current = null;
  }
  return fragment;
}

function describe(doc, passage) {
  const d = doc.document;
  meta.textContent = [d.kind, d.year, d.publisher, d.pages ? `${d.pages} pagina's` : ""].filter(Boolean).join(" · ");
  if (!passage) {
    where.textContent = "";
    return;
  }
  const pages = passage.page ? (passage.page_end && passage.page_end !== passage.page ? `pagina ${passage.page}–${passage.page_end}` : `pagina ${passage.page}`) : "";
  where.textContent = ["Gemarkeerd: de geciteerde passage", passage.section ? `in “${passage.section}”` : "", pages].filter(Boolean).join(", ");
}

/** Open `documentId` at the passage `chunkId` with `quote` highlighted; `from` gets focus back on close. */
export async function openViewer({ documentId, chunkId, quote, from }) {
  opener = from || document.activeElement;
  heading.textContent = "Document laden…";
  body.replaceChildren();
  if (!dialog.open) dialog.showModal();
  let doc;
  try {
    doc = await fetchDocument(documentId);
  } catch (error) {
    heading.textContent = "Document niet beschikbaar";
    body.replaceChildren(el("p", error.message));
    return;
  }
  const passage = doc.passages.find((p) => p.id === chunkId) || null;
  const quoted = passage ? locateQuote(doc.text, passage.start, passage.end, quote) : null;
  heading.textContent = doc.document.title;
  describe(doc, passage);
  body.replaceChildren(render(doc, passage, quoted));
  const target = document.getElementById("viewer-current");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  } else {
    body.scrollTop = 0;
    body.focus();
  }
}

export function initViewer() {
  document.getElementById("viewer-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    opener?.focus();
    opener = null;
  });
  // A tap on the backdrop closes the sheet, as on other phone apps.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
}
