// The page: who is signed in, tabs, the API-key prompt, and the parts.
import { api, apiJson, setApiKey } from "./api.js";
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

// The sign-in mode decides what a 401 means: go to the sign-in page, or ask for the API key.
const modeKnown = fetch("/api/auth/state").then((response) => response.json()).then((state) => state.mode);
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
  loadConversations();
  loadDocumentFilter();
});

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

initChat();
initDocuments();
initPersonas();
initVacancy();
initAdmin();
select(allTabs[0]);
showUser();
