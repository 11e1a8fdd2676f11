"""The web app over a collection: search page, story list, story page, REST routes."""

from __future__ import annotations

import json

import pytest
from conftest import PAIRS, SEED_DE, SEED_FR, run_cli

from storydiff.collection import Index


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    from fastapi.testclient import TestClient

    from storydiff.web.app import Settings, create_app

    db = tmp_path_factory.mktemp("web-collection") / "news.sqlite"
    with Index.open(db) as idx:
        idx.add([SEED_DE, SEED_FR, PAIRS / "bakery.fr.txt", PAIRS / "football.en.txt"])
    settings = Settings(db_path=db, max_bytes=200_000, timeout_s=600, workers=1, preload=False)
    with TestClient(create_app(settings)) as client:
        yield client


def test_api_find_by_text_and_by_id_give_the_cli_shape(web):
    r = web.post("/api/find", json={"text": SEED_FR.read_text(), "k": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"]["language"] == "fr"
    top = body["hits"][0]
    assert top["source"] == str(SEED_DE) and top["verdict"] == "same_story"
    assert top["evidence"] and "story_similarity" in top
    by_id = web.post("/api/find", json={"id": top["id"], "k": 1, "lang": ["fr"]}).json()
    assert by_id["hits"][0]["source"] == str(SEED_FR)


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 400, "either"),
        ({"text": "x", "id": 1}, 400, "either"),
        ({"id": 999}, 404, "no article with id 999"),
        ({"id": 1, "since": "last week"}, 400, "YYYY-MM-DD"),
        ({"id": 1, "k": 0}, 400, '"k": must be greater than or equal to 1'),
        ({"id": [1]}, 400, '"id": must be a valid integer'),
        ([1], 400, "the body must be a JSON object"),
        ({"id": True}, 400, '"id": must be a valid integer'),
        ({"id": 1, "k": "5"}, 400, '"k": must be a valid integer'),
        ({"id": 1, "limit": 5}, 400, '"limit"'),
    ],
)
def test_api_find_errors_are_json(web, body, status, message):
    r = web.post("/api/find", json=body)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert message in r.json()["error"]


def test_api_stories_and_story(web):
    r = web.get("/api/stories", params={"min_size": 2})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 1
    story = data["stories"][0]
    assert story["size"] == 2 and story["languages"] == ["de", "fr"]
    one = web.get(f"/api/stories/{story['id']}").json()
    assert {d["type"] for d in one["disagreements"]} >= {"source"}
    assert web.get("/api/stories/999").status_code == 404
    assert web.get("/api/stories", params={"limit": 0}).status_code == 400


def test_api_stories_are_the_story_objects_of_cluster_json(web):
    """One shape for one thing: the API wraps its page in paging fields, and each story in
    it is the object ``storydiff cluster --format json`` prints, disagreements included."""
    page = web.get("/api/stories", params={"limit": 1000}).json()
    assert set(page) == {"total", "offset", "limit", "window_days", "stories"}
    assert (page["offset"], page["limit"], page["window_days"]) == (0, 1000, 7.0)
    db = web.app.state.settings.db_path
    out = run_cli("cluster", "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    assert page["stories"] == json.loads(out.stdout) and page["total"] == len(page["stories"])
    assert any(s["disagreements"] for s in page["stories"])


def test_api_stories_keep_the_window_the_cli_formed_them_with(web):
    db = web.app.state.settings.db_path
    assert run_cli("cluster", "--db", str(db), "--window", "14d", "-f", "json").returncode == 0
    assert web.get("/api/stories").json()["window_days"] == 14.0
    assert run_cli("cluster", "--db", str(db), "-f", "json").returncode == 0  # back to 7d
    assert web.get("/api/stories").json()["window_days"] == 7.0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, '"limit": must be 1-1000'),
        ({"offset": -1}, '"offset": must be 0 or more'),
        ({"min_size": 0, "limit": 5000}, '"min_size": must be at least 1; "limit"'),
        ({"limit": "many"}, '"limit": must be a valid integer'),
    ],
)
def test_api_stories_errors_name_the_field(web, params, message):
    r = web.get("/api/stories", params=params)
    assert r.status_code in (400, 422)
    assert message in r.json()["error"]
    assert "many" not in r.json()["error"]  # the value sent is not echoed


def test_pages_render_and_escape(web):
    page = web.get("/stories?min_size=1")
    assert page.status_code == 200 and "stories" in page.text
    story_id = web.get("/api/stories", params={"min_size": 2}).json()["stories"][0]["id"]
    story = web.get(f"/stories/{story_id}")
    assert story.status_code == 200 and "Euronews" in story.text
    assert web.get("/stories/999").status_code == 404
    hostile = "<script>alert(1)</script> " + SEED_DE.read_text()
    found = web.post("/search", data={"text": hostile})
    assert found.status_code == 200
    assert "<script>alert(1)</script>" not in found.text
    assert "&lt;script&gt;" in found.text
    assert "hit-1" in found.text
    assert web.post("/search", data={"text": "  "}).status_code == 400
    assert "Content-Security-Policy" in found.headers


def test_openapi_documents_the_collection_routes(web):
    paths = web.get("/openapi.json").json()["paths"]
    assert {"/api/find", "/api/stories", "/api/stories/{story_id}"} <= set(paths)


def test_app_without_a_collection_has_no_collection_routes(client):
    assert client.get("/api/stories").status_code == 404


def test_api_find_body_that_is_not_json_is_a_400(web):
    r = web.post(
        "/api/find", content=b"\xff{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "not valid" in r.json()["error"]


def test_api_find_refuses_a_field_of_a_million_values_unread(web):
    # 1.2 MB: read field by field (json.loads would build a list of 600,000 items first)
    body = b'{"text": "Der Rat hat beschlossen.", "pad": [' + b"1," * 600_000 + b"1]}"
    r = web.post("/api/find", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error.startswith('field "pad" holds more than 100,000 values') and '"text"' in error


HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "<svg onload=alert(3)>"]


def test_hostile_titles_urls_and_sources_are_escaped_on_every_collection_page(tmp_path):
    # titles, URLs and source names come from the crawl: an attacker writes them
    import json
    import re

    from fastapi.testclient import TestClient

    from storydiff.web.app import Settings, create_app

    records = tmp_path / f"{HOSTILE[1]}.jsonl"
    records.write_text(
        json.dumps({"title": HOSTILE[0], "url": "javascript:alert(4)", "text": SEED_DE.read_text()})
        + "\n"
        + json.dumps(
            {"title": HOSTILE[2], "url": f"https://x/{HOSTILE[1]}", "text": SEED_FR.read_text()}
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.sqlite"
    with Index.open(db) as idx:
        idx.add([records])
    settings = Settings(db_path=db, workers=1, max_slow=0, preload=False)
    with TestClient(create_app(settings)) as client:
        pages = [client.get("/stories?min_size=1")]
        story_ids = re.findall(r'href="/stories/(\d+)"', pages[0].text)
        pages += [client.get(f"/stories/{i}") for i in story_ids]
        article_ids = set(re.findall(r'href="/search\?id=(\d+)"', pages[-1].text))
        pages += [client.get(f"/search?id={i}") for i in article_ids]
        pages.append(client.post("/search", data={"text": HOSTILE[2] + SEED_FR.read_text()}))
    assert story_ids and len(article_ids) == 2
    for page in pages:
        assert page.status_code == 200, page.text
        assert not re.search(r"<script|<img|<svg|href=\"javascript", page.text, re.I)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1].text  # shown, as text
