"""Access control, rate limiting and CORS on the real app over HTTP."""

import base64

import httpx
import pytest

from api.main import create_app

pytestmark = pytest.mark.slow


def _app(api_settings, api_assistant, **overrides):
    return create_app(api_settings.model_copy(update=overrides), api_assistant)


def test_api_key_is_required_on_every_api_route(api_settings, api_assistant, serve_app) -> None:
    with (
        serve_app(_app(api_settings, api_assistant, api_key="geheim-123")) as url,
        httpx.Client(base_url=url) as http,
    ):
        for method, path, body in [
            ("POST", "/api/chat", {"question": "Wat is Lab XL?"}),
            ("POST", "/api/search", {"query": "Lab XL"}),
            ("GET", "/api/documents", None),
            ("GET", "/api/personas", None),
            ("GET", "/api/conversations", None),
        ]:
            refused = http.request(method, path, json=body)
            assert refused.status_code == 401, path
            assert "API-sleutel" in refused.json()["detail"]
            wrong = http.request(method, path, json=body, headers={"X-API-Key": "fout"})
            assert wrong.status_code == 401, path
            allowed = http.request(method, path, json=body, headers={"X-API-Key": "geheim-123"})
            assert allowed.status_code == 200, (path, allowed.text)
        # Probes stay open; the page shell loads and asks for the key itself.
        assert http.get("/healthz").status_code == 200
        assert http.get("/").status_code == 200


def test_basic_auth_protects_the_ui_and_the_api(api_settings, api_assistant, serve_app) -> None:
    app = _app(api_settings, api_assistant, basic_auth_user="recruiter", basic_auth_password="welkom01")
    with serve_app(app) as url, httpx.Client(base_url=url) as http:
        page = http.get("/")
        assert page.status_code == 401
        assert page.headers["www-authenticate"].startswith("Basic")
        assert http.get("/api/documents", auth=("recruiter", "fout")).status_code == 401
        token = base64.b64encode(b"recruiter:welkom01").decode()
        assert http.get("/", headers={"Authorization": f"Basic {token}"}).status_code == 200
        assert http.get("/api/documents", auth=("recruiter", "welkom01")).status_code == 200
        assert http.get("/api/documents", headers={"Authorization": "Basic !!!"}).status_code == 401


def test_rate_limit_answers_429_per_client(api_settings, api_assistant, serve_app) -> None:
    with (
        serve_app(_app(api_settings, api_assistant, rate_limit="5/minute")) as url,
        httpx.Client(base_url=url) as http,
    ):
        codes = [http.get("/api/conversations").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5
        assert codes[5:] == [429, 429]
        refused = http.get("/api/conversations")
        assert "Te veel verzoeken" in refused.json()["detail"] and refused.headers["retry-after"]
        assert http.get("/healthz").status_code == 200  # probes are never limited


def test_cors_is_closed_by_default_and_opens_for_configured_origins(
    api_settings, api_assistant, client, serve_app
) -> None:
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    closed = client.options("/api/chat", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    app = _app(api_settings, api_assistant, cors_origins=["https://intranet.gemeente.nl"])
    with serve_app(app) as url, httpx.Client(base_url=url) as http:
        allowed = http.options("/api/chat", headers={**preflight, "Origin": "https://intranet.gemeente.nl"})
        assert allowed.headers["access-control-allow-origin"] == "https://intranet.gemeente.nl"
        other = http.options("/api/chat", headers=preflight)
        assert "access-control-allow-origin" not in other.headers
