"""The web app and the saved HTML report in a real browser (Debian's Chromium).

CI installs Chromium (``.ci/run``); where it is missing these tests are skipped with the
reason. Screenshots go to tests/artifacts/ (not committed).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import SEED_DE, SEED_FR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium: apt-get install chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from storydiff.web.app import Settings, create_app

    port = _free_port()
    db = tmp_path_factory.mktemp("web") / "db.sqlite"
    config = uvicorn.Config(
        create_app(Settings(db_path=db, workers=1, max_slow=0)),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _check_report(page) -> None:
    assert page.locator("#verdict").inner_text().strip() == "same story"
    assert page.locator("table.align tbody tr").count() >= 20
    conflict = page.locator(".fact.source.conflict", has_text="Observatoire de l’Europe Next")
    assert conflict.count() == 2 and conflict.first.is_visible()
    assert "other version: Euronews Next" in conflict.first.get_attribute("title")
    assert page.locator("ol.differences li.conflict").count() == 2


def test_upload_the_seed_pair_and_see_the_report(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(server + "/")
    page.set_input_files("#file_a", str(SEED_DE))
    page.set_input_files("#file_b", str(SEED_FR))
    page.click("#compare")
    page.wait_for_url("**/c/**")
    _check_report(page)
    page.screenshot(path=str(ARTIFACTS / "app-report.png"))
    # the differences list links to the row of each conflict
    page.click("ol.differences li.conflict a >> nth=0")
    assert page.url.split("#")[1].startswith("row-")
    page.close()


def test_empty_upload_shows_an_error_in_the_page(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("#text_b", "Only one side.")
    page.click("#compare")
    assert "empty" in page.locator("#error").inner_text()
    page.close()


def test_saved_report_file_works_offline_without_javascript(browser, tmp_path):
    from typer.testing import CliRunner

    from storydiff.cli import app

    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["compare", str(SEED_DE), str(SEED_FR), "--html", str(report), "-o", "/dev/null"]
    )
    assert result.exit_code == 0
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1300, "height": 900}
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    _check_report(page)
    assert all(url.startswith("file:") for url in requests)  # no external assets
    page.screenshot(path=str(ARTIFACTS / "report-file.png"))
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: stacked layout
    first_b = page.locator("table.align tbody tr >> nth=0").locator("td.b")
    first_a = page.locator("table.align tbody tr >> nth=0").locator("td.a")
    assert first_b.bounding_box()["y"] > first_a.bounding_box()["y"]
    page.screenshot(path=str(ARTIFACTS / "report-phone.png"))
    context.close()
