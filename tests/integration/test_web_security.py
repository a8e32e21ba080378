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


def test_key_cookies_are_http_only_and_same_site(client, new_session):
    created = new_session()
    response = client.get(f"/c/{created['code']}?key={created['facilitator_key']}")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert response.headers["Cache-Control"] == "no-store"
    # The console then works from the cookie alone, and the key never reaches the phone page.
    assert client.get(f"/c/{created['code']}").status_code == 200
    phone_page = client.get(f"/j/{created['code']}").get_data(as_text=True)
    assert created["facilitator_key"] not in phone_page and created["screen_key"] not in phone_page


def test_the_screen_page_does_not_hold_the_facilitator_key(client, new_session):
    created = new_session()
    page = client.get(f"/s/{created['code']}?key={created['screen_key']}").get_data(as_text=True)
    assert created["facilitator_key"] not in page
    assert client.get(f"/s/{created['code']}?key={created['facilitator_key']}").status_code == 403
