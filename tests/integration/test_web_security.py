"""Pages carry a strict security policy, and key cookies stay out of scripts and other sites."""

from __future__ import annotations


def test_every_page_allows_only_our_own_origin(client, new_session):
    created = new_session()
    for path in ("/", f"/j/{created['code']}", "/healthz", "/api/dialogues"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "*" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"


def test_a_key_in_the_address_moves_into_a_cookie_and_out_of_the_address(client, new_session):
    created = new_session()
    code, key = created["code"], created["facilitator_key"]
    response = client.get(f"/c/{code}?key={key}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/c/{code}")  # no key in the history
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert response.headers["Cache-Control"] == "no-store"
    # The console then works from the cookie alone, and the key is nowhere in the page.
    page = client.get(f"/c/{code}")
    assert page.status_code == 200
    assert key not in page.get_data(as_text=True)
    phone_page = client.get(f"/j/{code}").get_data(as_text=True)
    assert key not in phone_page and created["screen_key"] not in phone_page


def test_the_key_cookie_is_secure_when_the_request_came_over_https(make_app, new_session):
    app = make_app(WORKSHOP_TRUSTED_PROXIES=1)
    client = app.test_client()
    created = client.post("/api/sessions", json={"dialogue": "testmoede"}).json
    behind_proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}
    response = client.get(
        f"/c/{created['code']}?key={created['facilitator_key']}", headers=behind_proxy
    )
    assert response.status_code == 303 and "Secure" in response.headers["Set-Cookie"]
    direct = make_app().test_client()
    created = direct.post("/api/sessions", json={"dialogue": "testmoede"}).json
    # Without a trusted proxy, the header is somebody's claim and changes nothing.
    response = direct.get(
        f"/c/{created['code']}?key={created['facilitator_key']}", headers=behind_proxy
    )
    assert "Secure" not in response.headers["Set-Cookie"]


def test_the_screen_page_does_not_hold_the_facilitator_key(client, new_session):
    created = new_session()
    page = client.get(f"/s/{created['code']}?key={created['screen_key']}").get_data(as_text=True)
    assert created["facilitator_key"] not in page
    assert client.get(f"/s/{created['code']}?key={created['facilitator_key']}").status_code == 403


def test_the_phone_speaks_the_phones_language_until_the_participant_picks_one(
    app, client, new_session
):
    from .helpers import answer, command, open_socket

    created = new_session()
    code = created["code"]
    english_phone = {"Accept-Language": "en-GB,en;q=0.9,da;q=0.5"}
    page = client.get(f"/j/{code}", headers=english_phone).get_data(as_text=True)
    assert 'lang="en"' in page and "Connecting…" in page
    danish = client.get(f"/j/{code}", headers={"Accept-Language": "da-DK"}).get_data(as_text=True)
    assert 'lang="da"' in danish and "Forbinder…" in danish
    german = client.get(f"/j/{code}", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'lang="da"' in german  # a language we do not speak: the session's
    client.set_cookie("lang", "da")  # the participant picked Danish on the page
    picked = client.get(f"/j/{code}", headers=english_phone).get_data(as_text=True)
    assert 'lang="da"' in picked
    # The refusals the phone's socket gets come in the phone's language too.
    console = open_socket(
        app, {"role": "facilitator", "code": code, "key": created["facilitator_key"]}
    )
    command(console, "goto", step="vigtigste-maal")
    phone = open_socket(app, {"role": "participant", "code": code}, headers=english_phone)
    refused = answer(phone, "vigtigste-maal", ["ingen-saadan"])
    assert refused["error"]["message"] == "That option is not part of this question."
    # The console keeps the session's language.
    assert console.emit("command", {"action": "nope"}, callback=True)["error"]["message"] == (
        "Ukendt kommando."
    )


def test_the_console_and_projector_warn_when_phones_cannot_open_the_join_address(make_app):
    local = make_app().test_client()
    created = local.post("/api/sessions", json={"dialogue": "testmoede"}).json
    assert created["join_url"].startswith("http://localhost/")
    console = local.get(
        f"/c/{created['code']}?key={created['facilitator_key']}", follow_redirects=True
    )
    page = console.get_data(as_text=True)
    assert "data-unreachable" in page and "Telefonerne kan ikke åbne denne adresse" in page
    screen = local.get(f"/s/{created['code']}?key={created['screen_key']}", follow_redirects=True)
    assert "data-unreachable" in screen.get_data(as_text=True)
    # With the address phones use, nothing to warn about.
    lan = make_app(WORKSHOP_PUBLIC_URL="http://192.168.1.20:5000").test_client()
    created = lan.post("/api/sessions", json={"dialogue": "testmoede"}).json
    assert created["join_url"].startswith("http://192.168.1.20:5000/j/")
    console = lan.get(
        f"/c/{created['code']}?key={created['facilitator_key']}", follow_redirects=True
    )
    assert "data-unreachable" not in console.get_data(as_text=True)
