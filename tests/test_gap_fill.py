"""Equal gaps between links: their sentences linked in order where they match best."""

from __future__ import annotations

import numpy as np

from storydiff.gap_fill import GAP_LINK_MIN, GAP_MAX, fill_gaps
from storydiff.model import Bead


def _vectors(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors for two sides whose cosines are ``sims`` (n_a, n_b): side A on the
    axes, side B mixing them with a free axis of its own."""
    n_a, n_b = sims.shape
    dim = n_a + n_b
    vec_a = np.eye(n_a, dim, dtype=np.float64)
    vec_b = np.zeros((n_b, dim))
    vec_b[:, :n_a] = sims.T
    for j in range(n_b):
        rest = 1.0 - float(np.sum(sims[:, j] ** 2))
        assert rest >= 0
        vec_b[j, n_a + j] = rest**0.5
    return vec_a, vec_b


def _gap_between_links(diagonal: list[float], off: float = 0.1) -> tuple[list[Bead], np.ndarray]:
    """A link, a gap of len(diagonal) sentences a side, a link."""
    k = len(diagonal)
    n = k + 2
    sims = np.full((n, n), off)
    for d in range(n):
        sims[d, d] = 0.8 if d in (0, n - 1) else diagonal[d - 1]
    beads = [Bead([0], [0], 0.8)]
    beads += [Bead([i], [], 0.0) for i in range(1, k + 1)]
    beads += [Bead([], [j], 0.0) for j in range(1, k + 1)]
    beads.append(Bead([n - 1], [n - 1], 0.8))
    return beads, sims


def _links(beads: list[Bead]) -> list[tuple[list[int], list[int]]]:
    return [(b.a, b.b) for b in beads if b.a and b.b]


def test_a_freely_translated_gap_is_linked_in_order():
    beads, sims = _gap_between_links([0.39, 0.47, 0.42])
    filled = fill_gaps(beads, *_vectors(sims), two_languages=True)
    assert _links(filled) == [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([4], [4])]
    assert [round(b.score, 2) for b in filled][1:4] == [0.39, 0.47, 0.42]
    # the links made by place say so; the two that framed the gap do not
    assert [b.placed for b in filled] == [False, True, True, True, False]
    assert [b.to_dict().get("placed") for b in filled] == [None, True, True, True, None]
    assert [Bead.from_dict(b.to_dict()) for b in filled] == filled


def test_one_language_or_a_single_link_is_left_alone():
    beads, sims = _gap_between_links([0.39, 0.47, 0.42])
    vec_a, vec_b = _vectors(sims)
    assert fill_gaps(beads, vec_a, vec_b, two_languages=False) == beads
    one_link = [*beads[:-1], Bead([4], [], 0.0), Bead([], [4], 0.0)]  # the last link gone
    assert fill_gaps(one_link, vec_a, vec_b, two_languages=True) == one_link


def test_a_pair_under_the_floor_or_beaten_inside_the_gap_stays_apart():
    beads, sims = _gap_between_links([0.45, GAP_LINK_MIN - 0.05, 0.45])
    filled = fill_gaps(beads, *_vectors(sims), two_languages=True)
    assert _links(filled) == [([0], [0]), ([1], [1]), ([3], [3]), ([4], [4])]
    assert sorted((b.a, b.b) for b in filled if not (b.a and b.b)) == [([], [2]), ([2], [])]
    sims[1, 3] = 0.5  # A's first gap sentence matches B's last better than its own
    filled = fill_gaps(beads, *_vectors(sims), two_languages=True)
    assert _links(filled) == [([0], [0]), ([4], [4])]  # both beaten, one under the floor


def test_unequal_long_or_unanchored_gaps_are_left_alone():
    beads, sims = _gap_between_links([0.45, 0.45])
    uneven = [b for b in beads if b.b != [2] or b.a]  # B's gap one sentence shorter
    vec_a, vec_b = _vectors(sims)
    assert fill_gaps(uneven, vec_a, vec_b, two_languages=True) == uneven
    long_beads, long_sims = _gap_between_links([0.45] * (GAP_MAX + 1))
    assert fill_gaps(long_beads, *_vectors(long_sims), two_languages=True) == long_beads
    unanchored = [Bead([0], [], 0.0), Bead([], [0], 0.0)]  # two one-line texts, no link
    one = np.ones((1, 1)) * 0.45
    assert fill_gaps(unanchored, *_vectors(one), two_languages=True) == unanchored


# --- on real text ---------------------------------------------------------------------


def test_a_sentence_translated_freely_is_linked_by_its_place():
    from conftest import PAIRS

    import storydiff

    result = storydiff.compare(PAIRS / "bridge-closure.en.txt", PAIRS / "bridge-closure.de.txt")
    # "Nobody on the council could remember a vote that passed so quickly." / "So schnell
    # ging eine Abstimmung im Rat noch nie über die Bühne, hieß es." scores under 0.5
    placed = [b for b in result.alignment if b.placed]
    assert [(b.a, b.b) for b in placed] == [([1], [1])]
    assert placed[0].score < 0.5
    assert [b["placed"] for b in result.to_dict()["alignment"] if "placed" in b] == [True]
    # both reports say which link was made by place, and why its score is under the bar
    from rich.console import Console

    from storydiff.report.html import render_html
    from storydiff.report.terminal import render_terminal

    console = Console(record=True, width=160)
    render_terminal(result, console)
    text = console.export_text()
    assert f"{placed[0].score:.2f}*" in text
    assert "linked by the sentences' place between two links" in text
    html = render_html(result)
    assert f"{placed[0].score:.2f}*</td>" in html
    assert html.count('title="linked by its place between two links"') == 1
    assert result.coverage_a == result.coverage_b == 1.0


_FIRE = [
    "A fire broke out at a chemical warehouse in the port of Hamburg on Monday night.",
    "Firefighters from across the city were called to the scene shortly after 11 pm.",
    "The blaze sent a thick plume of black smoke over the harbour district.",
    "{}",
    "Residents were told to keep their windows and doors closed until further notice.",
    "The cause of the fire is not yet known, a fire brigade spokesman said.",
]


def test_within_one_language_a_replaced_sentence_is_not_linked_to_the_one_it_replaced():
    import storydiff
    from storydiff.model import RawDocument

    old = " ".join(_FIRE).format("The fire brigade sent 80 firefighters to the scene.")
    new = " ".join(_FIRE).format("Police arrested a 34-year-old man on suspicion of arson.")
    result = storydiff.compare(RawDocument("A", old), RawDocument("B", new))
    assert not any(b.a == [3] and b.b == [3] for b in result.alignment)
    assert not any(d["kind"] == "conflict" for d in result.fact_differences)


def test_short_briefs_in_two_languages_are_not_filled_into_one_story():
    import storydiff
    from storydiff.model import RawDocument

    en = (
        "A fire broke out at a chemical warehouse in the port of Hamburg on Monday night. "
        "Three workers were taken to hospital with burns, police said. "
        "Environment officials measured no toxic substances in the air."
    )
    de = (
        "Im Hamburger Hafen ist in der Nacht zum Dienstag ein Feuer in einer Lagerhalle "
        "ausgebrochen. Die Polizei nahm einen 34-jährigen Mann wegen des Verdachts der "
        "Brandstiftung fest. Die Umweltbehörde warnte vor möglichem Asbest im Rauch."
    )
    result = storydiff.compare(RawDocument("A", en), RawDocument("B", de))
    assert result.verdict == "related"
    assert not any(b.placed or (b.a and b.b and b.score < 0.5) for b in result.alignment)


def test_a_conflict_across_a_link_made_by_place_is_held_for_less_certain():
    from storydiff.facts.diff import fact_differences, is_shown
    from storydiff.inputs import load_article
    from storydiff.model import RawDocument

    a = load_article(RawDocument("A", "The council approved 80 new flats on Tuesday."))
    b = load_article(RawDocument("B", "Der Rat genehmigte am Dienstag 30 neue Wohnungen."))
    # the mark decides, not the score: a link made by place may score anything
    for score, placed, shown in ((0.7, False, True), (0.45, True, False), (0.55, True, False)):
        diffs = fact_differences(a, b, [Bead([0], [0], score, placed=placed)])
        conflicts = [d for d in diffs if d["kind"] == "conflict" and d["type"] == "number"]
        assert len(conflicts) == 1
        assert is_shown(conflicts[0]) is shown
        assert ("by their place" in conflicts[0]["reason"]) is (not shown)


def test_a_link_made_by_place_shows_no_polarity_and_says_so_of_a_missing_fact():
    from storydiff.facts.diff import fact_differences
    from storydiff.inputs import load_article
    from storydiff.model import RawDocument

    a = load_article(RawDocument("A", "The council approved the new flats on Tuesday."))
    b = load_article(RawDocument("B", "Der Rat genehmigte die neuen Wohnungen nicht."))
    on_link = fact_differences(a, b, [Bead([0], [0], 0.7)])
    assert [d["kind"] for d in on_link if d["kind"] == "polarity"] == ["polarity"]
    by_place = fact_differences(a, b, [Bead([0], [0], 0.7, placed=True)])
    assert [d for d in by_place if d["kind"] == "polarity"] == []
    # "Tuesday" is missing from the German sentence: the reason names how they are linked
    missing = [d for d in by_place if d["kind"] == "only_in_a" and d["type"] == "date"]
    assert missing and "by their place between two links" in missing[0]["reason"]


def test_reports_without_a_link_made_by_place_explain_no_star():
    from rich.console import Console

    import storydiff
    from storydiff.collection.index import evidence
    from storydiff.model import RawDocument
    from storydiff.report.html import render_html
    from storydiff.report.terminal import render_terminal

    result = storydiff.compare(
        RawDocument("A", "The council approved 80 new flats on Tuesday. The mayor was pleased."),
        RawDocument(
            "B", "Der Rat genehmigte am Dienstag 80 neue Wohnungen. Der Bürgermeister war froh."
        ),
    )
    assert not any(b.placed for b in result.alignment)
    console = Console(record=True, width=160)
    render_terminal(result, console)
    assert "sim*" not in console.export_text()
    assert "linked by place" not in render_html(result)
    assert "marked *" not in render_html(result)
    # a collection's evidence leaves links made by place out
    result.alignment[0].placed = True
    assert [e["a"] for e in evidence(result)] == [result.a.sentences[1].text]
