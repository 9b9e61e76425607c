// The page: who is signed in, tabs (roving tabindex, arrow keys, Home/End), the skip link, the API-key
// prompt and the parts.
import { api, apiJson, setApiKey } from "./api.js";
import { initAdmin, loadAdmin } from "./admin.js";
import { initChat, loadDocumentFilter, newConversation, openConversation, submitQuestion } from "./chat.js";
import { initConversations, loadConversations } from "./conversations.js";
import { initDocuments, loadDocuments } from "./documents.js";
import { initPersonas, loadPersonas } from "./personas.js";
import { loadStart, showDocuments, showStart } from "./start.js";
import { initVacancy, loadPersonaCards } from "./vacancy.js";
import { initViewer } from "./viewer.js";

const allTabs = [...document.querySelectorAll('[role="tab"]')];
const loaders = {
  "tab-documents": loadDocuments,
  "tab-personas": loadPersonas,
  "tab-vacancy": loadPersonaCards,
  "tab-admin": loadAdmin,
};
// Tabs only a beheerder uses: a recruiter asks, searches and drafts.
const BEHEERDER_TABS = ["tab-documents", "tab-personas", "tab-admin"];
const visibleTabs = () => allTabs.filter((tab) => !tab.hidden);

function select(tab) {
  for (const other of allTabs) {
    const chosen = other === tab;
    other.setAttribute("aria-selected", String(chosen));
    other.tabIndex = chosen ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
  }
  loaders[tab.id]?.();
}

allTabs.forEach((tab) => {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (event) => {
    const tabs = visibleTabs();
    const index = tabs.indexOf(tab);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
});

// The sign-in mode decides what a 401 means: go to the sign-in page, or ask for the API key.
const modeKnown = fetch("/api/auth/state").then((response) => response.json()).then((state) => state.mode);

// The skip link lands in the question field, whichever tab was open.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  select(document.getElementById("tab-chat"));
  document.getElementById("question").focus();
});

document.getElementById("start-vacancy").addEventListener("click", (event) => {
  event.preventDefault();
  const tab = document.getElementById("tab-vacancy");
  select(tab);
  tab.focus();
});

async function loadShared() {
  loadConversations();
  showDocuments(await loadDocumentFilter());
}

const keyForm = document.getElementById("key-form");
document.addEventListener("needs-key", async () => {
  if ((await modeKnown) === "accounts") {
    window.location.assign("/login");
    return;
  }
  keyForm.hidden = false;
  document.getElementById("api-key").focus();
});
keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey(document.getElementById("api-key").value);
  keyForm.hidden = true;
  showUser();
  loadShared();
  loadStart(submitQuestion);
});
document.addEventListener("documents-changed", () => loadShared());

// The beheerder's tabs start hidden and appear once the role is known.
async function showUser() {
  const me = await apiJson("/api/auth/me").catch(() => null);
  if (!me) return;
  for (const id of BEHEERDER_TABS) document.getElementById(id).hidden = me.role !== "beheerder";
  const mode = await modeKnown;
  if (mode === "open") return;
  document.getElementById("user-name").textContent = `${me.name} (${me.role})`;
  document.getElementById("user-menu").hidden = false;
}

document.getElementById("sign-out").addEventListener("click", async () => {
  await api("/api/auth/logout", { method: "POST" }).catch(() => {});
  window.location.assign((await modeKnown) === "accounts" ? "/login" : "/");
});

initViewer();
initChat();
initConversations({ open: openConversation, startNew: newConversation });
initDocuments();
initPersonas();
initVacancy();
initAdmin();
select(allTabs[0]);
showStart(true);
showUser();
loadStart(submitQuestion);
loadShared();
