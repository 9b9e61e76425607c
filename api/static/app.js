// Chat page: streams answers over Server-Sent Events. Everything from documents or users is inserted
// with textContent, never as HTML, because the corpus and uploads may contain markup.
"use strict";

const messages = document.getElementById("messages");
const form = document.getElementById("ask-form");
const question = document.getElementById("question");
const sourcePanel = document.getElementById("source");
let conversationId = null;

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function showSource(citation) {
  sourcePanel.replaceChildren(
    el("h3", citation.document_title),
    el("p", citation.section + (citation.page ? ` (pagina ${citation.page})` : ""), "sources"),
  );
  const quote = el("blockquote");
  quote.appendChild(el("mark", citation.quote));
  sourcePanel.appendChild(quote);
  sourcePanel.focus();
}

function renderAnswer(box, answer) {
  box.replaceChildren();
  if (answer.abstained) box.classList.add("abstained");
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const paragraph = el("p");
  for (const part of answer.text.split(/(\[\d+\])/)) {
    const match = part.match(/^\[(\d+)\]$/);
    const citation = match && byNumber.get(Number(match[1]));
    if (citation) {
      const link = el("a", part, "cite");
      link.href = "#source";
      link.setAttribute("aria-label", `Bron ${citation.n}: ${citation.document_title}`);
      link.addEventListener("click", (event) => { event.preventDefault(); showSource(citation); });
      paragraph.appendChild(link);
    } else {
      paragraph.appendChild(document.createTextNode(part));
    }
  }
  box.appendChild(paragraph);
  const list = el("ol", undefined, "sources");
  const shown = answer.abstained ? answer.passages.map((p) => `Mogelijk relevant: ${p.document_title} – ${p.section}`)
    : answer.citations.map((c) => `${c.document_title} – ${c.section}`);
  for (const line of shown) list.appendChild(el("li", line));
  box.appendChild(list);
}

async function ask(text) {
  messages.appendChild(el("p", text, "message user"));
  const box = el("div", "", "message");
  messages.appendChild(box);
  const response = await fetch("/api/chat/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ question: text, conversation_id: conversationId }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ detail: response.statusText }));
    box.textContent = `Fout: ${body.detail}`;
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const events = buffer.split(/\r?\n\r?\n/);
    buffer = events.pop();
    for (const raw of events) handleEvent(box, raw);
  }
}

function handleEvent(box, raw) {
  const type = (raw.match(/^event: ?(.*)$/m) || [])[1];
  const data = raw.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
  if (!type || !data) return;
  const payload = JSON.parse(data);
  if (type === "delta") box.textContent += payload.text;
  if (type === "error") box.textContent = `Fout: ${payload.detail}`;
  if (type === "done") { conversationId = payload.conversation_id; renderAnswer(box, payload); }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (!text) return;
  question.value = "";
  ask(text).catch((error) => messages.appendChild(el("p", `Fout: ${error.message}`, "message")));
});

document.getElementById("new-conversation").addEventListener("click", () => {
  conversationId = null;
  messages.replaceChildren();
  question.focus();
});

fetch("/api/documents").then((r) => (r.ok ? r.json() : [])).then((docs) => {
  const list = document.getElementById("documents");
  for (const doc of docs) list.appendChild(el("li", `${doc.title} (${doc.chunk_count} passages)`));
});
