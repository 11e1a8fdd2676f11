"""The seed pair (Euronews Next article republished in German and French) end to end."""

from __future__ import annotations

from conftest import find_sentence


def gold_links(comparison, gold) -> set[tuple[int, int]]:
    links = set()
    for link in gold["links"]:
        de = [find_sentence(comparison.a, s) for s in link["de"]]
        fr = [find_sentence(comparison.b, s) for s in link["fr"]]
        links |= {(i, j) for i in de for j in fr}
    return links


def predicted_links(comparison) -> set[tuple[int, int]]:
    return {(i, j) for bead in comparison.alignment for i in bead.a for j in bead.b}


def test_seed_pair_is_the_same_story(seed_comparison):
    assert seed_comparison.verdict == "same_story"
    assert seed_comparison.a.language == "de"
    assert seed_comparison.b.language == "fr"


def test_at_least_95_percent_of_gold_links_found(seed_comparison, seed_gold):
    gold = gold_links(seed_comparison, seed_gold)
    found = gold & predicted_links(seed_comparison)
    assert len(found) / len(gold) >= 0.95, sorted(gold - found)


def test_no_link_crosses_a_paragraph_of_the_gold(seed_comparison, seed_gold):
    gold = gold_links(seed_comparison, seed_gold)
    # every German sentence belongs to one gold bead; a predicted link to a French
    # sentence outside that bead is a wrong link
    wrong = predicted_links(seed_comparison) - gold
    assert not wrong


def test_every_german_content_sentence_is_aligned(seed_comparison):
    assert seed_comparison.only_in_a == []
    assert seed_comparison.coverage_a == 1.0


def test_boilerplate_of_both_files_flagged_and_no_content(seed_comparison, seed_gold):
    assert [b.text for b in seed_comparison.a.boilerplate] == seed_gold["boilerplate"]["de"]
    assert [b.text for b in seed_comparison.b.boilerplate] == seed_gold["boilerplate"]["fr"]
    for article in (seed_comparison.a, seed_comparison.b):
        for line in article.boilerplate:
            assert line.text not in article.text


def test_headline_byline_and_credit_found_only_in_french(seed_comparison, seed_gold):
    fr = seed_gold["structure"]["fr"]
    assert seed_comparison.b.title == fr["title"]
    assert seed_comparison.b.byline == fr["byline"]
    assert seed_comparison.b.credits == fr["credits"]
    assert seed_comparison.a.title is None and seed_comparison.a.byline is None
    kinds = {(d.field, d.kind) for d in seed_comparison.structure_differences}
    assert kinds == {("title", "only_in_b"), ("byline", "only_in_b"), ("credit", "only_in_b")}


def test_headline_is_not_counted_as_content(seed_comparison):
    assert all("Le créateur de ChatGPT" not in s.text for s in seed_comparison.b.sentences)
    assert "Milos Schmidt" not in seed_comparison.b.text


def test_sentence_spans_point_into_the_article_text(seed_comparison):
    for article in (seed_comparison.a, seed_comparison.b):
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text in article.paragraphs[s.paragraph]
