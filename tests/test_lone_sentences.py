"""A sentence that stands alone without a counterpart was deleted from the other version
(or added to this one), and takes its facts with it; one that faces unlinked sentences of
the other version in its gap is a loose translation (storydiff.facts.diff._gap_sentences)."""

from __future__ import annotations

import storydiff
from storydiff.facts.diff import _gap_sentences, is_shown
from storydiff.model import Bead, RawDocument

DE = (
    "Der Sänger muss der Polizei seine Reisepläne sieben Tage vorher melden. "
    "Wer die Behörden nicht benachrichtigt, riskiert eine Haftstrafe von fünf Jahren. "
    "Die Polizei in Kent wollte sich zu einzelnen Fällen nicht äußern. "
    "Der Sänger hatte das Land im Sommer verlassen."
)
EN_FIRST, EN_LAST = (
    "The singer must notify the police of his travel plans seven days in advance.",
    "Kent police would not discuss individual cases. The singer had left the country in"
    " the summer.",
)


def _shown(a: str, b: str) -> list[tuple]:
    result = storydiff.compare(RawDocument("A", a), RawDocument("B", b))
    return [(d["kind"], (d["a"] or d["b"])["text"]) for d in result.fact_differences if is_shown(d)]


def test_a_deleted_sentence_shows_even_a_figure_in_words():
    # "fünf" alone is a weak fact (a translation may word a small figure apart), but its
    # sentence stands alone between two links: the other version lacks it
    assert _shown(DE, f"{EN_FIRST} {EN_LAST}") == [("only_in_a", "fünf")]


def test_a_loosely_translated_sentence_takes_no_name_the_other_version_has_elsewhere():
    # the opening sentences translate each other too loosely to be linked; "Kent" of the
    # German one is named by the English version further on: moved, not gone
    de = (
        "Die Beamten in Kent ermitteln seit Wochen gegen den Sänger. Der Sänger muss der"
        " Polizei seine Reisepläne sieben Tage vorher melden. Er hatte das Land im Sommer"
        " verlassen. Seine Anwälte äußerten sich nicht. Die Behörden wollten sich zu"
        " einzelnen Fällen nicht äußern. Der Prozess beginnt im März."
    )
    en = (
        "For weeks, nobody has stopped digging into his affairs. The singer must notify the"
        " police of his travel plans seven days in advance. He had left the country in the"
        " summer. His lawyers did not comment. The Kent authorities would not discuss"
        " individual cases. The trial begins in March."
    )
    assert ("only_in_a", "Kent") not in _shown(de, en)


def test_a_moved_sentence_is_no_deleted_one():
    # the same five sentences, one of them moved: its figure in words and its relative date
    # stand elsewhere in the other version
    de = (
        "Die Stadtverwaltung hat einen neuen Plan für den Verkehr vorgestellt. Gestern"
        " stimmten drei Ausschüsse dem Entwurf zu. Der Plan sieht mehr Radwege und weniger"
        " Parkplätze vor. Die Händler in der Innenstadt sind skeptisch. Der Stadtrat"
        " entscheidet im Herbst endgültig."
    )
    en = (
        "The city administration has presented a new plan for traffic. The plan provides"
        " for more cycle paths and fewer parking spaces. The shopkeepers in the city centre"
        " are sceptical. Yesterday three committees approved the draft. The city council"
        " will make the final decision in the autumn."
    )
    assert _shown(de, en) == []


def test_a_deleted_sentence_beside_a_loose_translation_is_still_shown():
    # two German sentences face one unlinked English one: one of them has no counterpart,
    # so the arrest's year and place, named elsewhere in the English version, stay shown
    de = (
        "Der Sänger muss der Polizei seine Reisepläne sieben Tage vorher melden. Die Beamten"
        " ermitteln seit Wochen gegen ihn. Die Polizei hatte den Sänger im Jahr 2019 in"
        " Manchester festgenommen. Er hatte das Land im Sommer verlassen. Seine Anwälte"
        " äußerten sich nicht. Der Prozess in Manchester beginnt im März, wie schon 2019"
        " geplant."
    )
    en = (
        "The singer must notify the police of his travel plans seven days in advance. For"
        " weeks, nobody has stopped digging into his affairs. He had left the country in the"
        " summer. His lawyers did not comment. The trial in Manchester begins in March, as"
        " planned in 2019."
    )
    shown = _shown(de, en)
    assert ("only_in_a", "2019") in shown and ("only_in_a", "Manchester") in shown


EN_FULL = (
    f"{EN_FIRST} Anyone who fails to notify the authorities risks five years in prison. {EN_LAST}"
)
QUOTE_DE = "„Das schadet dem Geschäft, wir müssen dagegen vorgehen“, sagte der Verleger."
QUOTE_EN = '"This damages business, we have to fight it," the publisher said.'


def _with(text: str, before: str, sentence: str) -> str:
    """``text`` with ``sentence`` put before the sentence that opens with ``before``."""
    assert before in text
    return text.replace(before, f"{sentence} {before}", 1)


def test_a_deleted_sentence_takes_its_quotation_with_it():
    # the quoted words of a linked sentence are compared by the alignment; a quotation in
    # a sentence that stands alone went with it
    de = _with(DE, "Die Polizei in Kent", QUOTE_DE)
    assert _shown(de, EN_FULL) == [("only_in_a", QUOTE_DE.rsplit(",", 1)[0])]
    assert _shown(DE, EN_FULL) == []


def test_a_moved_quotation_is_no_deleted_one():
    # the German version quotes the publisher early, the English one at the end: each
    # sentence stands alone, but the other version holds an unlinked quotation
    de = _with(DE, "Die Polizei in Kent", QUOTE_DE)
    en = f"{EN_FULL} {QUOTE_EN}"
    assert [k for k in _shown(de, en) if "Geschäft" in k[1] or "business" in k[1]] == []


def test_an_unrelated_quotation_does_not_hide_a_deleted_one():
    # the English version lacks the publisher's words and adds a spokesman's at its end:
    # two changes, not one moved sentence
    de = _with(DE, "Die Polizei in Kent", QUOTE_DE)
    en = f'{EN_FULL} Officers closed the file. "We will not comment on rumours," a spokesman said.'
    assert ("only_in_a", QUOTE_DE.rsplit(",", 1)[0]) in _shown(de, en)


def test_a_quotation_the_article_repeats_is_no_deleted_one():
    # the German version quotes the same words twice; the English one once, where the
    # German quotes them first
    de = (
        "Der Verleger wehrt sich. „Wir müssen dagegen vorgehen“, sagte er am Montag. Die"
        " Anwälte prüfen den Fall. „Wir müssen dagegen vorgehen“, wiederholte er. Das"
        " Gericht entscheidet im März."
    )
    en = (
        'The publisher is fighting back. "We have to fight it," he said on Monday. The'
        " lawyers are examining the case. The court will decide in March."
    )
    assert [k for k in _shown(de, en) if k[0] == "only_in_a"] == []


def test_a_quotation_whose_counterpart_joined_a_neighbours_link_is_no_deleted_one():
    # the English version says the publisher's words in the sentence before, which the
    # aligner linked alone: the German quotation stands alone but is not gone
    from storydiff.encoders import get_encoder
    from storydiff.facts.diff import fact_differences

    de = _with(DE, "Die Polizei in Kent", QUOTE_DE)
    en = EN_FULL.replace(
        "Kent police would not discuss individual cases.",
        'Kent police would not discuss individual cases; "this damages business, we have to'
        ' fight it," the publisher said.',
    )
    result = storydiff.compare(RawDocument("A", de), RawDocument("B", en))
    a, b = result.a, result.b
    assert len(a.sentences) == 5 and len(b.sentences) == 4
    beads = [Bead([0], [0], 0.8), Bead([1], [1], 0.8), Bead([2], [], 0.0)]
    beads += [Bead([3], [2], 0.7), Bead([4], [3], 0.8)]
    quotes = [
        d
        for d in fact_differences(a, b, beads, embed=get_encoder("use").encode)
        if d["type"] == "quote"
    ]
    assert [(d["kind"], is_shown(d)) for d in quotes] == [("only_in_a", False)]
    assert "quotes the same words" in quotes[0]["reason"]


def test_a_quotation_at_the_articles_edge_is_left_to_the_alignment():
    # before the first link or after the last a lone sentence is as often the page's own
    # (a pull quote): its sentence is listed without a counterpart, no fact says more
    assert _shown(f"{DE} {QUOTE_DE}", EN_FULL) == []


def test_a_deleted_sentence_takes_a_name_known_by_its_capitals():
    # "Explorer" and "Chrome" are found by their capitals only (weak: a translation may
    # word such a name apart), but their sentence stands alone in the English version
    en = _with(
        EN_FULL,
        "Kent police",
        "Many people open the computer only to launch Explorer or Chrome.",
    )
    assert _shown(DE, en) == [("only_in_b", "Explorer"), ("only_in_b", "Chrome")]
    # a capitalised word the article writes in lower case elsewhere is no name there
    en = en.replace("Explorer or Chrome.", "Explorer.") + " Explorer of the explorer."
    assert ("only_in_b", "Explorer") not in _shown(DE, en)
    # opening the sentence, every word has a capital: no evidence there
    en = _with(EN_FULL, "Kent police", "Mango said the shop would close.")
    assert _shown(DE, en) == []


def test_gap_sentences_of_bead_lists():
    link = Bead([0], [0], 0.8)
    # a gap with one side only, between 1-1 links: alone
    beads = [link, Bead([1], [], 0.0), Bead([2], [1], 0.7)]
    assert _gap_sentences(beads, "a") == ({1}, set())
    assert _gap_sentences(beads, "b") == (set(), set())
    # the gap faces an unlinked sentence of the other side: a loose translation
    faced = [link, Bead([1], [], 0.0), Bead([], [1], 0.0), Bead([2], [2], 0.7)]
    assert _gap_sentences(faced, "a") == (set(), {1})
    assert _gap_sentences(faced, "b") == (set(), {1})
    # two sentences face one: which of them lacks a counterpart is not known
    uneven = [link, Bead([1, 2], [], 0.0), Bead([], [1], 0.0), Bead([3], [2], 0.7)]
    assert _gap_sentences(uneven, "a") == (set(), set())
    assert _gap_sentences(uneven, "b") == (set(), {1})
    # the link beside it took in more of the other side's sentences: its counterpart
    absorbed = [link, Bead([1], [], 0.0), Bead([2], [1, 2], 0.7)]
    assert _gap_sentences(absorbed, "a") == (set(), {1})
    # before the first link, the other version's headline faces it
    opening = [Bead([0], [], 0.0), Bead([1], [0], 0.8)]
    assert _gap_sentences(opening, "a") == ({0}, set())
    assert _gap_sentences(opening, "a", faces_title=True) == (set(), {0})
    assert _gap_sentences([], "a") == (set(), set())


def test_a_deleted_sentence_takes_a_name_its_linked_neighbours_also_state():
    # the deleted sentence names Monica Cruz, and so does the next sentence in both
    # versions: that mention is the counterpart of the German neighbour's, not of the
    # deleted sentence's, so the person goes with the deleted sentence
    de = (
        "Der Film läuft ab Freitag in den spanischen Kinos. Monica Cruz ist klein, aber"
        " voller Energie. Monica Cruz spielt darin eine Tänzerin aus Sevilla. Die"
        " Dreharbeiten dauerten drei Monate."
    )
    en = (
        "The film opens in Spanish cinemas on Friday. Monica Cruz plays a dancer from"
        " Seville in it. Filming took three months."
    )
    assert ("only_in_a", "Monica Cruz") in _shown(de, en)
    # and with the sentence kept, nothing is shown
    full_en = (
        "The film opens in Spanish cinemas on Friday. Monica Cruz is small but full of"
        " energy. Monica Cruz plays a dancer from Seville in it. Filming took three months."
    )
    assert _shown(de, full_en) == []


def test_a_lone_sentence_folded_into_a_later_one_keeps_its_cover():
    # the French lead says what the English third sentence says ("le parquet de Lyon ...
    # lundi"): that sentence comes closer to its partner with the lone one joined, so its
    # "Lyon" is no counterpart of the partner's alone
    en = (
        "Police arrested two men in Lyon on Saturday. The suspects, aged 23 and 31, were"
        " known to police. Prosecutors in Lyon said they would be charged on Monday. The"
        " investigation continues."
    )
    fr = (
        "La police a arrêté samedi à Lyon deux hommes, que le parquet de Lyon compte mettre"
        " en examen lundi. Les suspects, âgés de 23 et 31 ans, étaient connus des services"
        " de police. L'enquête se poursuit."
    )
    assert _shown(en, fr) == []


def test_a_moved_sentence_is_shown_on_neither_side():
    en = (
        "Police arrested two men in Lyon on Saturday. Prosecutors in Lyon said the men would"
        " be charged with robbery. The suspects, aged 23 and 31, were known to police. They"
        " were caught on camera. The investigation continues."
    )
    fr = (
        "La police a arrêté samedi deux hommes à Lyon. Les suspects, âgés de 23 et 31 ans,"
        " étaient connus des services de police. Ils ont été filmés par une caméra."
        " L'enquête se poursuit. Le parquet de Lyon a indiqué qu'ils seraient poursuivis"
        " pour vol."
    )
    assert _shown(en, fr) == []


def test_a_standfirst_before_the_first_link_takes_no_name_its_neighbours_state():
    # the English version opens with a standfirst the German lacks: before the first
    # link a lone sentence is as often the page's own as a deleted one
    en = (
        "Critics are divided over the new musical starring Monica Cruz. Monica Cruz plays a"
        " dancer from Seville in it. Filming took three months. The film opens on Friday."
    )
    de = (
        "Monica Cruz spielt darin eine Tänzerin aus Sevilla. Die Dreharbeiten dauerten drei"
        " Monate. Der Film läuft ab Freitag."
    )
    assert ("only_in_a", "Monica Cruz") not in _shown(en, de)


def test_a_sentence_folded_into_one_further_on_is_no_deleted_one():
    # the Italian version moved "Lagarde has led the bank since 2019" into its last
    # sentence, three links away: that sentence comes closer to its English partner with
    # the lone sentence joined, so neither the name nor the year is shown
    en = (
        "The European Central Bank raised interest rates by a quarter point on Thursday."
        " Christine Lagarde has led the bank since 2019. Christine Lagarde said inflation"
        " remained too high. Markets in Frankfurt fell slightly. Economists expect another"
        " rise in July."
    )
    it = (
        "La Banca centrale europea ha alzato giovedì i tassi di un quarto di punto. Christine"
        " Lagarde ha detto che l'inflazione resta troppo alta. I mercati di Francoforte hanno"
        " registrato un lieve calo. Gli economisti prevedono un altro rialzo a luglio, e"
        " Christine Lagarde, alla guida della banca dal 2019, dovrebbe restare prudente."
    )
    assert _shown(en, it) == []
    # a real deletion far from the other mentions is still shown
    de = (
        "Der Bundestag hat am Donnerstag das Heizungsgesetz beschlossen. Robert Habeck"
        " verteidigte das Gesetz in einer Rede. Die Opposition kündigte Widerstand an. Robert"
        " Habeck lobte die Einigung. Das Gesetz tritt im Januar in Kraft."
    )
    en_short = (
        "The Bundestag passed the heating law on Thursday. Robert Habeck defended the law in a"
        " speech. The opposition announced resistance. The law takes effect in January."
    )
    assert _shown(de, en_short) == [("only_in_a", "Robert Habeck")]
