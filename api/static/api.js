// Talking to the API: one place that adds the CSRF token of the session (or the API key, when the server
// asks for one) and turns error responses into messages a recruiter can read.
const KEY = "hr-api-key";

// Set at sign-in next to the (unreadable) session cookie; read on every request, so nothing waits for it.
function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)hr_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export function apiHeaders(extra = {}) {
  const headers = { ...extra };
  const key = sessionStorage.getItem(KEY);
  if (key) headers["X-API-Key"] = key;
  const token = csrfToken();
  if (token) headers["X-CSRF-Token"] = token;
  return headers;
}

export function setApiKey(value) {
  sessionStorage.setItem(KEY, value);
}

export class ApiError extends Error {
  constructor(status, detail, fields = {}) {
    super(detail);
    this.status = status;
    this.fields = fields; // form field name -> its own Dutch message, for forms that show it beside the input
  }
}

export async function api(path, { method = "GET", json, body } = {}) {
  const headers = apiHeaders(json === undefined ? {} : { "Content-Type": "application/json" });
  const response = await fetch(path, { method, headers, body: json === undefined ? body : JSON.stringify(json) });
  if (response.status === 401) document.dispatchEvent(new CustomEvent("needs-key"));
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    throw new ApiError(response.status, data.detail || `Fout ${response.status}`, data.fields || {});
  }
  return response;
}

export async function apiJson(path, options) {
  return (await api(path, options)).json();
}

// Build DOM from text only: documents and uploads may contain markup, so nothing is ever parsed as HTML.
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  return node;
}
