"""Whom a text credits: "told Euronews Next", "gegenüber Euronews Next", "a déclaré ... à
L'Observatoire de l'Europe Next", "laut dpa", "selon l'AFP", "according to Reuters".

A cue word in one of seven languages is followed (or, for German "zufolge", preceded) by
a name: capitalised words with the particles names use ("de", "l'", "of"); outlets with
lower-case names (dpa) are listed. A name that is a place ("à Paris") is not a source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.base import Found, caseless
from storydiff.facts.bodies import body_regex
from storydiff.facts.entities import org_word
from storydiff.facts.names import _NATIONALITY, _PERSON_TITLES, _STOP_NAMES, _UP
from storydiff.facts.organizations import org_key
from storydiff.facts.people import first_names, person_key
from storydiff.facts.places import place_key
from storydiff.tables import regex

_ARTICLE = (
    r"(?:l['’]|la |le |les |der |die |das |dem |den |des |the |el |il |lo |los |las |de |het "
    r"|o |a |os |as )"  # Portuguese: "segundo o Instituto Nacional de Estatística"
)
# An international body first ("l'Organisation mondiale de la santé" has lower-case words),
# then capitalised words with the particles names use.
_NAME = (  # it starts where a word starts (linear time on long runs of letters)
    rf"(?<![\w&.-])(?:{_ARTICLE}?{body_regex()}|{_ARTICLE}?"
    rf"(?:[{_UP}][\w’'&.-]{{0,40}}|dpa|epd|kna|apa|afp)"
    rf"(?:\s+(?:de\s+l['’]|de\s+la\s+|de\s+|du\s+|des\s+|of\s+the\s+|of\s+|für\s+"
    r"|della\s+|dello\s+|delle\s+|degli\s+|del\s+|di\s+|voor\s+de\s+|van\s+de\s+)?"
    rf"(?:[{_UP}][\w’'&.-]{{0,40}}|\d+(?=\s+[{_UP}]))){{0,5}})"  # a number inside: "Il Sole 24 Ore"
)
# Romance institutions whose names go on in lower case: "la Commission de régulation de
# l'énergie", "l'Autorité de la concurrence", "el Instituto Nacional de Estadística".
_INSTITUTION_HEADS = (
    r"Commission|Autorité|Conseil|Office|Institut|Agence|Haute?\s+Autorité|Comité|Direction"
    r"|Cour|Tribunal|Observatoire|Comisión|Consejo|Instituto|Agencia|Oficina|Commissione"
    r"|Autorità|Istituto|Agenzia|Consiglio|Ufficio"
)
_INSTITUTION_NAME = re.compile(
    rf"(?:{_ARTICLE})?(?:{_INSTITUTION_HEADS})"
    r"(?:\s+(?:(?:de|du|des|pour|del|di|della|dello|per|y|et|e)\s+)?(?:l['’]|la\s+|les\s+|le\s+)?"
    r"[\w’'-]+){1,5}?(?=\s*[,.;:)]|\s*$)"
)
_DECLARE_FR = (
    r"(?:a|ont|avait|aurait)\s+(?:déclaré|indiqué|confirmé|affirmé|annoncé|expliqué|précisé"
    r"|assuré|souligné|confié|dit|raconté)"
)
# Cue words match in any case ("Laut dpa", "Selon l'Insee" open sentences); names do not.
_NAMED_CUES = [
    rf"\btold\s+(?P<n1>{_NAME})",
    rf"\b(?i:wie)\s+(?P<n19>{_NAME})\s+(?:berichtet|berichtete|meldet|meldete)\b",
    rf"\b(?i:according to)\s+(?:(?:a|the)\s+(?:statement|data|figures)\s+(?:from|by)\s+)?"
    rf"(?P<n2>{_NAME})",
    rf"\b(?:reported|cited|quoted) by\s+(?P<n3>{_NAME})",
    rf"\bin an interview with\s+(?P<n4>{_NAME})",
    rf"\b(?i:gegenüber)\s+(?P<n5>{_NAME})",
    rf"\b(?i:laut)\s+(?P<n6>{_NAME})",
    rf"\b(?i:nach angaben|nach informationen)\s+(?:von|der|des)\s+(?P<n20>{_NAME})",
    rf"\b(?i:nach einem bericht|einem bericht|laut einem bericht)\s+(?:von|der|des)\s+"
    rf"(?P<n24>{_NAME})",
    rf"\b(?i:according to a report|a report)\s+(?:by|in|from)\s+(?P<n25>{_NAME})",
    rf"(?P<n7>{_NAME})\s+zufolge\b",
    rf"\b(?:berichtete|berichtet|meldete|meldet)\s+(?P<n8>{_NAME})",
    rf"\b(?i:selon)\s+(?P<n9>{_NAME})",
    rf"\b(?i:d['’]après)\s+(?P<n10>{_NAME})",
    rf"{_DECLARE_FR}[^.;]{{0,80}}?(?:\b(?:à|au|aux)|\bsur)\s+(?P<n11>{_NAME})",
    rf"\b(?:rapporte|a rapporté|interrogée?s? par|citée?s? par|citad[oa]s? por|citat[oaie] da"
    rf"|(?i:secondo quanto) (?:riportato|riferito|scritto) da(?:l|lla|ll['’])?)\s*(?P<n12>{_NAME})",
    # French broadcast and print: "au micro de France Info", "dans les colonnes du Monde"
    rf"\b(?:au micro|à l['’]antenne|sur le plateau|dans les colonnes)\s+(?:de\s+|du\s+|d['’])"
    rf"(?P<n31>{_NAME})",
    rf"\b(?i:según|de acuerdo con)\s+(?P<n13>{_NAME})",
    rf"\b(?:dijo|declaró|explicó) a\s+(?P<n14>{_NAME})",
    rf"\b(?i:secondo)\s+(?P<n15>{_NAME})",
    rf"\b[Hh]a (?:detto|dichiarato|spiegato)(?:\s+[^\s.;,]+){{0,3}}?\s+(?:a|al|alla|all['’])\s*"
    rf"(?P<n16>{_NAME})",
    rf"\b(?i:volgens)\s+(?P<n17>{_NAME})",
    rf"\b(?i:segundo|de acordo com)\s+(?P<n18>{_NAME})",
    rf"\baldus\s+(?P<n30>{_NAME})",
    rf"\b(?:zei|zegt|vertelde)\b[^.;]{{0,60}}?\btegen\s+(?P<n32>{_NAME})",
    # a publication that reports or writes: "riferisce l'Ansa", "schreibt die FAZ"
    rf"\b(?:riferisce|riporta|scrive|ha riferito|ha riportato|ha scritto|informó|informa"
    rf"|publicó|publica|schreibt|schrieb|écrit|a écrit|révèle|a révélé|wrote|writes"
    rf"|meldt|meldde|schrijft|schreef|bericht|berichtte)"
    rf"\s+(?P<n23>{_NAME})",
]
# A news agency may be introduced by its kind: "selon l'agence Reuters".
# So may a newspaper or broadcaster ("the newspaper Marca", "el diario Marca"): a named
# kind of outlet also vouches for a name that the gazetteer knows as a place.
_OUTLET_KINDS = (
    r"(?:the\s+)?(?:news\s+)?agency|(?:the\s+)?(?:daily|newspaper|broadcaster|magazine)"
    r"|l['’]agence|le\s+(?:quotidien|journal|magazine|site)|la\s+(?:chaîne|radio)"
    r"|la\s+agencia|el\s+(?:diario|periódico)|la\s+cadena|l['’]agenzia"
    r"|il\s+(?:quotidiano|giornale)|l['’]emittente"
    r"|a\s+agência|o\s+(?:jornal|diário|semanário)|a\s+(?:emissora|televisão|rádio)"
    r"|(?:het\s+)?(?:persbureau|dagblad)|de\s+(?:krant|omroep|zender)"
    # a trade union: "selon le syndicat Verdi", "laut der Gewerkschaft Verdi"
    r"|(?:the\s+)?union|le\s+syndicat|el\s+sindicato|il\s+sindacato|(?:der|die)\s+Gewerkschaft"
    r"|(?:der|die|dem|den)\s+(?:Nachrichtenagentur|Agentur|Zeitung|Tageszeitung|Sender"
    r"|Rundfunk|Magazin|Nachrichtenmagazin)"
    # a statistics office introduced by its kind: "laut dem Statistikamt ONS"
    r"|(?:der|die|dem|den|das|des)\s+(?:Statistikamt|Statistikbehörde|Statistikbüro)"
    r"|(?:the\s+)?(?:statistics\s+(?:office|agency|bureau)|state\s+broadcaster)"
    r"|l['’]institut\s+(?:national\s+)?(?:de\s+la\s+)?statistique|l['’]office\s+statistique"
)


def _outlet_kind(group: str) -> str:
    """An optional kind of outlet before a name, captured as ``group`` (each cue needs
    its own group name in the combined pattern)."""
    return rf"(?:(?P<{group}>{_OUTLET_KINDS})\s+)?"


def _combine(cues: list[str]) -> list[str]:
    """The cues as alternatives, each with an optional kind of outlet before its name.

    Most cues end with the name. Consecutive ones of those share one copy of the name
    pattern (5 KB, with the table of international bodies in it): ``(?:cue1(?P<m1>)|
    cue2(?P<m2>)|...)`` + kind + name, where the empty group ``mX`` says which cue
    matched. A regex tries those cues in the same order, with the same backtracking, as
    the separate alternatives, so the matches are the same; the pattern is four times
    smaller and compiles four times faster (it was 165 KB, most of the cost of importing
    storydiff)."""
    out: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            k = len(out)
            out.append(f"(?:{'|'.join(run)}){_outlet_kind(f'kind_m{k}')}(?P<n_m{k}>{_NAME})")
            run.clear()

    for i, cue in enumerate(cues):
        at = cue.rfind("(?P<n")
        number = cue[at + len("(?P<n") : cue.index(">", at)]
        if cue[at:] == f"(?P<n{number}>{_NAME})":
            run.append(f"{cue[:at]}(?P<m{number}>)")
        else:
            close_run()
            out.append(cue.replace("(?P<n", _outlet_kind(f"kind{i}") + "(?P<n", 1))
    close_run()
    return out


# Cues with words after the name, or with no name pattern: as they are.
_OTHER_CUES = [
    # "..., Reuters reported." (a name right before the verb)
    rf"{_outlet_kind('kind_r')}(?P<n21>{_NAME})\s+(?:reported|reports)"
    r"(?=\s*[.,;]|\s*$|\s+(?:on|in|at|last|this|earlier|yesterday|today|late|early)\b)",
    # "according to the regional fire service." (a described, unnamed source), perhaps
    # with a nationality ("according to the Spanish government")
    r"\b(?i:according to|selon|según|secondo|laut|volgens)\s+(?P<n22>(?:(?:the|la|le|les"
    r"|el|los|las|il|i|gli|der|die|dem|de)\s+|l['’]\s*)(?:[A-Z][a-z]+\s+)?[a-zà-ÿ][\w-]*"
    r"(?:\s+[a-zà-ÿ][\w-]*){0,3})(?=\s*[,.;]|\s*$)",
    # the police as the sentence's informant: "..., police said."
    r"(?:^|[,;]\s*)(?:[A-Z][a-z]+\s+)?(?:the\s+)?(?P<n26>[Pp]olice)(?:\s+in\s+[A-Z][\w-]+)?"
    r"\s+(?:said|say|says)\b",
    r"\b(?i:wie)\s+(?:die|der)\s+(?:[a-zäöü]+e\s+)?(?P<n29>Polizei)(?:\s+(?:in|im|von|aus)\s+\S+)?"
    r"\s+(?:mitteilte|mitteilt|sagte|erklärte|berichtete)\b",
    r"\bsaid\s+(?P<n27>(?:the\s+)?police)\b",
    # German, the outlet in the dative after "sagte": "sagte er der Süddeutschen Zeitung."
    # (not after a preposition: "sagte Altman in der Erklärung")
    r"\b(?:sagte|sagt|erklärte|bestätigte)\s+(?:er|sie|[^.;,]{0,40}?)"
    + "".join(
        rf"(?<!\b{p})" for p in ("in", "mit", "von", "bei", "zu", "aus", "nach", "auf", "vor")
    )
    + rf"\s+(?P<n28>(?:der|dem)\s+{_NAME})(?=\s*[.;,]|\s*$)",
]


# Every cue above holds one of these words, in lower case: a sentence in which none
# stands (``_may_credit``) credits no source, and nine news sentences in ten hold none, so
# the cues' pattern, which tries a name at every capitalised word, reads only the tenth
# (most of what crediting cost). A new cue needs one of its words here
# (tests/test_sources_pattern.py checks the cues on every sentence of the fact corpora).
_CUE_WORDS = (
    # English
    "told", "according", "reported", "report", "cited", "quoted", "interview with", "wrote",
    "writes", "police",
    # German
    "bericht", "meldet", "gegenüber", "laut", "angaben", "informationen", "zufolge",
    "schreibt", "schrieb", "polizei", "sagt", "erklärte", "bestätigte",
    # French
    "selon", "après", "déclaré", "indiqué", "confirmé", "affirmé", "annoncé", "expliqué",
    "précisé", "assuré", "souligné", "confié", "dit", "raconté", "rapport", "interrogé",
    "cité", "micro", "antenne", "plateau", "colonnes", "écrit", "révèle", "révélé",
    # Spanish and Portuguese
    "según", "acuerdo", "dijo", "declaró", "explicó", "citad", "informó", "informa",
    "publicó", "publica", "segundo", "acordo",
    # Italian
    "secondo", "citat", "detto", "dichiarato", "spiegato", "riferi", "riport", "scri",
    # Dutch
    "volgens", "aldus", "tegen", "meldt", "meldde", "schrijft", "schreef",
)  # fmt: skip


def _may_credit(sentence: str) -> bool:
    """Could ``sentence`` credit a source: does it hold one of the cues' words?"""
    folded = caseless(sentence)
    return any(word in folded for word in _CUE_WORDS)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The cues' pattern, compiled on first use: by then the tables cache is in the folder
    the process chose (the web app's data folder), where at import it is not yet."""
    return regex("|".join(_combine(_NAMED_CUES) + _OTHER_CUES))


# Romance names go on with lower-case adjectives ("la Protezione civile", "la Guardia
# civil", "la Sécurité civile") up to the end of the clause
_ROMANCE_ADJECTIVES = re.compile(
    r"(?:\s+[a-zàèéìòù]+(?:ile|ale|ali|ili|il|ique|iques|al|ales|aire|aires|ano|ana|ani"
    r"|ane|ese|esi|ien|ienne|ais|aise|eño|eña)){1,2}(?=\s*[,.;]|\s*$)"
)
# lower-case words that finish a described source, up to the end of the clause
_DESCRIBED = re.compile(r"(?:\s+[a-zà-ÿ][\w-]*){1,3}(?=\s*[,.;]|\s*$)")
_NOT_SOURCES = {
    # an audience told something is no source: "Starmer told MPs"
    "mps",
    "meps",
    "lawmakers",
    "parliament",
    "congress",
    "senators",
    "the senate",
    "the bundestag",
    "the house",
    "the commons",
    "ihm",
    "ihr",
    "ihnen",
    "lui",
    "elle",
    "eux",
    "him",
    "her",
    "them",
    # "Berichten zufolge", "Angaben zufolge": hearsay without a named source
    "berichten",
    "medienberichten",
    "angaben",
    "informationen",
    "schätzungen",
    "umfragen",
    "experten",
    "beobachtern",
    "insidern",
    "kreisen",
}


# "Ihren Worten zufolge", "seinen Angaben zufolge": the source is whoever the pronoun
# stands for, named in another sentence (where it is credited), not a source of its own
_POSSESSIVE = re.compile(
    # German possessives in either case ("Ihren Worten zufolge" opens a sentence); the
    # short ones of other languages in lower case only, so that "Sue Gray", "Hun Sen" and
    # "Su Tseng-chang" stay names
    r"(?:[MmDdSs]ein|[Ii]hr|[Uu]nser|[Ee]uer|[Ee]ur)(?:e[nmrs]?)?\s"
    r"|(?:his|her|their|its|my|our|son|sa|ses|leur|leurs|su|sus|suo|sua|suoi|sue|loro"
    r"|zijn|haar|hun)\s"
)


# German verbs of saying and telling, in the forms news uses ("sagte", "bestätigte",
# "teilte ... mit", "hieß es", "äußerte sich"), and "Interview"
_SAID_DE = re.compile(
    r"(?i)\b(?:sag|erklär|bestätig|äußer|teil|kündig|bericht|versicher|räum|warn"
    r"|kritisier|sprach|spricht|meint|hieß|heißt|verriet|verrät|gab|gibt|zeigt|schilder"
    r"|dement|beton|interview|antwort|stellte|unterstrich|schloss|schließt|deutet|verteidig"
    r"|droh|forder|versprach|verspricht|wies|weist|lehnt|nannt|nennt|bekräftig|begründ"
    r"|machte|macht|sieht|sah|hofft|glaubt|rechnet|erwartet|gestand|gesteht|klagt|beklagt"
    r"|kommentier|reagier|bezeichn|ließ|lässt|verwies|verweist|gespräch)\w*"
)


_GEGENUEBER = re.compile(r"(?i)\bgegenüber\s+$")


def find_sources(sentence: str) -> list[Found]:
    """The sources a sentence credits, each keyed as a person or an organisation."""
    out: list[Found] = []
    said: bool | None = None  # a verb of saying in the sentence, looked for once
    if not _may_credit(sentence):
        return out
    for m in _pattern().finditer(sentence):
        found = {k: v for k, v in m.groupdict().items() if v is not None}
        group = next(k for k in found if k.startswith("n"))
        named_kind = any(k.startswith("kind") for k in found)
        name = m.group(group).rstrip(".,;:")
        start = m.start(group)
        if name.lower() in _NOT_SOURCES or name in _STOP_NAMES or _POSSESSIVE.match(name):
            continue
        if place_key(name) and not named_kind:  # "à Paris" is a place, "el diario Marca" not
            continue
        if institution := _INSTITUTION_NAME.match(sentence, start):
            name = institution.group(0)  # "la Commission" goes on in lower case
        elif adjectives := _ROMANCE_ADJECTIVES.match(sentence, start + len(name)):
            name += adjectives.group(0)  # "la Protezione" + " civile"
        elif re.fullmatch(_NATIONALITY, name.split()[-1].lower()) and (
            described := _DESCRIBED.match(sentence, start + len(name))
        ):
            name += described.group(0)  # "the Spanish" + " government"
        # a German genitive article left outside the name still inflects it ("nach Angaben
        # des Deutschen Wetterdienstes")
        genitive = (
            "des " if sentence[:start].endswith("des ") and not name.startswith("des ") else ""
        )
        if "m23" in found and _person_name(name):
            continue  # "schrieb Präsident Brad Smith": the writer, not a publication
        if _GEGENUEBER.search(sentence[max(0, start - 12) : start]):
            if said is None:
                said = bool(_SAID_DE.search(sentence))
            if not said:
                # "gegenüber" credits whom something was told only beside a verb of
                # saying; otherwise it compares or faces ("gegenüber dem
                # Vergleichszeitraum des Jahres 2007", "gegenüber dem Glamour")
                continue
        out.append(Found("source", start, start + len(name), name, _source_key(genitive + name)))
    return out


# Titles of address before a credited person: "laut Frau Merkel" = "according to Ms Merkel".
_ADDRESS = re.compile(
    r"^(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Miss|M\.|Mme|Mlle|Me|Sr\.?|Sra\.?|Srta\.?|Sig\.ra|"
    r"Sig\.?|Signora|Signor|Señora|Señor|Dr\.?|Prof\.?|Dhr\.?|Mevr\.?)\s+(?=[A-ZÀ-ÖØ-Þ])"
)


def _source_key(name: str) -> str:
    """A person credited as the source keys as a person (surname: "nach Angaben von
    Betriebsratschefin Daniela Cavallo" is "cavallo"; "Frau Baume-Schneider" is
    "baume schneider", the title of address left out); anything else as an organisation."""
    if _person_name(name):
        return person_key(name)
    if address := _ADDRESS.match(name):
        rest = name[address.end() :]
        if not any(org_word(w) for w in rest.split()):
            return person_key(rest)
    return org_key(name)


def _person_name(name: str) -> bool:
    """Whether a credited name is a person's: a first name (perhaps after a title) and a
    capitalised word after it, with no organisation word ("Sky News")."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        titled = (
            i == 0
            or re.fullmatch(_PERSON_TITLES, " ".join(words[:i]))
            or (i == 1 and re.search(r"(?:chef|chefin|sprecher|sprecherin)$", words[0]))
        )
        first_name = (
            word[:1].isupper()
            and word.lower() in first_names()
            and word not in _STOP_NAMES
            and word.lower() not in {"il", "le", "la", "el", "lo", "les"}  # "Il Sole 24 Ore"
            and not place_key(word)  # "France Inter": a country, not the first name France
        )
        if titled and first_name and words[i + 1][:1].isupper():
            return not any(org_word(w) for w in words[i + 1 :])
    return False
