// The page: tabs (roving tabindex, arrow keys, Home/End), the skip link, the API-key prompt and the parts.
import { setApiKey } from "./api.js";
import { initChat, loadDocumentFilter, newConversation, openConversation, submitQuestion } from "./chat.js";
import { initConversations, loadConversations } from "./conversations.js";
import { initDocuments, loadDocuments } from "./documents.js";
import { initPersonas, loadPersonas } from "./personas.js";
import { loadStart, showDocuments, showStart } from "./start.js";
import { initVacancy, loadPersonaCards } from "./vacancy.js";
import { initViewer } from "./viewer.js";

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
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
});

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
document.addEventListener("needs-key", () => {
  keyForm.hidden = false;
  document.getElementById("api-key").focus();
});
keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey(document.getElementById("api-key").value);
  keyForm.hidden = true;
  loadShared();
  loadStart(submitQuestion);
});
document.addEventListener("documents-changed", () => loadShared());

initViewer();
initChat();
initConversations({ open: openConversation, startNew: newConversation });
initDocuments();
initPersonas();
initVacancy();
select(tabs[0]);
showStart(true);
loadStart(submitQuestion);
loadShared();
