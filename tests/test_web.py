"""The web app and REST API through FastAPI's test client: routes, errors, escaping."""

from __future__ import annotations

import json
import os

import pytest
from conftest import SEED_DE, SEED_FR
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storydiff.cli import app as cli_app
from storydiff.web.app import Settings, create_app

HOSTILE = (
    "<script>alert('xss')</script> The council approved the budget on Monday after a "
    'long debate.\n\n<img src=x onerror=alert(1)> Work will start <a href="javascript:'
    'alert(2)">next spring</a>, officials said on Tuesday.\n\n<b>unclosed <i>tags'
)


def upload(client, a_name, a_bytes, b_name, b_bytes):
    return client.post("/api/compare", files={"a": (a_name, a_bytes), "b": (b_name, b_bytes)})


def test_healthz(client):
    assert client.get("/healthz").json()["status"] == "ok"


def test_api_json_equals_the_cli_json(client, monkeypatch):
    response = upload(
        client, SEED_DE.name, SEED_DE.read_bytes(), SEED_FR.name, SEED_FR.read_bytes()
    )
    assert response.status_code == 200
    monkeypatch.chdir(SEED_DE.parent)
    cli = CliRunner().invoke(cli_app, ["compare", SEED_DE.name, SEED_FR.name, "-f", "json"])
    body = response.json()
    assert body.pop("id") == response.headers["X-Comparison-Id"]  # the CLI's JSON + its id
    assert body == json.loads(cli.output)


def test_stored_comparison_is_served_again_and_survives_a_restart(tmp_path):
    settings = Settings(db_path=tmp_path / "db.sqlite")
    with TestClient(create_app(settings)) as c:
        first = upload(c, "a.txt", SEED_DE.read_bytes(), "b.txt", SEED_FR.read_bytes())
        key = first.headers["X-Comparison-Id"]
    with TestClient(create_app(settings)) as c:  # a new app on the same database
        again = c.get(f"/api/comparisons/{key}")
        assert again.status_code == 200 and again.json() == first.json()
        page = c.get(f"/c/{key}")
        assert page.status_code == 200 and "same story" in page.text


def test_json_body_is_accepted(client):
    body = {"a": SEED_DE.read_text(encoding="utf-8"), "b": SEED_FR.read_text(encoding="utf-8")}
    response = client.post("/api/compare", json=body)
    assert response.status_code == 200 and response.json()["verdict"] == "same_story"


@pytest.mark.parametrize(
    ("files", "status", "message"),
    [
        ({"a": ("a.txt", b""), "b": ("b.txt", b"Some text here.")}, 400, "empty"),
        (
            {"a": ("a.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(3000)), "b": ("b.txt", b"Text.")},
            422,
            "binary",
        ),
        ({"a": ("a.txt", b"x" * 200_001), "b": ("b.txt", b"Text.")}, 413, "too large"),
        ({"b": ("b.txt", b"Some text.")}, 400, "empty"),
    ],
)
def test_bad_uploads_are_4xx_with_a_json_error(client, files, status, message):
    response = client.post("/api/compare", files=files)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_bad_json_bodies(client):
    r = client.post(
        "/api/compare", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    r = client.post("/api/compare", json={"a": 1})
    assert r.status_code == 400 and "expected" in r.json()["error"]


def test_unknown_comparison_is_404(client):
    r = client.get("/api/comparisons/nope")
    assert r.status_code == 404 and "error" in r.json()
    assert client.get("/c/nope").status_code == 404


def test_upload_filename_with_a_path_is_reduced_to_a_name(client, tmp_path):
    r = upload(client, "../../etc/passwd", SEED_DE.read_bytes(), "b.txt", SEED_FR.read_bytes())
    assert r.status_code == 200
    assert r.json()["documents"]["a"]["source"] == "passwd"


def test_form_page_shows_errors_in_the_page(client):
    r = client.post("/compare", data={"text_a": "", "text_b": "Something."})
    assert r.status_code == 400 and 'id="error"' in r.text and "empty" in r.text


def test_form_submission_redirects_to_a_shareable_report(client):
    r = client.post(
        "/compare",
        data={
            "text_a": SEED_DE.read_text(encoding="utf-8"),
            "text_b": SEED_FR.read_text(encoding="utf-8"),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/c/")
    page = client.get(r.headers["location"])
    assert "L’Observatoire de l’Europe Next" in page.text
    key = r.headers["location"].rsplit("/", 1)[1]
    assert f'href="/api/comparisons/{key}"' in page.text  # the JSON behind the page


def test_hostile_documents_render_as_text_in_report_and_page(client):
    r = client.post("/compare", data={"text_a": HOSTILE, "text_b": HOSTILE}, follow_redirects=True)
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert 'href="javascript:' not in r.text and "onerror=alert" not in r.text.replace(
        "onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;" in r.text or "&lt;img" in r.text
    # the error page echoes the pasted text back, escaped
    r = client.post("/compare", data={"text_a": HOSTILE, "text_b": ""})
    assert "<script>alert" not in r.text and "&lt;script&gt;" in r.text


def test_openapi_docs_exist(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/compare", "/api/comparisons/{key}", "/healthz"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_report_escapes_hostile_text_documents(tmp_path):
    import storydiff
    from storydiff.model import RawDocument
    from storydiff.report import render_html

    doc = RawDocument("evil.txt", HOSTILE, kind="text")
    html = render_html(storydiff.compare(doc, doc))
    assert "<script" not in html and "<img" not in html and "<i>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_text_upload_renders_escaped_in_the_stored_report(client):
    r = upload(client, "evil.txt", HOSTILE.encode(), "evil2.txt", HOSTILE.encode())
    page = client.get(f"/c/{r.headers['X-Comparison-Id']}")
    assert "<script" not in page.text and "&lt;script&gt;" in page.text


def test_a_comparison_over_the_time_limit_is_a_408(tmp_path):
    settings = Settings(db_path=tmp_path / "db.sqlite", timeout_s=0.001)
    with TestClient(create_app(settings)) as c:
        long_text = SEED_DE.read_text(encoding="utf-8") * 20  # more than a millisecond's work
        r = c.post("/api/compare", json={"a": long_text, "b": SEED_FR.read_text("utf-8")})
        assert r.status_code == 408 and "longer than" in r.json()["error"]
