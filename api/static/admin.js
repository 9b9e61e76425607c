// Beheer: accounts (add, change role, remove) and the audit log. Only shown to a beheerder.
import { api, apiJson, el } from "./api.js";

const userRows = document.getElementById("user-rows");
const auditRows = document.getElementById("audit-rows");
const status = document.getElementById("user-status");

async function act(work, done) {
  try {
    await work();
    status.textContent = done;
  } catch (error) {
    status.textContent = `Niet gelukt: ${error.message}`;
  }
  await loadAdmin();
}

function userRow(user) {
  const other = user.role === "beheerder" ? "recruiter" : "beheerder";
  const change = el("button", `Maak ${other}`, { type: "button", class: "secondary", "aria-label": `Maak ${user.name} ${other}` });
  change.addEventListener("click", () =>
    act(() => api(`/api/users/${encodeURIComponent(user.name)}`, { method: "PUT", json: { role: other } }), `${user.name} is nu ${other}.`));
  const remove = el("button", "Verwijderen", { type: "button", class: "danger", "aria-label": `Verwijder ${user.name}` });
  remove.addEventListener("click", () => {
    if (!window.confirm(`Account ${user.name} verwijderen?`)) return;
    act(() => api(`/api/users/${encodeURIComponent(user.name)}`, { method: "DELETE" }), `${user.name} is verwijderd.`);
  });
  const row = el("tr");
  row.append(el("td", user.name), el("td", user.role), el("td", user.created.slice(0, 10)));
  row.appendChild(el("td")).append(change, " ", remove);
  return row;
}

export async function loadAdmin() {
  const [users, entries] = await Promise.all([apiJson("/api/users"), apiJson("/api/audit?limit=200")]).catch((error) => {
    status.textContent = `Fout: ${error.message}`;
    return [[], []];
  });
  userRows.replaceChildren(...users.map(userRow));
  auditRows.replaceChildren(
    ...entries.map((entry) => {
      const row = el("tr");
      row.append(el("td", entry.at.replace("T", " ").slice(0, 19)), el("td", entry.who), el("td", entry.action), el("td", entry.detail));
      return row;
    }),
  );
}

export function initAdmin() {
  const form = document.getElementById("user-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { name: form.elements.name.value.trim(), password: form.elements.password.value, role: form.elements.role.value };
    act(async () => {
      await api("/api/users", { method: "POST", json: body });
      form.reset();
    }, `${body.name} is toegevoegd.`);
  });
}
