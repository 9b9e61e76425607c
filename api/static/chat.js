// Chat: streamed answers with clickable citations, conversations, feedback and filters.
import { api, apiHeaders, apiJson, el } from "./api.js";

const messages = document.getElementById("messages");
const question = document.getElementById("question");
const sourcePanel = document.getElementById("source");
const conversationList = document.getElementById("conversations");
let conversationId = null;

function showSource(citation, passage) {
  sourcePanel.replaceChildren(
    el("h3", citation.document_title),
    el("p", citation.section + (citation.page ? ` (pagina ${citation.page})` : ""), { class: "hint" }),
  );
  // The quoted sentence(s) highlighted inside the passage they came from.
  const block = el("blockquote");
  const text = passage ? passage.text : citation.quote;
  const at = text.indexOf(citation.quote);
  if (at >= 0) {
    block.append(text.slice(0, at), el("mark", citation.quote), text.slice(at + citation.quote.length));
  } else {
    block.append(el("mark", citation.quote));
  }
  sourcePanel.append(block);
  sourcePanel.focus();
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

export function renderAnswer(box, answer, position) {
  box.replaceChildren();
  box.classList.toggle("abstained", answer.abstained);
  const passages = new Map(answer.passages.map((p) => [p.chunk_id, p]));
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  const paragraph = el("p");
  for (const part of answer.text.split(/(\[\d+\])/)) {
    const match = part.match(/^\[(\d+)\]$/);
    const citation = match && byNumber.get(Number(match[1]));
    if (citation) {
      const link = el("a", part, { class: "cite", href: "#source", "aria-label": `Bron ${citation.n}: ${citation.document_title}` });
      link.addEventListener("click", (event) => { event.preventDefault(); showSource(citation, passages.get(citation.chunk_id)); });
      paragraph.append(link);
    } else {
      paragraph.append(part);
    }
  }
  box.append(paragraph);
  if (answer.notice) box.append(el("p", answer.notice, { class: "notice" }));
  const list = el("ol", undefined, { class: "sources" });
  if (answer.abstained) {
    box.append(el("p", "Mogelijk relevant:", { class: "hint" }));
    for (const p of answer.passages) list.append(el("li", `${p.document_title} – ${p.section}`));
  } else {
    for (const c of answer.citations) list.append(el("li", `[${c.n}] ${c.document_title} – ${c.section}${c.page ? `, p. ${c.page}` : ""}`));
  }
  box.append(list);
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
    renderAnswer(box, payload, position);
    loadConversations();
  }
}

async function ask(text) {
  messages.append(el("p", text, { class: "message user" }));
  const box = el("div", "", { class: "message", "aria-busy": "true" });
  messages.append(box);
  const position = messages.querySelectorAll(".message.user").length - 1;
  const response = await fetch("/api/chat/stream", {
    method: "POST",
    headers: apiHeaders({ "Content-Type": "application/json" }),
    body: JSON.stringify({ question: text, conversation_id: conversationId, filters: filters() }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ detail: response.statusText }));
    box.textContent = `Fout: ${body.detail}`;
    if (response.status === 401) document.dispatchEvent(new CustomEvent("needs-key"));
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
    for (const raw of events) handleEvent(box, raw, position);
  }
  box.removeAttribute("aria-busy");
}

async function openConversation(id) {
  const conversation = await apiJson(`/api/conversations/${encodeURIComponent(id)}`);
  conversationId = conversation.id;
  messages.replaceChildren();
  for (const turn of conversation.turns) {
    messages.append(el("p", turn.question, { class: "message user" }));
    const box = el("div", "", { class: "message" });
    messages.append(box);
    renderAnswer(box, { ...turn.answer, conversation_id: conversation.id }, turn.position);
  }
}

export async function loadConversations() {
  const conversations = await apiJson("/api/conversations").catch(() => []);
  conversationList.replaceChildren();
  for (const c of conversations.slice(0, 30)) {
    const button = el("button", c.title, { type: "button" });
    button.addEventListener("click", () => openConversation(c.id));
    conversationList.appendChild(el("li")).append(button);
  }
}

export async function loadDocumentFilter() {
  const select = document.getElementById("filter-document");
  const docs = await apiJson("/api/documents").catch(() => []);
  select.replaceChildren(el("option", "Alle documenten", { value: "" }));
  for (const d of docs) select.append(el("option", d.title, { value: d.id }));
}

export function initChat() {
  document.getElementById("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) return;
    question.value = "";
    ask(text).catch((error) => messages.append(el("p", `Fout: ${error.message}`, { class: "message" })));
  });
  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      document.getElementById("ask-form").requestSubmit();
    }
  });
  document.getElementById("new-conversation").addEventListener("click", () => {
    conversationId = null;
    messages.replaceChildren();
    question.focus();
  });
  loadConversations();
  loadDocumentFilter();
}
