"""Boilerplate and structure: a general classifier, checked on lines the seed lacks."""

from __future__ import annotations

import pytest

import storydiff
from storydiff.extract import extract
from storydiff.extract.boilerplate import classify_line
from storydiff.extract.structure import byline_name, is_credit
from storydiff.model import RawDocument


@pytest.mark.parametrize(
    "line",
    [
        "3 + 4 =",
        "zwei × drei = ?",
        "cinq - deux =",
        "Teilen",
        "Share this article",
        "Partager sur Facebook",
        "Kommentar hinterlassen",
        "Lascia un commento",
        "Deja un comentario",
        "Skip to content",
        "Read more",
        "'Share' 'Tweet' 'Email'",  # quoted buttons, each on its own
        "We use cookies to improve your experience on our site.",
        "Abonnieren Sie unseren Newsletter",
        "https://example.org/news/123",
        "* * *",
    ],
)
def test_page_furniture_is_boilerplate(line):
    assert classify_line(line, position=10, n_lines=20).label == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "Die Regierung will die Steuern im kommenden Jahr senken.",
        "Frankreichs Ziele, ein Technologiezentrum zu werden",
        "Les réactions à Bruxelles",
        "The minister shared her plans for the railway with the committee.",
        "Sie kommentierte den Bericht am Dienstag ausführlich.",
        # a quoted subheading: "back" is an interface word ("Back to top"), but a button
        # is never quoted
        '"The revolution is back"',
        "«Le retour du partage»",
    ],
)
def test_journalism_is_content(line):
    assert classify_line(line, position=10, n_lines=20).label == "content"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Von Anna Müller", "Anna Müller"),
        ("Par Jean-Luc Dupont", "Jean-Luc Dupont"),
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("Milos Schmidt", "Milos Schmidt"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Der Präsident sprach", None),
        ("Exit mobile version", None),
    ],
)
def test_byline_names(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Paris (file photo)", True),
        ("Foto: dpa", True),
        ("Photo : AFP / Ludovic Marin", True),
        ("© Reuters", True),
        ("Berlin (Archivbild)", True),
        ("Bild: picture alliance / dpa", True),
        ("The photo was taken in Paris in 1998 by a tourist who later sold it.", False),
    ],
)
def test_credit_lines(line, credit):
    assert is_credit(line) is credit


def test_german_byline_and_headline_from_plain_text():
    text = (
        "Bahn investiert Milliarden in neue Strecken\n\nVon Anna Müller\n\n"
        "Die Deutsche Bahn will in den nächsten zehn Jahren deutlich mehr Geld in ihr Netz "
        "stecken als bisher geplant.\n\nDas teilte der Konzern am Dienstag mit.\n"
    )
    ex = extract(RawDocument("t.txt", text))
    assert ex.title == "Bahn investiert Milliarden in neue Strecken"
    assert ex.byline == "Anna Müller"
    assert [p.text[:14] for p in ex.paragraphs] == ["Die Deutsche B", "Das teilte der"]


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = (
        "The council approved the budget on Monday after a long debate\n"
        "that lasted until late in the evening.\n\nA second paragraph follows here, short.\n"
    )
    ex = extract(RawDocument("t.txt", text))
    assert len(ex.paragraphs) == 2
    assert ex.paragraphs[0].text.endswith("late in the evening.")


def test_html_title_byline_and_date_come_from_trafilatura():
    html = (
        "<html><head><title>Site</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2024-09-26'></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Rail plan approved</h1>"
        "<p>By Jane Doe</p><p>The council approved the rail plan on Monday after a long "
        "debate in the chamber.</p><p>Work will start next spring, officials said.</p>"
        "</article><footer>Share. Exit mobile version</footer></body></html>"
    )
    ex = extract(RawDocument("a.html", html, kind="html"))
    assert ex.title == "Rail plan approved"
    assert ex.byline == "Jane Doe"
    assert ex.date == "2024-09-26"
    assert [p.text for p in ex.paragraphs] == [
        "The council approved the rail plan on Monday after a long debate in the chamber.",
        "Work will start next spring, officials said.",
    ]


def test_short_line_without_counterpart_is_dropped_but_shared_one_kept():
    body = (
        "The council approved the new rail plan on Monday after a long debate.\n\n"
        "Work on the first section will start next spring, officials said.\n\n"
    )
    a = body + "Follow-up planned\n"
    c = body + "Weather tomorrow\n"
    same = storydiff.compare(a, a)
    assert same.a.paragraphs[-1] == "Follow-up planned"
    assert same.a.boilerplate == []
    other = storydiff.compare(c, a)
    assert [x.text for x in other.a.boilerplate] == ["Weather tomorrow"]
    assert "no counterpart" in other.a.boilerplate[0].reason


def test_only_boilerplate_is_a_clear_error():
    with pytest.raises(storydiff.InputError, match="keep-boilerplate"):
        storydiff.compare("Share.\nExit mobile version\n", "Some text here that is fine.")


def test_the_counterpart_check_reuses_the_sentences_vectors():
    """The check on short uncertain lines takes every paragraph's vector from the pass
    that embeds the sentences for the alignment (one pass a side, no paragraph read
    again), and drops the lines that the paragraphs' own vectors drop."""
    from storydiff.compare import resolve_with_counterpart
    from storydiff.encoders import CachedEncoder, get_encoder
    from storydiff.inputs import to_raw

    use = get_encoder("use").inner

    class Counting:
        name, version, dim, scripts = "counting-use-paragraphs", "1", 512, use.scripts

        def __init__(self) -> None:
            self.texts: list[str] = []
            self.passes = 0

        def encode(self, texts):
            self.texts += list(texts)
            return use.encode(texts)

        def encode_runs(self, texts, max_run):
            self.passes += 1
            return use.encode_runs(texts, max_run)

        def encode_runs_and_spans(self, texts, max_run, spans):
            self.passes += 1
            return use.encode_runs_and_spans(texts, max_run, spans)

    body = (
        "The council approved the new rail plan on Monday after a long debate. "
        "Several members asked for a cheaper route.\n\n"
        "Work on the first section will start next spring, officials said. "
        "The line should open in 2030.\n\n"
    )
    a, c = body + "Follow-up planned\n", body + "Weather tomorrow\n"
    for x, y in ((c, a), (a, a)):
        inner = Counting()
        result = storydiff.compare(x, y, encoder=CachedEncoder(inner))
        # one pass a side (one for two equal sides); compare_articles is served by the
        # cache, also after a line is dropped (its runs are runs of the longer text)
        assert inner.passes == (1 if x == y else 2)
        assert not any(p in inner.texts for p in body.strip().split("\n\n"))
        ex_x, ex_y = extract(to_raw(x, 10**6)), extract(to_raw(y, 10**6))
        resolve_with_counterpart(ex_x, ex_y, use)  # each paragraph embedded as its text
        resolve_with_counterpart(ex_y, ex_x, use)
        assert [b.text for b in result.a.boilerplate] == [b.text for b in ex_x.boilerplate]
        assert [b.text for b in result.b.boilerplate] == [b.text for b in ex_y.boilerplate]
    assert [b.text for b in ex_x.boilerplate] == []  # the same text keeps its line


def test_many_lines_without_a_counterpart_are_dropped_in_one_pass():
    """A page of thousands of short lines: each dropped line used to re-sort the whole
    boilerplate list (quadratic); they are now dropped together, with the same result."""
    import numpy as np

    from storydiff.compare import _drop_without_counterpart
    from storydiff.extract.pipeline import BoilerplateLine, Extracted, Paragraph

    n = 3000
    ex = Extracted(
        source="page",
        paragraphs=[
            Paragraph(f"line {k}", k, uncertain=k % 2 == 0, reason="short") for k in range(n)
        ],
        boilerplate=[BoilerplateLine("menu", "navigation", -1)],
    )
    other = Extracted(source="other", paragraphs=[Paragraph("The story.", 0)])
    singles: list[Paragraph] = []
    ex.drop = lambda p, why: singles.append(p)  # the one-at-a-time path must not be used

    def vectors(ps):  # uncertain lines point away from the other version's text
        return np.array([[0.0, 1.0] if p.uncertain else [1.0, 0.0] for p in ps])

    _drop_without_counterpart(ex, other, vectors)
    assert not singles
    assert [p.line for p in ex.paragraphs] == list(range(1, n, 2))
    lines = [b.line for b in ex.boilerplate]
    assert lines == sorted(lines) and len(lines) == 1 + n // 2
