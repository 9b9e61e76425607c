// The sign-in page: sign in, or (only while no account exists, on the server itself) make the first beheerder.
const status = document.getElementById("login-status");

async function post(path, form) {
  const body = { name: form.elements.name.value.trim(), password: form.elements.password.value };
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (response.ok) {
    window.location.assign("/");
    return;
  }
  const data = await response.json().catch(() => ({}));
  status.textContent = data.detail || `Fout ${response.status}`;
  form.elements.password.value = "";
  form.elements.password.focus();
}

for (const [id, path] of [["login-form", "/api/auth/login"], ["setup-form", "/api/auth/setup"]]) {
  const form = document.getElementById(id);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    status.textContent = "";
    post(path, form);
  });
}

const state = await (await fetch("/api/auth/state")).json();
if (state.mode !== "accounts") window.location.assign("/");
const shown = document.getElementById(state.setup ? "setup-form" : "login-form");
shown.hidden = false;
shown.querySelector("input").focus();
