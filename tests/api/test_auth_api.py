"""Built-in accounts over HTTP: sign-in, cookie, CSRF, sign-out, first-run setup, roles, users, audit.

Each test serves an app of its own with no index yet (quick to start) and the conftest's ACCOUNTS.
"""

import httpx
import pytest

from tests.api.conftest import ACCOUNTS
from tests.builders import assert_error

pytestmark = pytest.mark.slow  # an app (and argon2 hashes) per test


def _login(http: httpx.Client, name: str, password: str) -> httpx.Response:
    return http.post("/api/auth/login", json={"name": name, "password": password})


def test_pages_and_api_need_a_sign_in(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        assert "Niet aangemeld" in assert_error(http.get("/api/conversations"), 401)
        assert_error(http.post("/api/chat", json={"question": "Wat is Lab XL?"}), 401)
        page = http.get("/")
        assert page.status_code == 303 and page.headers["location"] == "/login"
        login = http.get("/login")
        assert login.status_code == 200 and "/static/login.js" in login.text
        assert http.get("/healthz").status_code == 200
        assert http.get("/api/auth/state").json() == {"mode": "accounts", "setup": False}


def test_sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        response = _login(http, "recruiter", ACCOUNTS["recruiter"][0])
        assert response.status_code == 200
        me = response.json()
        assert me["name"] == "recruiter" and me["role"] == "recruiter" and me["csrf_token"]
        session, csrf = sorted(response.headers.get_list("set-cookie"), reverse=True)
        assert session.startswith("hr_sessie=")
        assert "httponly" in session.lower() and "samesite=lax" in session.lower()
        assert "secure" not in session.lower()  # plain http on loopback: a Secure cookie never comes back
        # The page's scripts read the CSRF token from its own cookie; the session cookie stays unreadable.
        assert csrf.startswith(f"hr_csrf={me['csrf_token']};") and "httponly" not in csrf.lower()
        assert http.get("/api/auth/me").json()["name"] == "recruiter"
        assert http.get("/").status_code == 200
        # Signing in again while the cookie is still valid works (the sign-in page has no CSRF token).
        again = _login(http, "recruiter", ACCOUNTS["recruiter"][0])
        assert again.status_code == 200
        me = again.json()
        # Signing out needs the CSRF token too, and ends the session on the server.
        assert_error(http.post("/api/auth/logout"), 403)
        assert http.post("/api/auth/logout", headers={"X-CSRF-Token": me["csrf_token"]}).status_code == 200
        assert_error(http.get("/api/auth/me"), 401)


def test_cookie_is_secure_behind_a_tls_proxy(auth_app) -> None:
    with auth_app(trusted_proxies=["127.0.0.1"]) as app, app.client() as http:
        response = http.post(
            "/api/auth/login",
            json={"name": "beheer", "password": ACCOUNTS["beheer"][0]},
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"},
        )
        assert response.status_code == 200
        assert "secure" in response.headers["set-cookie"].lower()


def test_wrong_password_is_401_and_names_nothing(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        wrong = assert_error(_login(http, "recruiter", "niet-het-wachtwoord"), 401)
        unknown = assert_error(_login(http, "niemand", "niet-het-wachtwoord"), 401)
        assert wrong == unknown  # does not reveal which names exist
        assert "mislukt" in wrong


def test_state_changing_requests_need_the_csrf_token(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        token = _login(http, "beheer", ACCOUNTS["beheer"][0]).json()["csrf_token"]
        body = {"name": "nieuw", "password": "een-lang-wachtwoord", "role": "recruiter"}
        assert "CSRF" in assert_error(http.post("/api/users", json=body), 403)
        assert_error(http.post("/api/users", json=body, headers={"X-CSRF-Token": "geraden"}), 403)
        assert http.get("/api/users").status_code == 200  # reading needs no token
        assert http.post("/api/users", json=body, headers={"X-CSRF-Token": token}).status_code == 201


def test_failed_sign_ins_are_limited_per_client(auth_app) -> None:
    with auth_app(auth_failure_limit="5/minute", trusted_proxies=["127.0.0.1"]) as app, app.client() as http:
        here = {"X-Forwarded-For": "192.0.2.1"}
        codes = [
            http.post(
                "/api/auth/login", json={"name": "beheer", "password": f"fout-{i}"}, headers=here
            ).status_code
            for i in range(7)
        ]
        assert codes == [401] * 5 + [429] * 2
        # Locked out for now, even with the right password ...
        right = {"name": "beheer", "password": ACCOUNTS["beheer"][0]}
        assert "Te veel mislukte" in assert_error(http.post("/api/auth/login", json=right, headers=here), 429)
        # ... while another client signs in as usual.
        other = http.post("/api/auth/login", json=right, headers={"X-Forwarded-For": "192.0.2.2"})
        assert other.status_code == 200


def test_first_beheerder_is_made_once_and_only_from_this_machine(settings_factory, serve_app) -> None:
    from api.main import create_app

    settings = settings_factory(auth="accounts")
    with serve_app(create_app(settings)) as url, httpx.Client(base_url=url) as http:
        assert http.get("/api/auth/state").json() == {"mode": "accounts", "setup": True}
        # Through a proxy the request might come from anywhere: no setup form then.
        forwarded = {"X-Forwarded-For": "203.0.113.5"}
        assert http.get("/api/auth/state", headers=forwarded).json()["setup"] is False
        body = {"name": "eerste", "password": "een-lang-wachtwoord"}
        assert_error(http.post("/api/auth/setup", json=body, headers=forwarded), 403)
        assert "te kort" in assert_error(http.post("/api/auth/setup", json={**body, "password": "kort"}), 422)
        made = http.post("/api/auth/setup", json=body)
        assert made.status_code == 201 and made.json()["role"] == "beheerder"
        assert http.get("/api/auth/me").json()["name"] == "eerste"  # signed in at once
        assert http.get("/api/auth/state").json()["setup"] is False
        with httpx.Client(base_url=url) as other:
            again = other.post("/api/auth/setup", json={"name": "tweede", "password": "een-lang-wachtwoord"})
            assert_error(again, 403)


def test_recruiter_may_not_manage_documents_personas_or_users(auth_app) -> None:
    with auth_app() as app, app.sign_in("recruiter") as http:
        refused = [
            http.post("/api/documents", files={"file": ("a.txt", b"Tekst", "text/plain")}),
            http.delete("/api/documents/een-document"),
            http.delete("/api/documents/een-document", params={"bevestiging": "Titel"}),
            http.post("/api/documents/reindex"),
            http.post("/api/personas", json={"id": "x"}),
            http.put("/api/personas/bert-beleid", json={"id": "bert-beleid"}),
            http.delete("/api/personas/bert-beleid"),
            http.get("/api/users"),
            http.post("/api/users", json={"name": "x", "password": "een-lang-wachtwoord"}),
            http.delete("/api/users/beheer"),
            http.get("/api/audit"),
        ]
        for response in refused:
            assert "beheerder" in assert_error(response, 403), response.request.url
        # What a recruiter does use stays open.
        assert http.get("/api/personas").status_code == 200
        assert http.get("/api/conversations").status_code == 200
        assert (app.settings.personas_dir / "bert-beleid.yaml").exists()


def test_beheerder_manages_users(auth_app) -> None:
    with auth_app() as app, app.sign_in("beheer") as http:
        names = [u["name"] for u in http.get("/api/users").json()]
        assert names == sorted(ACCOUNTS)
        new = {"name": "sanne", "password": "sanne-wachtwoord", "role": "recruiter"}
        assert http.post("/api/users", json=new).status_code == 201
        assert "bestaat al" in assert_error(http.post("/api/users", json=new), 409)
        assert_error(http.post("/api/users", json={**new, "name": "met spatie"}), 422)
        assert_error(http.post("/api/users", json={**new, "name": "kort-ww", "password": "kort"}), 422)
        assert_error(http.post("/api/users", json={**new, "name": "x2", "role": "koning"}), 422)
        assert http.put("/api/users/sanne", json={"role": "beheerder"}).json()["role"] == "beheerder"
        assert "eigen account" in assert_error(http.delete("/api/users/beheer"), 409)
        assert http.delete("/api/users/sanne").status_code == 200
        assert_error(http.delete("/api/users/sanne"), 404)
        # A new password signs the user out everywhere.
        with app.sign_in("recruiter") as recruiter:
            http.put("/api/users/recruiter", json={"password": "nieuw-wachtwoord-1"})
            assert_error(recruiter.get("/api/auth/me"), 401)


def test_audit_log_tells_who_did_what_and_when(auth_app) -> None:
    with auth_app() as app, app.client() as anonymous:
        _login(anonymous, "recruiter", "fout-wachtwoord")
        with app.sign_in("beheer") as http:
            http.post("/api/users", json={"name": "sanne", "password": "sanne-wachtwoord"})
            http.delete("/api/users/sanne")
            card = http.get("/api/personas/bert-beleid").json()
            card.pop("updated", None)
            assert http.put("/api/personas/bert-beleid", json=card).status_code == 200
            http.delete("/api/personas/bert-beleid")
            entries = http.get("/api/audit").json()
    actions = [(e["who"], e["action"], e["detail"]) for e in reversed(entries)]
    assert actions == [
        ("recruiter", "aanmelden mislukt", ""),
        ("beheer", "aangemeld", ""),
        ("beheer", "gebruiker toegevoegd", "sanne (recruiter)"),
        ("beheer", "gebruiker verwijderd", "sanne"),
        ("beheer", "persona gewijzigd", "bert-beleid"),
        ("beheer", "persona verwijderd", "bert-beleid"),
    ]
    assert all(e["at"].startswith("20") and e["client"] == "127.0.0.1" for e in entries)


def test_api_key_serves_scripts_without_a_session(auth_app) -> None:
    with auth_app(api_key="script-sleutel-1") as app, app.client() as http:
        key = {"X-API-Key": "script-sleutel-1"}
        assert http.get("/api/users", headers=key).status_code == 200
        # No cookie, so no CSRF token needed: a page elsewhere cannot make the browser send this header.
        body = {"name": "via-script", "password": "een-lang-wachtwoord"}
        assert http.post("/api/users", json=body, headers=key).status_code == 201
        assert_error(http.get("/api/users", headers={"X-API-Key": "fout"}), 401)


def test_basic_auth_with_an_account_serves_scripts(auth_app) -> None:
    with auth_app() as app, app.client() as http:
        assert http.get("/api/conversations", auth=("recruiter", ACCOUNTS["recruiter"][0])).status_code == 200
        assert_error(http.get("/api/conversations", auth=("recruiter", "fout")), 401)
        assert_error(http.get("/api/conversations", headers={"Authorization": "Basic !!!"}), 401)


def test_sso_identity_header_only_from_the_trusted_proxy(auth_app) -> None:
    header = {"X-Forwarded-User": "jan@gemeente.nl", "X-Forwarded-Groups": "hr,hr-beheer"}
    proxy = {"auth": "proxy", "proxy_admin_group": "hr-beheer"}
    with auth_app(**proxy, trusted_proxies=["127.0.0.1/32"]) as app, app.client() as http:
        me = http.get("/api/auth/me", headers=header).json()
        assert me == {**me, "name": "jan@gemeente.nl", "role": "beheerder", "mode": "proxy"}
        recruiter = http.get("/api/auth/me", headers={"X-Forwarded-User": "piet@gemeente.nl"}).json()
        assert recruiter["role"] == "recruiter"
        assert_error(http.get("/api/conversations"), 401)
        assert_error(http.post("/api/auth/login", json={"name": "beheer", "password": "x"}), 422)
    # The same header straight from a client (not the proxy) signs nobody in.
    with auth_app(**proxy, trusted_proxies=["10.1.2.3"]) as app, app.client() as http:
        assert_error(http.get("/api/auth/me", headers=header), 401)
