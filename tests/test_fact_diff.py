"""Mutation tests on the seed pair: change one fact, see exactly that difference.

The unmutated seed pair differs in one fact only: the German copy credits "Euronews
Next" (twice), the French "L'Observatoire de l'Europe Next". Every mutation below must add
exactly the expected difference to that baseline, and nothing else.
"""

from __future__ import annotations

import pytest
from conftest import SEED_DE, SEED_FR

import storydiff

DE = SEED_DE.read_text(encoding="utf-8")
FR = SEED_FR.read_text(encoding="utf-8")


def diffs(a: str, b: str) -> list[dict]:
    return storydiff.compare(a, b).fact_differences


def summary(d: dict) -> tuple:
    def side(x):
        return None if x is None else (x["text"], x["sentence"])

    return (d["kind"], d["type"], side(d["a"]), side(d["b"]))


@pytest.fixture(scope="module")
def baseline() -> list[tuple]:
    return [summary(d) for d in diffs(DE, FR)]


def added(mutated: list[dict], baseline: list[tuple]) -> list[tuple]:
    rest = list(baseline)
    out = []
    for d in map(summary, mutated):
        if d in rest:
            rest.remove(d)
        else:
            out.append(d)
    return out


def test_seed_pair_differs_only_in_the_credited_source(baseline):
    assert baseline == [
        ("conflict", "source", ("Euronews Next", 1), ("L’Observatoire de l’Europe Next", 1)),
        ("conflict", "source", ("Euronews Next", 5), ("L’Observatoire de l’Europe Next", 5)),
    ]


def test_seed_facts_match_across_languages():
    result = storydiff.compare(DE, FR)
    money_a = sorted(f.value["amount"] for f in result.a.facts if f.type == "money")
    money_b = sorted(f.value["amount"] for f in result.b.facts if f.type == "money")
    assert money_a == money_b == [5.8e9, 6e9, 6.5e9, 134e9, 150e9]
    places_a = {f.value for f in result.a.facts if f.type == "location"}
    places_b = {f.value for f in result.b.facts if f.type == "location"}
    # "Das in Kalifornien ansässige Unternehmen" / "L'entreprise californienne": the French
    # names the state only by its adjective, which the diff accepts as a mention
    assert places_a - places_b == {"region:US-CA"} and places_b <= places_a
    orgs_a = {f.value for f in result.a.facts if f.type == "organization"}
    orgs_b = {f.value for f in result.b.facts if f.type == "organization"}
    assert "mistral ai" in orgs_a and orgs_a <= orgs_b
    # French "de Meta et Google" names Google on its own; German hides it in the compound
    # "Google-Ingenieuren", which the diff recognises as the same name (no difference)
    assert orgs_b - orgs_a == {"google"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "6,5 Milliarden US-Dollar",
            "7,5 Milliarden US-Dollar",
            ("conflict", "money", ("7,5 Milliarden US-Dollar", 4), ("6,5 milliards de dollars", 4)),
        ),
        (
            "5,8 Milliarden Euro",
            "5,8 Milliarden Pfund",
            ("conflict", "money", ("5,8 Milliarden Pfund", 4), ("5,8 milliards d’euros", 4)),
        ),
        (
            "Clara Chappaz",
            "Clara Dupont",
            ("conflict", "person", ("Clara Dupont", 17), ("Clara Chappaz", 17)),
        ),
        ("Singapur", "Tokio", ("conflict", "location", ("Tokio", 2), ("Singapour", 2))),
        ("seit 2017", "seit 2019", ("conflict", "date", ("2019", 15), ("2017", 16))),
    ],
)
def test_one_changed_fact_is_one_conflict(baseline, old, new, expected):
    assert DE.count(old) == 1
    assert added(diffs(DE.replace(old, new), FR), baseline) == [expected]


def test_changed_source_is_one_conflict():
    fr = FR.replace("L’Observatoire de l’Europe Next", "Euronews Next")
    assert diffs(DE, fr) == []  # same outlet credited: no difference at all
    de = DE.replace("Erklärung gegenüber Euronews Next", "Erklärung gegenüber Reuters")
    assert [summary(d) for d in diffs(de, fr)] == [
        ("conflict", "source", ("Reuters", 5), ("Euronews Next", 5))
    ]


def test_deleted_paragraph_reports_its_facts_only_in_the_other_version(baseline):
    paragraph = next(p for p in DE.split("\n\n") if p.startswith("Mistral-KI"))
    result = storydiff.compare(DE.replace(paragraph + "\n\n", ""), FR)
    new = added(result.fact_differences, baseline)
    assert new, "deleting a paragraph with facts must be reported"
    assert {d[0] for d in new} == {"only_in_b"}
    assert {d[3][1] for d in new} <= {19, 20}  # the French sentences of that paragraph
    assert ("only_in_b", "money", None, ("près de 6 milliards d’euros", 20)) in new
    assert ("only_in_b", "organization", None, ("Mistral AI", 19)) in new
    assert {19, 20} <= set(result.only_in_b)


def test_inserted_unrelated_sentence_reports_only_its_facts(baseline):
    extra = (
        "Der FC Bayern gewann am Samstag vor 75.000 Zuschauern in München "
        "mit drei Toren gegen Borussia Dortmund."
    )
    de = DE.replace("\n\nDas in Kalifornien", f"\n\n{extra}\n\nDas in Kalifornien")
    result = storydiff.compare(de, FR)
    new = added(
        result.fact_differences,
        [(k, t, a and (a[0], a[1] + (1 if a[1] >= 3 else 0)), b) for k, t, a, b in baseline],
    )
    inserted = next(s.index for s in result.a.sentences if s.text == extra)
    assert new and {d[0] for d in new} == {"only_in_a"}
    assert {d[2][1] for d in new} == {inserted}
    types = {d[1] for d in new}
    assert {"number", "date", "location"} <= types
    assert inserted in result.only_in_a
