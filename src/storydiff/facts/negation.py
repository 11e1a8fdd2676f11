"""Negation and "no change" cues of a sentence, in the languages storydiff reads.

The cue lists are hand-written because no well-kept library marks negation across these
languages (spaCy's and Stanza's morphology needs per-language model downloads, which this
tool cannot fetch at run time); each list leaves out the set phrases whose negation word
denies nothing ("not only", "nicht nur", "ne ... que", "sans doute"), litotes ("not
without") and titles ("der Film Kein Kinderspiel").
"""

from __future__ import annotations

import itertools
import re

# The French literary negation: "ne" alone before pouvoir, savoir, oser ("qui ne peut être
# nommé", "pour qu'un concurrent ne puisse apparaître", "nous ne pouvons nous débarrasser
# de l'impression", "je n'ose le dire").
_FR_LITERARY = (
    r"n(?:e\s+|['’])(?:(?:se|s['’]|le|la|les|l['’]|lui|leur|y|en|me|m['’]|te|t['’]|nous|vous)\s*)?"
    r"(?:peu[xt]|peuvent|pouv(?:ons|ez|ais|ait|ions|iez|aient)|pourr\w+|puiss\w+|"
    r"sai[st]|sav(?:ons|ez|ent|ais|ait|ions|iez|aient)|saur\w+|"
    r"os(?:e|es|ent|ons|ez|ait|aient|a|èrent|er\w*)|osai\w*)"
)
# Core negation per language. French counts "ne"/"n'" only with its second part (a bare
# "ne" after "avoir peur que" negates nothing) or before pouvoir, savoir, oser
# (_FR_LITERARY, unless the clause calls for the expletive "ne": _expletive), and
# "pas"/"jamais"/"aucun"/"rien" alone, and each "ni" as English counts "neither" and "nor"
# ("ne réagissaient ni à la lumière ni au son" / "did not react to light or sound"). The
# answers count ("no", "nein", "non" and Italian "no" as an answer, not before a noun:
# "des personnes non résidentes", "no vax"). "Not even" negates in all of them ("nicht
# einmal", "ni siquiera", "même pas", "nemmeno"). These were found by reading the WMT
# sentences that most of their five versions negate (``bench/negation_cues.py``).
_NEGATION = {
    "de": r"nicht|nichts|nein|kein|keine|keinen|keinem|keiner|keines|keinerlei|nie|niemals|"
    r"nirgends|nirgendwo|nirgendwohin|niemand|weder|ohne|keineswegs|keinesfalls|mitnichten",
    "en": r"not|n['’]t|no|never|none|nobody|nothing|nowhere|neither|nor|cannot|without|lack|"
    r"lacks",
    "fr": r"n(?:e|['’])(?:\s+\S+){0,3}?\s+(?:pas|plus|jamais|rien|aucun|aucune|personne|guère|"
    r"point|nullement|nulle part)|"
    r"(?<!la\s)(?<!une\s)(?<!cette\s)(?<!chaque\s)(?:personne|nul|nulle)\s+n(?:e\b|(?=['’]))|"
    r"pas|jamais|"
    r"aucune?s?|rien|sans|ni|non(?=\s*(?:[,.;:!?)]|$)|\s+plus\b)|" + _FR_LITERARY,
    "es": r"no|nunca|jamás|ningún|ninguno|ninguna|nada|nadie|ni|tampoco|sin|carece\w*|carecen",
    # Italian "no" only as an answer ("sì e no.", "ha detto no"): "no vax", "una no fly
    # zone", "il no" of a referendum are nouns and compounds
    "it": r"non|no(?=\s*(?:[,.;:!?)]|$))|(?:(?<=detto\s)|(?<=dire\s)|(?<=disse\s)|(?<=dice\s))no|"
    r"mai|nessun|nessuno|nessuna|niente|nulla|né|neanche|"
    r"nemmeno|neppure|senza",
    "nl": r"niet|geen|nooit|niets|niemand|nergens|zonder",
    "pt": r"não|nunca|jamais|nenhum|nenhuma|nada|ninguém|nem|sem",
}
# "Than ever" ends its clause or says "before" ("mieux que jamais.", "più forte che mai,",
# "que nunca antes"); a "que jamais" / "que nunca" / "che mai" followed by a verb opens a
# negated clause.
_CLAUSE_ENDS_OR_BEFORE = r"(?=\s*(?:[.,;:!?)»”\"]|$|antes\b|auparavant\b|avant\b|prima\b))"


def _than_ever(comparatives: str, ever: str, late: str) -> str:
    """The pattern of "better than ever" in one language: one of ``comparatives``, at most
    two words (not ``late``: "plus tard que jamais il ne ..." negates), ``ever``, and the
    end of the clause or a "before" (_CLAUSE_ENDS_OR_BEFORE)."""
    return (
        rf"(?:(?:{comparatives})(?:\s+(?!{late}\b)[^\s,.;:]+){{0,2}}?\s+{ever}"
        + _CLAUSE_ENDS_OR_BEFORE
        + ")"
    )


# Phrases whose negation word negates nothing ("not only", "nicht nur", "ne ... que" =
# only, "no ... más que" = only), that state a change rather than deny a fact ("no
# longer", "nicht mehr", "ne ... plus", "ya no": translators write "has stopped"), or
# set phrases that deny nothing: "sin embargo" (however), "sans doute" / "senza dubbio" /
# "ohne Zweifel" (no doubt), "pas mal de" (quite a lot), "sans cesse" (constantly),
# "rien que" (just), "nichts anderes als" (nothing but), "no matter", "a lack of"; and the
# negated distance that says "near" ("not far from", "no lejos de", "pas loin de"), which a
# translation words as "near" or "unweit". A French "n'est-ce pas" negates (it is no noun
# "ce pas"); "d'aucuns" (some people) and "no more, no less" (exactly: "ni plus ni
# moins", "ni más ni menos", "né più né meno", "niente più e niente meno") deny nothing.
# A pattern that ends on an elided "de", "ne" or "que" ends before the apostrophe ("d(?=')"):
# the word boundary after each match would otherwise fail on the next word ("qu'à").
# "Not X but also Y" says "not only" in Spanish: "no será suficiente con X, sino también
# Y" (in English "not ... but also" is as often a negation and another clause).
_BUT_ALSO = r"{no}\b(?:\s+(?!(?:{inner})\b)[^\s.;:!?]+){{0,12}}?\s+{but}"
# A superlative's "ever" in French and Italian is their word for "never": "le meilleur
# film qu'il ait jamais vu", "il migliore che abbia mai visto". Without the clause's own
# "ne" or "non" between, and with the relative clause's subject or verb before it, it
# negates nothing ("il a dit plus tard que jamais il ne reviendrait" negates). Not in
# Spanish, where "nunca" before its verb is the plain "never" ("Más de 200 familias que
# el Gobierno nunca indemnizó").
_EVER = (
    r"(?:{most})(?:\s+[^\s.;:!?,]+){{0,4}}?\s+(?:{that})"
    r"(?:\s+(?!{no})[^\s.;:!?,]+){{1,4}}?\s+{ever}"
)
# (the superlatives and comparatives, the word that opens the relative clause, the
# clause's own negation and the word for "ever", per language)
_SUPERLATIVES = {
    "fr": (
        r"plus|meilleure?s?|pires?|premi(?:er|ère)s?|seule?s?|derni(?:er|ère)s?",
        r"qu(?:e\b|['’]\S*)",
        r"ne\b|n['’]",
        "jamais",
    ),
    "it": (
        r"più|miglior[ei]|peggior[ei]|maggior[ei]|prim[oaie]|unic[oaie]|ultim[oaie]",
        r"che|ch['’]\S*",
        r"non\b",
        "mai",
    ),
}


def _superlative_ever(lang: str) -> str:
    """``_EVER`` in the words of ``lang`` (fr, it): "le meilleur film qu'il ait jamais
    vu", "il migliore che abbia mai visto"."""
    most, that, no, ever = _SUPERLATIVES[lang]
    return _EVER.format(most=most, that=that, no=no, ever=ever)


_NOT_NEGATING = {
    "de": r"nicht nur|nicht zuletzt|nicht mehr|nicht länger|nicht weniger|"
    r"kein anderer|"
    # "eine nicht klischeehafte Zielgruppe": an attributive adjective, not a clause
    r"(?:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des)\s+nicht\s+"
    r"(?-i:[a-zäöüß])\w*(?:e|en|er|es|em)(?=\s+(?-i:[A-ZÄÖÜ]))|"
    r"ohne (?:jeden |jeglichen )?Zweifel|(?:es besteht )?kein Zweifel|nichts anderes als|"
    r"nichts als|nicht (?:allzu |sehr )?weit (?:von|entfernt)|weiß man nicht|"
    r"man weiß nicht|nicht (?:ganz )?klar|oder nicht|"
    r"kein\w*(?:\s+[^\s,.;:]+){0,2}?\s+mehr\b|kein\w*\s+ander\w*(?:\s+[^\s,.;:]+){0,3}?\s+als",
    "en": r"not only|not just|no longer|no more|no less|not least|"
    r"not until|no doubt|"
    r"(?:not|\w{0,6}n['’]t) any (?:longer|more)|(?:not|\w{0,6}n['’]t) (?:too |very |so )?far"
    r"(?: away| off)?|"
    r"without (?:a |any )?doubt|(?:there is |there's )?no doubt|no matter|nothing but|"
    r"none other than|(?:a |the )?lack of|not (?:too |very |so )?far from|"
    r"(?:it is|it's) not (?:yet )?(?:known|clear)|(?:nobody|no one) knows|"
    r"no other(?:\s+[^\s,.;:]+){0,3}?\s+(?:than|but)|or not",
    "fr": r"non seulement|ne\s+plus|pas seulement|"
    r"(?<!personne\s)(?<!nul\s)(?<!nulle\s)(?<!rien\s)"
    r"n(?:e\s+|['’]\s*)(?:(?!pas\b|jamais\b|rien\b|point\b|guère\b|aucune?\b)\S{1,40}+\s+){0,4}?"
    r"(?:que|qu(?=['’])|plus\b)|"
    r"sans (?:aucun )?doute|(?:il n['’]y a )?pas de doute|sans cesse|pas mal|rien que|non sans|"
    r"pas (?:très |trop |si )?loin d(?:e\b|(?=['’]))|on ne sait (?:pas|plus)|"
    r"(?:il )?n['’]est pas (?:encore )?clair|"
    r"aucune? autre(?:\s+[^\s,.;:]+){0,3}?\s+que|ou (?:non|pas)|"
    r"(?:un|le|les|des|du|(?<!-)ce|ces|son|ses|leurs?|nos|vos|mon|premiers?|derniers?|grands?|"
    r"petits?|nouveaux?|aux?|à|mauvais|faux)\s+pas\b|pas à pas|non loin d(?:e\b|(?=['’]))|"
    r"d['’]aucune?s|ni plus,? ni moins|"
    + _superlative_ever("fr")
    + "|"
    # "mieux que jamais", "plus fort que jamais": than ever (a comparative first, and the
    # end of the clause after it: "il a dit que jamais il ne ...", "une fois de plus que
    # jamais la France ne céderait" negate)
    + _than_ever("plus|mieux|moins|pire|autant|davantage", "que jamais", "tard"),
    "es": r"no sólo|no solo|no solamente|ya no|ni más,? ni menos|"
    r"no\b(?:\s+\S+){0,3}?\s+(?:más|sino)\s+que|"
    r"sin embargo|no obstante|sin (?:ninguna )?duda|no cabe (?:ninguna )?duda|"
    r"sin cesar|no hace mucho|no (?:muy |tan )?lejos de|nunca mejor dicho|no se sabe|"
    r"no (?:está|es) claro|o no|hasta que no|"
    + _BUT_ALSO.format(
        no="no",
        inner="no|ni|nunca|solo|sólo|solamente|únicamente",
        but=r"(?:sino|si\s+no)\s+(?:también|además)",
    )
    + r"|ning(?:ún|una?) otr[oa](?:\s+[^\s,.;:]+){0,3}?\s+(?:que|sino)|"
    # "mejor que nunca", "más fuerte que nunca", "como nunca": than ever ("dijo una vez
    # más que nunca volvería" negates)
    + _than_ever("más|mejor|peor|menos", "que nunca", "tarde")
    + "|como nunca",
    "it": r"non solo|non soltanto|non più|non appena|né più,? né meno|"
    r"(?:niente|nulla)(?: di)? più,?\s+(?:e\s+)?(?:niente|nulla)(?: di)? meno|"
    r"non (?:fa\w*|rest\w*|rimane\w*|rimaneva\w*|c['’]è|c['’]era|ci sono|ha|hanno|aveva\w*)"
    r" (?:altro )?che\b|"
    r"senza (?:alcun )?dubbio|non c['’]è dubbio|senza sosta|"
    r"non (?:molto |troppo )?lontano da|non si sa|non è chiaro|o (?:no|meno)|"
    r"nessun\w* altr\w*(?:\s+[^\s,.;:]+){0,3}?\s+che|"
    # "finché non", "fintanto che ... non": until (the "non" denies nothing)
    r"(?:finché|fintantoché|fintanto\s+che|fino\s+a\s+(?:quando|che(?!\s+punto)))"
    r"(?:\s+[^\s,.;:!?]+){0,4}?\s+non|"
    + _superlative_ever("it")
    + "|"
    # "più che mai", "meglio che mai": than ever ("ha detto più volte che mai avrebbe
    # firmato" negates); "come mai": how come
    + _than_ever("più|meglio|peggio|meno", "che mai", "tardi")
    + "|come mai",
    "nl": r"niet alleen|niet meer|zonder twijfel|niet ver van|of niet",
    "pt": r"não só|não apenas|já não|não mais|no entanto|sem dúvida|não (?:muito )?longe de|"
    r"não se sabe|ou não|" + _than_ever("mais|melhor|pior|menos", "(?:do )?que nunca", "tarde"),
}
# "Only" words: a sentence that says "only" may be the other's "ne ... que".
ONLY = re.compile(
    r"(?<!\w)(?:only|just|merely|nur|lediglich|bloß|seulement|uniquement|solo|sólo|"
    r"solamente|únicamente|soltanto|solamente|appena|alleen|slechts|apenas|somente)(?!\w)",
    re.I,
)
# Words that carry a negation in their meaning, which a translation may turn into "not"
# ("carecen de" / "do not have", "has stopped" / "schneit nicht mehr").
NEGATIVE_MEANING = re.compile(
    r"(?<!\w)(?:lack\w*|fail\w*|refus\w*|stop\w*|ceas\w*|unable|without|absence|"
    r"ohne|fehl\w*|mangel\w*|verweiger\w*|weigert\w*|aufgehört|un\w+bar|"
    r"sans|manqu\w*|refus\w*|absence|impossible|cess\w*|"
    r"sin|carec\w*|falt\w*|negó|niega\w*|rechaz\w*|dej\w+ de|imposible|"
    r"senza|manc\w*|rifiut\w*|smess\w*|impossibile|"
    r"zonder|weiger\w*|sem|recus\w*|deix\w+ de|little|few|rarely|hardly|seldom|barely|"
    r"kaum|selten|wenig\w*|peu|rarement|poco|pocos|poca|apenas|raramente|rara vez|"
    r"neglect\w*|omit\w*|omis\w*|omet\w*|omess\w*|omiss\w*|versäum\w*|unterlie\w*|"
    r"unterlass\w*|incapa\w*|unfähig\w*|unable|less|weniger|moins|menos|meno|minder|"
    r"(?:in|un|im|ir)\w{3,}(?:able|ible|abile)|un(?!ter)[a-zäöü]{4,}(?:ig|lich|isch|sam|bar)\w*|"
    r"\w{4,}los(?:e[nmrs]?)?|un\w{4,}ed|priv\w+|depriv\w+|nieg\w*|neg[aóo]\w*|"
    r"difficil\w*|difícil\w*|difficult\w*|hard to|schwer|evit\w*|éviter|évit\w*|vermeid\w*|"
    r"avoid\w*|prevent\w*|verhinder\w*|empêch\w*|imped\w*|resist\w*|réfractaire\w*|"
    # "schwerlich" (hardly): "Sicher kauft man sich schwerlich ..." / "It is not likely ..."
    r"schwerlich)(?!\w)",
    re.I,
)
# Affirmative wordings of "never": "for the first time" / "never before", "better than
# ever" / "never better" ("erstmals", "pour la première fois", "por primera vez", "per la
# prima volta", "als je zuvor", "que jamais", "que nunca", "che mai"); they stand for a
# "never" only (NEVER_CUE), not for a "not" ("for the first time raised" / "did not
# raise" is a change).
NEVER_CUE = re.compile(r"(?<!\w)(?:never|nie|niemals|jamais|nunca|jamás|mai|nooit)(?!\w)", re.I)
NEVER_WORDED = re.compile(
    r"(?<!\w)(?:(?:for )?the first time|first[- ]ever|than ever|erstmal(?:s|ig\w*)|"
    r"(?:zum )?ersten Mal|als je(?:mals)?|première fois|que jamais|primera vez|que nunca|"
    r"como nunca|prima volta|che mai|primeira vez)(?!\w)",
    re.I,
)
# "First" and "ever": a negating side that says them itself ("was not first made public"
# / "per la prima volta") translates the other's "first time" word for word.
FIRST_OR_EVER = re.compile(
    r"(?<!\w)(?:first|ever|erst\w*|jemals|denn je|als je|premi(?:er|ère)s?|primer[oa]?s?|prim[oei]|"
    r"prima\s+volta|primeir[oa]s?)(?!\w)",
    re.I,
)
# Set phrases built on such a word that negate nothing: "sin embargo" (however), "al
# menos" / "au moins" / "wenigstens" (at least), "sans doute" / "senza dubbio" / "ohne
# Zweifel" (doubtless).
_NOT_NEGATIVE = re.compile(
    r"(?<!\w)(?:sin embargo|sin duda|sans doute|sans aucun doute|senza dubbio|ohne Zweifel|"
    r"without (?:a )?doubt|al menos|por lo menos|a lo menos|au moins|du moins|pour le moins|"
    r"(?:per )?lo meno|quanto meno|wenigstens|at least|not least)(?!\w)",
    re.I,
)


def negative_meanings(text: str) -> list[str]:
    """Words that negate by their meaning ("failed", "ohne", "sans", "impossible") in
    ``text``, outside set phrases that negate nothing ("sin embargo", "au moins")."""
    masked = _NOT_NEGATIVE.sub(lambda m: " " * len(m.group()), text)
    return [m.group() for m in NEGATIVE_MEANING.finditer(masked)]


# Idioms whose negation says "openly" ("made no secret of", "keinen Hehl machen", "n'a pas
# caché", "no ocultó"): a translation may keep the negation or say "openly", so a pair in
# which only one side has it is no sure polarity difference.
IDIOMATIC = re.compile(
    r"(?<!\w)(?:(?:make|makes|made|making|is|was|it['’]s) no secret|"
    r"(?:not|n['’]t) (?:hide|hidden|conceal\w*)|kein(?:en)? (?:Hehl|Geheimnis)|"
    r"n(?:e\s+|['’]\s*)(?:\w+\s+){0,2}?(?:pas|guère|point) (?:mystère|caché\w*|cach\w+)|"
    r"no (?:es|era) (?:ningún |un )?secreto|no \w+ (?:ningún )?(?:secreto|misterio)|"
    r"no (?:ocult|escond)\w+|non (?:fa\w* mistero|è un segreto|nasconde\w*|nascose\w*))(?!\w)",
    re.I,
)
QUESTION = re.compile(r"\?[\s\"'»”’)]*$")
# A cue inside a hyphenated compound negates nothing in the sentence ("a no-brainer", "a
# non-profit group", "Nicht-Regierungsorganisationen", "non-stop").
NEG_RE = {
    lang: re.compile(rf"(?<![\w'’-])(?:{words})(?![\w-])", re.I)
    for lang, words in _NEGATION.items()
}
# French elides before a cue ("qu'aucun frigidaire", "d'aucun logiciel"): an apostrophe
# may stand before it (the English contractions are why the others exclude one)
NEG_RE["fr"] = re.compile(rf"(?<![\w-])(?:{_NEGATION['fr']})(?![\w-])", re.I)
# English contractions: the negation is glued to its verb ("didn't", "isn't", "can't").
NEG_RE["en"] = re.compile(rf"{NEG_RE['en'].pattern}|(?<![\w'’])\w{{1,6}}n['’]t(?!\w)", re.I)
# Two negations in one clause cancel (litotes): "not without", "nicht ohne", "pas sans",
# "n'a pas cessé de", "no deja de", "did not fail to", "non smette di" all affirm. A cue
# followed in its clause, within a few words, by a second negation or a word that
# negates by its meaning is no negation.
_LITOTES_WORD = (
    r"without|ohne|sans|sin|senza|sem|zonder|fail\w*\s+to|ceas\w*\s+(?:to\b|\w+ing)|"
    r"stop\w*\s+\w+ing|cess\w*\s+d(?:e\b|['’]\w*)|manqu\w*(?:\s+pas)?\s+d(?:e\b|['’]\w*)|"
    r"dej\w*\s+de|(?:smett|smess)\w*\s+d(?:i\b|['’]\w*)|versäum\w*|unterlass\w*|"
    r"deix\w*\s+de|fez\w*\s+falta|"
    # "no ha parado de crecer": has kept growing (Spanish "parar" before an infinitive
    # only: "no paró de inmediato" stopped not at once; the French "arrêter de" is also
    # "to arrest" or "to set" a timetable, the Italian "cessione di" a transfer)
    r"par(?:a|an|ó|aron|ado|ará|e|en)\s+de\s+\w+(?:ar|er|ir)(?:se|lo|la|le|los|las)?\b"
)
_SECOND_NEGATION = re.compile(rf"(?:\s+[^\s,;:.!?()]+){{0,2}}?\s+(?:{_LITOTES_WORD})(?!\w)", re.I)
_LITOTES_INSIDE = re.compile(r"(?<!\w)(?:cess\w*|manqu\w*)(?!\w)", re.I)
# "ne ... que" / "no ... sino" / "non ... che" say "only": such a sentence may be the
# other's "if not ..., cannot ...".
EXCLUSIVE = re.compile(
    r"(?<!\w)(?:n(?:e|['’])(?:\s+(?!pas\b|plus\b|jamais\b|rien\b|point\b|guère\b)[^\s.;:!?]+)"
    r"{0,8}?\s+qu(?:e\b|['’])|no(?:\s+[^\s.;:!?]+){0,5}?\s+(?:sino|más que|salvo)\b|"
    r"non(?:\s+[^\s.;:!?]+){0,5}?\s+(?:che|se non)\b)",
    re.I,
)
_NOT_NEG_RE = {
    lang: re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I) for lang, p in _NOT_NEGATING.items()
}
# Words that say "no change" by themselves, and adjectives that say it only after a verb
# of staying ("remained flat", "est resté stable"): "a flat" is an apartment, "une
# situation stable" reports no figure.
_STAYING = (
    r"remain\w*|stay\w*|held|hold\w*|kept|keep\w*|rest\w+|demeur\w+|maintenu\w*|"
    r"mantuv\w+|mantien\w+|permanec\w+|sigue|siguen|rimast\w+|rimane|rimangono|resta\w*|"
    r"blieb\w*|bleib\w*"
)
_NO_CHANGE = re.compile(
    r"(?<!\w)(?:unverändert|gleich geblieben|stabil geblieben|unchanged|inchangée?s?|"
    r"sin cambios|sin variación|invariat[oaie]|ongewijzigd|inalterad[oa]s?|"
    rf"(?:(?:{_STAYING})\s+(?:\w+\s+)?(?:flat|steady|stables?|estables?|stabil[ei]?)))(?!\w)",
    re.I,
)


def negations(text: str, lang: str | None) -> list[str]:
    """The negation cues of a sentence in its language (none for other languages).

    Cues inside phrases that negate nothing ("not only", "nicht nur", "ne ... que") are
    left out. Returns the cue words in reading order.
    """
    return [m.group() for m in _cue_matches(text, lang)[1]]


def negation_count(text: str, lang: str | None) -> int:
    """How many negations a sentence makes: its cues (``negations``), except that a
    coordinating cue after another cue of its clause ("ni ... ni", "neither ... nor", "né
    ... né", "no ... tampoco"), and a cue right after such a coordinating one ("ne fait
    aucun perdant ni aucun gagnant"), continue that negation. Languages repeat these
    differently (Spanish and French say "ni" twice, English "neither" and "nor", German
    "weder ... noch" with one cue), so a side that says one more of them negates no more
    than the other."""
    return _count(*_cue_matches(text, lang))


def negation_cues(text: str, lang: str | None) -> tuple[list[str], int]:
    """(``negations``, ``negation_count``) of a sentence, from one reading of its cues."""
    masked, matches = _cue_matches(text, lang)
    return [m.group() for m in matches], _count(masked, matches)


def _count(masked: str, matches: list[re.Match]) -> int:
    """``negation_count`` of the cue ``matches`` read in ``masked`` (``_cue_matches``)."""
    count = 0
    previous: re.Match | None = None
    for m in matches:
        if previous is None:
            count += 1
        else:
            between = masked[previous.end() : m.start()]
            joined = not _CLAUSE_PUNCT.search(between)
            coordinating = bool(_COORDINATING.fullmatch(m.group()))
            after_coordinating = bool(_COORDINATING.fullmatch(previous.group()))
            if not (joined and (coordinating or (after_coordinating and not between.strip()))):
                count += 1
        previous = m
    return count


def _cue_matches(text: str, lang: str | None) -> tuple[str, list[re.Match]]:
    """(``text`` with its set phrases blanked, the matches of its negation cues): see
    ``negations``."""
    pattern = NEG_RE.get(lang or "")
    if pattern is None:
        return text, []
    masked = text
    skip = _NOT_NEG_RE.get(lang or "")
    if skip is not None:
        masked = skip.sub(lambda m: " " * len(m.group()), text)
    cues: list[re.Match] = []
    cancelled_until = -1
    last_end = -1  # the end of the last cue read, kept or not
    for m in pattern.finditer(masked):
        if m.start() < cancelled_until:
            continue  # the second half of a litotes
        litotes = _SECOND_NEGATION.match(masked, m.end(), min(len(masked), m.end() + 60))
        if litotes:
            cancelled_until = litotes.end()
            continue
        if lang == "fr" and _LITOTES_INSIDE.search(m.group()):
            continue  # "ne cesse pas de", "ne manque jamais de"
        if _in_title(masked, m):
            continue  # "nach dem Krimi Kein Kinderspiel", "the film No Country for Old Men"
        if lang == "fr" and _FR_SECOND_HALF.fullmatch(m.group()):
            if last_end >= 0 and not _CLAUSE_PUNCT.search(masked[last_end : m.start()]):
                last_end = m.end()
                continue  # "qu'aucun frigidaire ne sait": one negation, "aucun ... ne"
            if _expletive(masked, m.start()):
                continue  # "avant que le Conseil ne puisse se prononcer"
        cues.append(m)
        last_end = m.end()
    return masked, cues


# Cues that coordinate a negation already made in their clause (``negation_count``).
_COORDINATING = re.compile(r"ni|nor|né|non|tampoco|nemmeno|neanche|neppure", re.I)
# A French "ne" with pouvoir, savoir or oser after a negating subject or adverb in its
# clause is that negation's second half ("aucun ... ne peut", "jamais il n'osa").
_FR_SECOND_HALF = re.compile(_FR_LITERARY, re.I)
_CLAUSE_PUNCT = re.compile(r"[,;:.!?]")
# What calls for the expletive "ne" (which denies nothing) in the clause it opens: "avant
# que", "à moins que", fearing and preventing ("craint que", "de peur que", "éviter
# que", "empêcher que"), up to a conjunction that opens another clause ("car", "et").
# Not a comparison: "le plus grave est que le gouvernement ne peut" negates.
_EXPLETIVE_TRIGGER = re.compile(
    r"(?<!\w)(?:avant|moins|peur|crainte|crai\w+|redout\w+|appréhend\w+|évit\w+|empêch\w+)\s+"
    r"qu(?:e\b|['’])(?=(?:(?!\b(?:car|mais|et|parce|puis|donc|or)\b)[^,;:.!?])*$)",
    re.I,
)


def _expletive(text: str, at: int) -> bool:
    """Is the literary "ne" at ``at`` an expletive one, in a clause opened by what calls
    for it (_EXPLETIVE_TRIGGER) within the 120 characters before it?"""
    return bool(_EXPLETIVE_TRIGGER.search(text, max(0, at - 120), at))


def _in_title(text: str, m: re.Match) -> bool:
    """Is the cue capitalised inside a sentence, as the first word of a title or a name
    ("der Krimi Kein Kinderspiel", "la película No es país para viejos")? A cue that opens
    the sentence, a clause after a colon or dash, or a line in capitals is a negation."""
    cue = m.group()
    if not cue[:1].isupper() or cue.isupper():
        return False
    before = text[max(0, m.start() - 80) : m.start()].rstrip(" \t\"'«»“”„‚‘’(¿¡")
    return bool(before) and before[-1] not in ".!?:;–—-\n"


def strip_negation(text: str, lang: str | None) -> str:
    """``text`` with its negation cues removed ("n'est pas" -> "est", "didn't" -> "did"):
    the affirmative reading a negated sentence is measured against."""
    pattern = NEG_RE.get(lang or "")
    if pattern is None:
        return text
    if lang == "en":  # "can't" -> "can", "won't" -> "will", "didn't" -> "did"
        text = re.sub(r"(?i)\b(ca)n['’]t\b", r"\1n", text)
        text = re.sub(r"(?i)\bwon['’]t\b", "will", text)
        text = re.sub(r"(?i)\b(\w+)n['’]t\b", r"\1", text)
    out = pattern.sub(
        lambda m: (
            re.sub(r"\b(?:ne|n['’]|pas|jamais|aucune?s?|rien|ni|non)\b", "", m.group())
            if lang == "fr"
            else ""
        ),
        text,
    )
    if lang == "fr" and out != text:
        # the "ne" / "n'" of a negation whose second part stood apart ("n'est pas")
        out = re.sub(r"(?<!\w)(?:[Nn]e\s+|[Nn]['’](?=\w))", "", out)
    return " ".join(out.replace("n't", "").replace("n’t", "").split())


# Where a sentence divides into clauses: punctuation, and the words that open a clause
# (a conjunction or a relative pronoun; German articles, which are also relative
# pronouns, are left out)
_CLAUSE_BREAK = re.compile(
    r"[,;:–—]\s+|(?<!\s)\s+(?=(?:that|which|who|but|because|while|although|when|if|que|qui|mais"
    r"|qu['’]|car|parce|quand|si|pero|porque|mientras|cuando|aunque|che|ma|perché|mentre|quando"
    r"|se|dass|aber|weil|während|obwohl|wenn|als)\b)",
    re.IGNORECASE,
)


def clause_strips(text: str, lang: str | None) -> list[str]:
    """``text`` once for each of its clauses that negates, with that clause's negation
    removed and the rest as it is ("may not come ... that are not widespread" -> "may come
    ... that are not widespread", "may not come ... that are widespread"): the readings a
    sentence with more negations than its counterpart is measured with, since removing
    all of them would also remove the one the counterpart shares. At most 6."""
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    clauses = [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    out = []
    for k, clause in enumerate(clauses):
        if negations(clause, lang):
            stripped = strip_negation(clause, lang)
            rest_before, rest_after = "".join(clauses[:k]), "".join(clauses[k + 1 :])
            out.append(" ".join(f"{rest_before}{stripped} {rest_after}".split()))
        if len(out) >= 6:
            break
    return out


def no_change(text: str) -> list[str]:
    """Words that report no change ("unverändert", "unchanged", "inchangé") in ``text``."""
    return [m.group() for m in _NO_CHANGE.finditer(text)]


# A negation that a translation words without one: "no se lanzará ... hasta 2018" / "will
# be launched by 2018 at the earliest" / "frühestens 2018" / "erst 2018" (not until a time
# says when). The negating side says "not ... until" (or "before") a year or a season, and
# the other side says "at the earliest", "erst", "au plus tôt" beside that same time.
# Without it the negation stays a change ("no prorrogará el estado de alarma hasta el 9 de
# mayo" / "will extend it to May 9"; "erst am Montag veröffentlichten Studie" says nothing
# of 2030).
_CUE_WORD = r"(?:not|n['’]t|never|nicht|nie|pas|jamais|no|nunca|non|mai)\b"
_WHEN = (
    r"(?P<when>(?:1[89]|20)\d\d\b|finales\b|fin\b|end\b|Ende\b|fine\b|mediados\b|mid\b"
    r"|Mitte\b|spring\b|summer\b|autumn\b|fall\b|winter\b|primavera\b|verano\b"
    r"|otoño\b|invierno\b|printemps\b|été\b|automne\b|hiver\b|Frühjahr\b|Sommer\b"
    r"|Herbst\b|Winter\b|estate\b|autunno\b|inverno\b)"
)
_UNTIL_TIME = (
    r"(?:until|till|before|hasta|antes\s+de|avant|prima\s+d\w*|vor)"
    r"\s+(?:(?:el|la|los|las|le|les|the|l['’]|dem|der|den|il|lo|del|della|di|de|du|des"
    r"|this|next)\s+)?"
)
# the cue, then "until" and a time within its clause, or the other way round ("Hasta 2018
# no se espera poder tomar imágenes")
_NOT_UNTIL = re.compile(
    rf"(?<!\w)(?:{_CUE_WORD}(?:\s+[^\s,.;:!?]+){{0,14}}?\s+{_UNTIL_TIME}{_WHEN}"
    rf"|{_UNTIL_TIME}{_WHEN.replace('when', 'when2')}(?:\s+[^\s,.;:!?]+){{0,6}}?\s+{_CUE_WORD})",
    re.I,
)
_AT_THE_EARLIEST = re.compile(
    r"(?<!\w)(?:at\s+the\s+earliest|not\s+before|frühestens|erst|au\s+plus\s+tôt"
    r"|pas\s+avant|como\s+(?:muy\s+)?pronto|no\s+antes|al\s+più\s+presto|non\s+prima)(?!\w)",
    re.I,
)


NOT_UNTIL_WORDED = (
    "a negation that says when ('not until'), worded 'at the earliest' on the other side"
)


def reworded_negation(negating: str, other: str) -> str | None:
    """Why the negation of ``negating`` may be the other side's affirmative wording in
    ``other``: "not until" a time, against "at the earliest" (or "erst", "au plus tôt")
    within a few words of the same time; None otherwise."""
    m = _NOT_UNTIL.search(negating)
    if m is None:
        return None
    when = (m.group("when") or m.group("when2")).lower()
    time = re.compile(rf"(?<!\w){re.escape(when)}(?!\w)")
    for wording in _AT_THE_EARLIEST.finditer(other):
        # right after the wording ("erst 2018", "au plus tôt en 2018"), or right before it
        # in its clause ("by 2018 at the earliest")
        after = other[wording.end() : wording.end() + 15].lower()
        before = other[max(0, wording.start() - 10) : wording.start()].lower()
        if time.search(after) or (time.search(before) and not re.search(r"[,.;:]", before)):
            return NOT_UNTIL_WORDED
    return None
