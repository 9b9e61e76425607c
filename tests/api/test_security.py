"""Hardening over HTTP, each test reproducing a defect of issue 10: forwarded addresses, failed-auth
limit, non-ASCII credentials, cross-site requests, security headers, local /docs, strict input.
Also the rate limit and CORS. Apps of their own, with no index yet (quick to start)."""

import base64
import json

import pytest

from tests.api.conftest import ACCOUNTS
from tests.builders import assert_error

pytestmark = pytest.mark.slow  # an app per test
KEY = {"X-API-Key": "script-sleutel"}  # signing in would itself count against the rate limit


def test_rate_limit_answers_429_per_client(auth_app) -> None:
    with auth_app(rate_limit="5/minute", api_key="script-sleutel") as app, app.client(headers=KEY) as http:
        codes = [http.get("/api/conversations").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5
        assert codes[5:] == [429, 429]
        refused = http.get("/api/conversations")
        assert "Te veel verzoeken" in refused.json()["detail"] and refused.headers["retry-after"]
        assert http.get("/healthz").status_code == 200  # probes are never limited


def test_rate_limit_ignores_x_forwarded_for_from_untrusted_clients(auth_app) -> None:
    """Defect 5: a new X-Forwarded-For value per request used to get every request past the limit."""
    with auth_app(rate_limit="5/minute", api_key="script-sleutel") as app, app.client(headers=KEY) as http:
        codes = [
            http.get("/api/conversations", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
            for i in range(8)
        ]
        assert codes == [200] * 5 + [429] * 3


def test_rate_limit_counts_forwarded_clients_apart_behind_a_trusted_proxy(auth_app) -> None:
    with (
        auth_app(rate_limit="3/minute", trusted_proxies=["127.0.0.1"]) as app,
        app.sign_in("recruiter") as http,
    ):
        first = [
            http.get("/api/conversations", headers={"X-Forwarded-For": "198.51.100.1"}) for _ in range(4)
        ]
        assert [r.status_code for r in first] == [200, 200, 200, 429]
        assert http.get("/api/conversations", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_wrong_api_keys_are_limited_per_client(auth_app) -> None:
    """Defect 6: 300 wrong API keys were all answered 401 at full speed."""
    with auth_app(api_key="de-juiste-sleutel", auth_failure_limit="10/minute") as app, app.client() as http:
        codes = [
            http.get("/api/documents", headers={"X-API-Key": f"fout-{i}"}).status_code for i in range(14)
        ]
        assert codes == [401] * 10 + [429] * 4
        locked = http.get("/api/documents", headers={"X-API-Key": "de-juiste-sleutel"})
        assert "Te veel mislukte aanmeldpogingen" in assert_error(locked, 429)
        # Basic-auth guesses from the same client are refused too.
        assert_error(http.get("/api/conversations", auth=("recruiter", ACCOUNTS["recruiter"][0])), 429)


def test_non_ascii_credentials_are_401_not_500(auth_app) -> None:
    """Defect 9: an X-API-Key of \\xe9 or a basic-auth user 'ädmin' crashed with HTTP 500."""
    with auth_app(api_key="sleutel-123") as app, app.client() as http:
        assert_error(http.get("/api/documents", headers={"X-API-Key": b"\xe9"}), 401)
        assert_error(http.get("/api/documents", headers={"X-API-Key": "sleutel-123\u00e9".encode()}), 401)
        token = base64.b64encode("ädmin:wachtwoord".encode()).decode()
        assert_error(http.get("/api/documents", headers={"Authorization": f"Basic {token}"}), 401)
        latin = base64.b64encode("ädmin:wachtwoord".encode("latin-1")).decode()  # not UTF-8
        assert_error(http.get("/api/documents", headers={"Authorization": f"Basic {latin}"}), 401)
        assert_error(http.post("/api/auth/login", json={"name": "ädmin", "password": "wachtwoord€"}), 401)


def test_cross_site_state_changes_are_refused(auth_app) -> None:
    """Defect 11: a cross-origin multipart upload with basic credentials was accepted (202)."""
    with auth_app() as app, app.client() as http:
        credentials = ("beheer", ACCOUNTS["beheer"][0])
        files = {"file": ("aanval.txt", b"Tekst van elders.", "text/plain")}
        foreign = {"Origin": "https://evil.example"}
        refused = http.post("/api/documents", files=files, auth=credentials, headers=foreign)
        assert "andere website" in assert_error(refused, 403)
        # Nothing stored or staged (the uploads dir may hold its empty staging folders).
        assert not [p for p in app.settings.uploads_dir.rglob("*") if p.is_file() and p.name != ".lock"]
        cross_site = http.post(
            "/api/documents", files=files, auth=credentials, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert_error(cross_site, 403)
        assert_error(
            http.post("/api/auth/login", json={"name": "beheer", "password": "x"}, headers=foreign), 403
        )
        # Reading stays possible; the browser's same-origin policy keeps the answer from the other site.
        assert http.get("/api/conversations", auth=credentials, headers=foreign).status_code == 200
        # The app's own pages send their own origin and pass.
        own = {"Origin": app.url}
        signed_in = http.post(
            "/api/auth/login", json={"name": "beheer", "password": ACCOUNTS["beheer"][0]}, headers=own
        )
        assert signed_in.status_code == 200


def test_configured_cors_origins_may_change_state(auth_app) -> None:
    with auth_app(cors_origins=["https://intranet.gemeente.nl"]) as app, app.sign_in("recruiter") as http:
        preflight = {"Origin": "https://intranet.gemeente.nl", "Access-Control-Request-Method": "POST"}
        allowed = http.options("/api/chat", headers=preflight)
        assert allowed.headers["access-control-allow-origin"] == "https://intranet.gemeente.nl"
        other = http.options("/api/chat", headers={**preflight, "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        body = {"rating": 1, "comment": "Via het intranet"}
        assert (
            http.post(
                "/api/feedback", json=body, headers={"Origin": "https://intranet.gemeente.nl"}
            ).status_code
            == 201
        )


def test_cors_is_closed_by_default(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
        assert "access-control-allow-origin" not in http.options("/api/chat", headers=preflight).headers


def test_every_answer_carries_security_headers(auth_app) -> None:
    """Defect 11: `/` sent no Content-Security-Policy, X-Frame-Options or X-Content-Type-Options."""
    with auth_app() as app, app.sign_in("recruiter") as http:
        for path in ("/", "/login", "/static/app.js", "/api/conversations", "/healthz", "/api/bestaat-niet"):
            headers = http.get(path).headers
            csp = headers["content-security-policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
            assert "unsafe-inline" not in csp, path
            assert headers["x-frame-options"] == "DENY"
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"] == "same-origin"


def test_docs_load_their_assets_from_this_server(auth_app) -> None:
    """Defect 11: /docs loaded Swagger UI from a CDN."""
    with auth_app() as app, app.sign_in("recruiter") as http:
        docs = http.get("/docs")
        assert docs.status_code == 200
        assert "cdn" not in docs.text.lower() and "https://" not in docs.text
        for asset in ("/docs-static/swagger-ui-bundle.js", "/docs-static/swagger-ui.css"):
            assert f'"{asset}"' in docs.text or f"'{asset}'" in docs.text
            assert http.get(asset).status_code == 200
        assert "/api/chat" in http.get("/openapi.json").json()["paths"]


def test_deeply_nested_body_is_a_dutch_400(auth_app) -> None:
    """Defect 12: a 5,000-level nested body gave an English 400."""
    with auth_app() as app, app.sign_in("recruiter") as http:
        body = '{"question": "Wat is Lab XL?", "filters": ' + "[" * 5000 + "]" * 5000 + "}"
        response = http.post("/api/chat", content=body, headers={"content-type": "application/json"})
        detail = assert_error(response, 400)
        assert detail.startswith("Ongeldig verzoek") and "genest" in detail
        assert "error" not in detail.lower()


@pytest.mark.parametrize("k", ["5", True, 5.0, "vijf"])
def test_search_k_must_be_a_whole_number(auth_app, k) -> None:
    """Defect 12: k="5" and k=true were accepted as numbers."""
    with auth_app() as app, app.sign_in("recruiter") as http:
        response = http.post(
            "/api/search",
            content=json.dumps({"query": "Lab XL", "k": k}),
            headers={"content-type": "application/json"},
        )
        assert "k" in assert_error(response, 422)


def test_feedback_numbers_must_be_whole_numbers(auth_app) -> None:
    with auth_app() as app, app.sign_in("recruiter") as http:
        for position in ("1", True):
            assert_error(http.post("/api/feedback", json={"rating": 1, "position": position}), 422)
        for rating in (True, 1.0, "1"):
            assert "rating" in assert_error(http.post("/api/feedback", json={"rating": rating}), 422)
        assert http.post("/api/feedback", json={"rating": 1, "position": 0}).status_code == 201


def test_unknown_route_and_method_answer_in_dutch(auth_app) -> None:
    with auth_app() as app, app.sign_in("recruiter") as http:
        assert assert_error(http.get("/api/bestaat-niet"), 404) == "Niet gevonden."
        assert "niet toegestaan" in assert_error(http.patch("/api/conversations"), 405)


@pytest.mark.server
def test_served_app_ignores_x_forwarded_for_from_a_client(start_server, pick_port, tmp_path) -> None:
    """Defect 5 as found: `python -m api` (uvicorn's own forwarded-header handling trusted loopback)
    let a new X-Forwarded-For per request past the rate limit."""
    import sys

    import httpx

    port = pick_port()
    env = {
        "HR_DATA_DIR": str(tmp_path / "data"),
        "HR_CORPUS_DIR": str(tmp_path / "corpus"),
        "HR_HOST": "127.0.0.1",
        "HR_PORT": str(port),
        "HR_CHROMA_HOST": "",
        "HR_API_KEY": "script-sleutel",
        "HR_RATE_LIMIT": "5/minute",
        "HR_TRUSTED_PROXIES": "[]",
    }
    url = f"http://127.0.0.1:{port}"
    with (
        start_server([sys.executable, "-m", "api"], f"{url}/healthz", tmp_path / "server.log", env),
        httpx.Client(base_url=url, headers=KEY, timeout=30) as http,
    ):
        codes = [
            http.get("/api/conversations", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
            for i in range(8)
        ]
    assert codes == [200] * 5 + [429] * 3
