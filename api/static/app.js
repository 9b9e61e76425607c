// The page: who is signed in, tabs, the API-key prompt, and the parts.
import { api, apiJson, setApiKey, setCsrfToken } from "./api.js";
import { initAdmin, loadAdmin } from "./admin.js";
import { initChat, loadConversations, loadDocumentFilter } from "./chat.js";
import { initDocuments, loadDocuments } from "./documents.js";
import { initPersonas, loadPersonas } from "./personas.js";
import { initVacancy, loadPersonaCards } from "./vacancy.js";

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
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const tabs = visibleTabs();
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
});

const { mode } = await (await fetch("/api/auth/state")).json();
const keyForm = document.getElementById("key-form");
document.addEventListener("needs-key", () => {
  if (mode === "accounts") {
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
  loadConversations();
  loadDocumentFilter();
});

async function startSession() {
  const me = await apiJson("/api/auth/me").catch(() => null);
  if (!me) return;
  setCsrfToken(me.csrf_token);
  for (const id of BEHEERDER_TABS) document.getElementById(id).hidden = me.role !== "beheerder";
  if (mode === "open") return;
  document.getElementById("user-name").textContent = `${me.name} (${me.role})`;
  document.getElementById("user-menu").hidden = false;
  document.getElementById("sign-out").addEventListener("click", async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => {});
    window.location.assign(mode === "accounts" ? "/login" : "/");
  });
}

// The CSRF token must be known before the first question is sent.
await startSession();
initChat();
initDocuments();
initPersonas();
initVacancy();
initAdmin();
select(allTabs[0]);
