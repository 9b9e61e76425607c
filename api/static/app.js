// The page: tabs, the API-key prompt, and the four parts.
import { setApiKey } from "./api.js";
import { initChat, loadConversations, loadDocumentFilter } from "./chat.js";
import { initDocuments, loadDocuments } from "./documents.js";
import { initPersonas, loadPersonas } from "./personas.js";
import { initVacancy, loadPersonaCards } from "./vacancy.js";

const tabs = [...document.querySelectorAll('[role="tab"]')];
const loaders = { "tab-documents": loadDocuments, "tab-personas": loadPersonas, "tab-vacancy": loadPersonaCards };

function select(tab) {
  for (const other of tabs) {
    const chosen = other === tab;
    other.setAttribute("aria-selected", String(chosen));
    other.tabIndex = chosen ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
  }
  loaders[tab.id]?.();
}

tabs.forEach((tab, index) => {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
});

const keyForm = document.getElementById("key-form");
document.addEventListener("needs-key", () => {
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

initChat();
initDocuments();
initPersonas();
initVacancy();
select(tabs[0]);
