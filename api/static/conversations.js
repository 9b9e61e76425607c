// The conversation list: a column on wide screens, a drawer on phones; open, rename and delete.
import { api, ApiError, apiJson, el } from "./api.js";

const drawer = document.getElementById("drawer");
const toggle = document.getElementById("open-drawer");
const list = document.getElementById("conversations");
const status = document.getElementById("conversation-status");
let current = null;
let actions = { open: async () => {}, startNew: () => {} };

export function setCurrentConversation(id) {
  current = id;
  for (const item of list.querySelectorAll("li")) {
    item.querySelector(".conversation-open")?.toggleAttribute("aria-current", item.dataset.id === id);
  }
}

function setDrawer(open) {
  drawer.classList.toggle("open", open);
  toggle.setAttribute("aria-expanded", String(open));
  if (open) document.getElementById("new-conversation").focus();
  else if (window.matchMedia("(max-width: 900px)").matches) toggle.focus();
}

function explain(error, what) {
  // Until the server has rename and delete for conversations it answers 404 or 405 for them.
  if (error instanceof ApiError && (error.status === 405 || (error.status === 404 && what !== "open"))) {
    return `${what === "rename" ? "Hernoemen" : "Verwijderen"} van gesprekken kan nog niet op deze server.`;
  }
  return `Mislukt: ${error.message}`;
}

async function rename(conversation) {
  const title = window.prompt("Nieuwe naam voor dit gesprek:", conversation.title);
  if (title === null || !title.trim()) return;
  try {
    const path = `/api/conversations/${encodeURIComponent(conversation.id)}`;
    const json = { title: title.trim() };
    // The accounts branch renames with PUT; PATCH is tried when a server only has that.
    await api(path, { method: "PUT", json }).catch((error) => {
      if (error instanceof ApiError && error.status === 405) return api(path, { method: "PATCH", json });
      throw error;
    });
    status.textContent = "Gesprek hernoemd.";
    await loadConversations();
  } catch (error) {
    status.textContent = explain(error, "rename");
  }
}

async function remove(conversation) {
  if (!window.confirm(`Gesprek "${conversation.title}" verwijderen? Dit kan niet ongedaan worden gemaakt.`)) return;
  try {
    await api(`/api/conversations/${encodeURIComponent(conversation.id)}`, { method: "DELETE" });
    status.textContent = "Gesprek verwijderd.";
    if (conversation.id === current) actions.startNew();
    await loadConversations();
  } catch (error) {
    status.textContent = explain(error, "delete");
  }
}

function item(conversation) {
  const li = el("li", undefined, { "data-id": conversation.id });
  const open = el("button", conversation.title, { type: "button", class: "conversation-open" });
  open.addEventListener("click", async () => {
    await actions.open(conversation.id).catch((error) => { status.textContent = explain(error, "open"); });
    drawer.classList.remove("open");
    toggle.setAttribute("aria-expanded", "false");
  });
  const renameButton = el("button", "Hernoemen", { type: "button", class: "secondary small", "aria-label": `Hernoemen: ${conversation.title}` });
  renameButton.addEventListener("click", () => rename(conversation));
  const removeButton = el("button", "Verwijderen", { type: "button", class: "danger small", "aria-label": `Verwijderen: ${conversation.title}` });
  removeButton.addEventListener("click", () => remove(conversation));
  const tools = el("div", undefined, { class: "conversation-tools" });
  tools.append(renameButton, removeButton);
  li.append(open, tools);
  return li;
}

export async function loadConversations() {
  const conversations = await apiJson("/api/conversations").catch(() => []);
  list.replaceChildren(...conversations.slice(0, 50).map(item));
  toggle.textContent = conversations.length ? `Gesprekken (${conversations.length})` : "Gesprekken";
  setCurrentConversation(current);
}

export function initConversations(handlers) {
  actions = handlers;
  toggle.addEventListener("click", () => setDrawer(!drawer.classList.contains("open")));
  document.getElementById("close-drawer").addEventListener("click", () => setDrawer(false));
  drawer.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.classList.contains("open")) setDrawer(false);
  });
  document.getElementById("new-conversation").addEventListener("click", () => {
    drawer.classList.remove("open");
    toggle.setAttribute("aria-expanded", "false");
    actions.startNew();
  });
}
