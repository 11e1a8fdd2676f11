"""International bodies under their names in each language, folded to one English key.

"Weltgesundheitsorganisation", "l'Organisation mondiale de la santé", "OMS" and "WHO" are
one organisation; nothing in a sentence says so, and no name rule can guess it. The
listed-company data (scripts/build_organizations.py) covers firms; for the bodies that
news cites most there is no installable multilingual source (Wikidata holds them, but it
cannot be reached offline), so this short table is written by hand. Names are matched as
written (acronyms in capitals only, so "who" and "ue" stay words); acronyms that mean
something else in news ("CPI", the consumer price index) are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storydiff.facts.base import fold
from storydiff.tables import regex

BODIES: dict[str, tuple[str, ...]] = {
    "World Health Organization": (
        "Weltgesundheitsorganisation",
        "Organisation mondiale de la santé",
        "Organización Mundial de la Salud",
        "Organizzazione mondiale della sanità",
        "Wereldgezondheidsorganisatie",
        "Organização Mundial da Saúde",
        "WHO",
        "OMS",
    ),
    "United Nations": (
        "Vereinte Nationen",
        "Vereinten Nationen",
        "Nations unies",
        "Naciones Unidas",
        "Nazioni Unite",
        "Verenigde Naties",
        "Nações Unidas",
        "UN",
        "UNO",
        "ONU",
    ),
    "European Union": (
        "Europäische Union",
        "Europäischen Union",
        "Union européenne",
        "Unión Europea",
        "Unione europea",
        "Europese Unie",
        "União Europeia",
        "EU",
        "UE",
    ),
    "European Central Bank": (
        "Europäische Zentralbank",
        "Europäischen Zentralbank",
        "Banque centrale européenne",
        "Banco Central Europeo",
        "Banca centrale europea",
        "Europese Centrale Bank",
        "Banco Central Europeu",
        "ECB",
        "EZB",
        "BCE",
    ),
    "European Commission": (
        "Europäische Kommission",
        "Europäischen Kommission",
        "EU-Kommission",
        "Commission européenne",
        "Comisión Europea",
        "Commissione europea",
        "Europese Commissie",
        "Comissão Europeia",
    ),
    "European Parliament": (
        "Europäisches Parlament",
        "Europäischen Parlament",
        "Europäischen Parlaments",
        "EU-Parlament",
        "Parlement européen",
        "Parlamento Europeo",
        "Parlamento europeo",
        "Europees Parlement",
        "Parlamento Europeu",
    ),
    "International Monetary Fund": (
        "Internationaler Währungsfonds",
        "Internationale Währungsfonds",
        "Internationalen Währungsfonds",
        "Fonds monétaire international",
        "Fondo Monetario Internacional",
        "Fondo monetario internazionale",
        "Internationaal Monetair Fonds",
        "Fundo Monetário Internacional",
        "IMF",
        "IWF",
        "FMI",
    ),
    "World Bank": ("Weltbank", "Banque mondiale", "Banco Mundial", "Banca mondiale", "Wereldbank"),
    "World Trade Organization": (
        "Welthandelsorganisation",
        "Organisation mondiale du commerce",
        "Organización Mundial del Comercio",
        "Organizzazione mondiale del commercio",
        "WTO",
        "OMC",
    ),
    "NATO": ("NATO", "Nato", "OTAN", "NAVO", "North Atlantic Treaty Organization"),
    "UNESCO": ("UNESCO", "Unesco"),
    "UNICEF": ("UNICEF", "Unicef"),
    "UNHCR": (
        "UNHCR",
        "UN Refugee Agency",
        "UN-Flüchtlingshilfswerk",
        "UNO-Flüchtlingshilfswerk",
        "UN refugee agency",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Alto Commissariato delle Nazioni Unite per i Rifugiati",
        "ACNUR",
    ),
    "OECD": ("OECD", "OCDE", "OESO"),
    "OPEC": ("OPEC", "Opec", "OPEP"),
    "International Atomic Energy Agency": (
        "Internationale Atomenergiebehörde",
        "Internationalen Atomenergiebehörde",
        "Agence internationale de l'énergie atomique",
        "Organismo Internacional de Energía Atómica",
        "Agenzia internazionale per l'energia atomica",
        "IAEA",
        "IAEO",
        "AIEA",
        "OIEA",
    ),
    "International Energy Agency": (
        "Internationale Energieagentur",
        "Internationalen Energieagentur",
        "Agence internationale de l'énergie",
        "Agencia Internacional de la Energía",
        "Agenzia internazionale dell'energia",
        "IEA",
        "AIE",
    ),
    "International Criminal Court": (
        "Internationaler Strafgerichtshof",
        "Internationalen Strafgerichtshof",
        "Cour pénale internationale",
        "Corte Penal Internacional",
        "Corte penale internazionale",
        "Internationaal Strafhof",
        "ICC",
        "IStGH",
    ),
    "International Olympic Committee": (
        "Internationales Olympisches Komitee",
        "Internationale Olympische Komitee",
        "Comité international olympique",
        "Comité Olímpico Internacional",
        "Comitato olimpico internazionale",
        "IOC",
        "IOK",
    ),
    "Red Cross": (
        "Rotes Kreuz",
        "Roten Kreuz",
        "Roten Kreuzes",
        "Croix-Rouge",
        "Cruz Roja",
        "Croce Rossa",
        "Rode Kruis",
        "Cruz Vermelha",
        "ICRC",
        "IKRK",
        "CICR",
        "Rotkreuz",
        "International Committee of the Red Cross",
    ),
    "Doctors Without Borders": (
        "Médecins sans frontières",
        "Ärzte ohne Grenzen",
        "Médicos Sin Fronteras",
        "Medici senza frontiere",
        "Artsen zonder Grenzen",
        "MSF",
    ),
    "World Economic Forum": (
        "Weltwirtschaftsforum",
        "Forum économique mondial",
        "Foro Económico Mundial",
        "Forum economico mondiale",
        "Wereld Economisch Forum",
        "Fórum Económico Mundial",
        "WEF",
    ),
    "World Food Programme": (
        "Welternährungsprogramm",
        "Programme alimentaire mondial",
        "Programa Mundial de Alimentos",
        "Programma alimentare mondiale",
        "Wereldvoedselprogramma",
        "Programa Alimentar Mundial",
        "World Food Program",
        "WFP",
    ),
    "FIFA": ("FIFA", "Fifa"),
    "UEFA": ("UEFA", "Uefa"),
}


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, str]:
    table = {fold(english): english for english in BODIES}
    for english, names in BODIES.items():
        table.update({fold(name): english for name in names})
    return table


def body_name(name: str) -> str | None:
    """The English name of an international body written ``name`` in any language."""
    return _by_folded_name().get(fold(name))


def body_regex() -> str:
    """A regular expression for every name, longest first, each as written or with a
    capital first letter (for other patterns to include)."""
    names = set(BODIES)
    for aliases in BODIES.values():
        names.update(aliases)
    forms = {n for name in names for n in (name, name[:1].upper() + name[1:])}
    # a space and a hyphen are written for each other ("Haut-Commissariat", "Haut Commissariat")
    alternatives = "|".join(
        r"[\s-]".join(re.escape(part) for part in re.split(r"[ -]", n))
        for n in sorted(forms, key=lambda n: (-len(n), n))  # the same in every process
    )
    return rf"(?<![\w-])(?:{alternatives})(?![\w-])"


@lru_cache(maxsize=1)
def body_pattern() -> re.Pattern[str]:
    return regex(body_regex())
