// Chat: streamed answers with citations that open the document viewer, feedback and filters.
// The newest question and answer come first, right under the question box, so a phone shows them
// without scrolling; earlier turns follow.
import { api, apiHeaders, apiJson, el } from "./api.js";
import { loadConversations, setCurrentConversation } from "./conversations.js";
import { showStart } from "./start.js";
import { openViewer } from "./viewer.js";

const messages = document.getElementById("messages");
const question = document.getElementById("question");
let conversationId = null;

function openButton(label, passage, quote, attrs = {}) {
  const button = el("button", label, { type: "button", class: "source-link", ...attrs });
  button.addEventListener("click", () =>
    openViewer({ documentId: passage.document_id, chunkId: passage.chunk_id, quote, from: button }));
  return button;
}

function feedbackButtons(answer, position) {
  const box = el("div", undefined, { class: "feedback" });
  const send = async (rating, button) => {
    const comment = rating < 0 ? window.prompt("Wat klopte er niet? (optioneel)") || "" : "";
    await api("/api/feedback", { method: "POST", json: { conversation_id: answer.conversation_id, position, rating, comment } });
    button.textContent = "Bedankt!";
    for (const b of box.querySelectorAll("button")) b.disabled = true;
  };
  const up = el("button", "Nuttig", { type: "button", class: "secondary" });
  const down = el("button", "Niet goed", { type: "button", class: "secondary" });
  up.addEventListener("click", () => send(1, up));
  down.addEventListener("click", () => send(-1, down));
  box.append(up, down);
  return box;
}

function citationLink(part, citation) {
  const label = `Bron ${citation.n}: ${citation.document_title}${citation.page ? `, pagina ${citation.page}` : ""}`;
  const link = el("a", part, { class: "cite", href: `#bron-${citation.n}`, "aria-label": label, title: label });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    openViewer({ documentId: citation.document_id, chunkId: citation.chunk_id, quote: citation.quote, from: link });
  });
  return link;
}

function withCitations(node, text, byNumber) {
  for (const part of text.split(/(\[\d+\])/)) {
    const match = part.match(/^\[(\d+)\]$/);
    const citation = match && byNumber.get(Number(match[1]));
    node.append(citation ? citationLink(part, citation) : part);
  }
}

export function renderAnswer(box, answer, position) {
  box.replaceChildren();
  box.classList.toggle("abstained", answer.abstained);
  // Typing errors put right against the documents' words: say how the question was read.
  if (answer.read_as) {
    const label = answer.language === "en" ? "Read as" : "Gelezen als";
    box.append(el("p", `${label}: ${answer.read_as}`, { class: "read-as" }));
  }
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  // A list in the source comes as "\n- item" lines: show it as a list. Other line breaks are the PDF's
  // own, inside a verbatim quote, and run on as one paragraph; a line after a list item starts the next
  // quote.
  const blocks = [];
  for (const line of answer.text.split("\n")) {
    const item = line.match(/^\s*- (.*)$/);
    const last = blocks.at(-1);
    if (item) blocks.push({ item: true, text: item[1] });
    else if (last && !last.item) last.text += ` ${line}`;
    else blocks.push({ item: false, text: line });
  }
  let list = null;
  for (const block of blocks) {
    if (block.item) {
      list ??= box.appendChild(el("ul", undefined, { class: "answer-list" }));
      withCitations(list.appendChild(el("li")), block.text, byNumber);
    } else if (block.text.trim()) {
      list = null;
      withCitations(box.appendChild(el("p")), block.text, byNumber);
    }
  }
  if (answer.notice) box.append(el("p", answer.notice, { class: "notice" }));
  const sources = el("ol", undefined, { class: "sources" });
  if (answer.abstained && answer.passages.length) {
    box.append(el("p", "Mogelijk relevant (open de passage om zelf te lezen):", { class: "hint" }));
    for (const p of answer.passages) {
      const label = `${p.document_title} – ${p.section}${p.page ? `, p. ${p.page}` : ""}`;
      sources.appendChild(el("li")).append(openButton(label, p, ""));
    }
  } else {
    for (const c of answer.citations) {
      const label = `[${c.n}] ${c.document_title} – ${c.section}${c.page ? `, p. ${c.page}` : ""}`;
      sources.appendChild(el("li")).append(openButton(label, c, c.quote));
    }
  }
  box.append(sources);
  if (answer.conversation_id) box.append(feedbackButtons(answer, position));
}

function filters() {
  const document_ = document.getElementById("filter-document").value;
  const organisation = document.getElementById("filter-organisation").value.trim();
  const year = document.getElementById("filter-year").value;
  const chosen = {};
  if (document_) chosen.document = [document_];
  if (organisation) chosen.organisation = organisation;
  if (year) chosen.year = Number(year);
  return Object.keys(chosen).length ? chosen : null;
}

function handleEvent(box, raw, position) {
  const type = (raw.match(/^event: ?(.*)$/m) || [])[1];
  const data = raw.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
  if (!type || !data) return;
  const payload = JSON.parse(data);
  if (type === "delta") box.textContent += payload.text;
  if (type === "error") box.textContent = `Fout: ${payload.detail}`;
  if (type === "done") {
    conversationId = payload.conversation_id;
    setCurrentConversation(conversationId);
    renderAnswer(box, payload, position);
    loadConversations();
  }
}

function addTurn(text) {
  const turn = el("article", undefined, { class: "turn" });
  const box = el("div", "", { class: "message", "aria-busy": "true" });
  turn.append(el("p", text, { class: "message user" }), box);
  messages.prepend(turn);
  return box;
}

// The answer stream is read with XMLHttpRequest, not fetch: Chromium reports a fetch body read with a
// stream reader as aborted (net::ERR_ABORTED) even when the server ended it properly, whereas XHR's
// progress events give the same step-by-step text and a cleanly finished request.
function postEvents(path, json, onEvent) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let read = 0;
    const drain = (final) => {
      const fresh = request.responseText.slice(read);
      const events = fresh.split(/\r?\n\r?\n/);
      const rest = final ? "" : events.pop();
      read = request.responseText.length - rest.length;
      for (const raw of events) if (raw.trim()) onEvent(raw);
    };
    request.open("POST", path);
    for (const [name, value] of Object.entries(apiHeaders({ "Content-Type": "application/json", Accept: "text/event-stream" }))) {
      request.setRequestHeader(name, value);
    }
    request.addEventListener("progress", () => {
      if (request.status === 200) drain(false);
    });
    request.addEventListener("load", () => {
      if (request.status === 200) drain(true);
      resolve(request);
    });
    request.addEventListener("error", () => reject(new Error("De verbinding met de server viel weg.")));
    request.send(JSON.stringify(json));
  });
}

export async function ask(text) {
  showStart(false);
  const box = addTurn(text);
  const position = messages.querySelectorAll(".message.user").length - 1;
  try {
    const body = { question: text, conversation_id: conversationId, filters: filters() };
    const request = await postEvents("/api/chat/stream", body, (raw) => handleEvent(box, raw, position));
    if (request.status !== 200) {
      let detail = request.statusText || `Fout ${request.status}`;
      try {
        detail = JSON.parse(request.responseText).detail || detail;
      } catch {
        // not JSON: keep the status text
      }
      box.textContent = `Fout: ${detail}`;
      if (request.status === 401) document.dispatchEvent(new CustomEvent("needs-key"));
    }
  } finally {
    box.removeAttribute("aria-busy");
  }
}

export async function openConversation(id) {
  const conversation = await apiJson(`/api/conversations/${encodeURIComponent(id)}`);
  conversationId = conversation.id;
  setCurrentConversation(conversationId);
  showStart(false);
  messages.replaceChildren();
  for (const turn of conversation.turns) {
    const box = addTurn(turn.question);
    box.removeAttribute("aria-busy");
    renderAnswer(box, { ...turn.answer, conversation_id: conversation.id }, turn.position);
  }
  question.focus();
}

export function newConversation() {
  conversationId = null;
  setCurrentConversation(null);
  messages.replaceChildren();
  showStart(true);
  question.focus();
}

export async function loadDocumentFilter() {
  const select = document.getElementById("filter-document");
  const docs = await apiJson("/api/documents").catch(() => []);
  select.replaceChildren(el("option", "Alle documenten", { value: "" }));
  for (const d of docs) select.append(el("option", d.title, { value: d.id }));
  return docs;
}

export function submitQuestion(text) {
  ask(text).catch((error) => {
    const box = messages.querySelector(".message[aria-busy]") || addTurn(text);
    box.textContent = `Fout: ${error.message}`;
  });
}

export function initChat() {
  document.getElementById("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) return;
    question.value = "";
    submitQuestion(text);
  });
  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      document.getElementById("ask-form").requestSubmit();
    }
  });
}
