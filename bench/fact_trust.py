"""Can a fact-checker trust the fact differences? False alarms on real translations, real
changes caught (issue 12).

    python bench/fact_trust.py                  # all parts: bench/results/fact_trust.json
    python bench/fact_trust.py --part wmt --docs 20 # a quick look at part of one set
    python bench/fact_trust.py --show 5             # print a few false alarms of each kind

Data (public, written by no one here; read from ../shared/bench, never copied):

1. ``wmt`` -- WMT newstest2009 and 2013 (wmt_newstest_multiparallel/sgm): every document
   in every language is a professional translation of one text, so every fact difference
   storydiff reports between two language versions of a document is a false alarm.
   Documents are rebuilt from the SGML as a reader would see them: the ``<h1>`` segments as
   the headline line, each ``<p>`` as a paragraph. Every language pair is compared.
   Targets: <= 0.1 conflicts (polarity included) and <= 0.5 one-sided facts per pair.
2. ``inject`` -- the same pairs with one change made to one version: a number, an amount,
   a date, a person, an organisation, a place replaced, a negation added, a sentence
   deleted. A change is caught when the comparison's shown differences are those of the
   untouched pair plus exactly the expected one (a conflict of the right type; a polarity
   difference; for a deletion only one-sided facts of the deleted sentence, at least one:
   a deleted sentence states a fact that its counterpart states with the same value and
   its version writes nowhere else; beside it the share whose counterpart is listed as a
   sentence without one).
   Target: >= 0.95 of injected changes.
3. ``demetr`` -- DEMETR (Karpinska et al., EMNLP 2022): the source sentence (de/fr/es/it)
   against the human English translation (no fact difference expected) and against the
   perturbed machine translation, by file name: numbers replaced (a conflict of a numeric
   type), named entities replaced (a conflict), named entities removed (a one-sided fact),
   negation (a polarity difference); the minor perturbations expect no fact difference.

Counts use what the default report shows (confident differences); ``all`` counts include
those shown only with ``--all``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import SHARED, signature, write_result

WMT = SHARED / "bench" / "wmt_newstest_multiparallel" / "sgm"
DEMETR = SHARED / "bench" / "demetr" / "dataset"
SETS = {"newstest2009": ["de", "en", "es", "fr", "it"], "newstest2013": ["de", "en", "es", "fr"]}
NUMERIC = {"money", "percent", "number", "date", "time"}
NAMES = {"person", "organization", "location", "source"}
TARGETS = {
    "wmt_conflicts_per_pair": 0.1,
    "wmt_one_sided_per_pair": 0.5,
    "inject_caught": 0.95,
    "demetr_translation_any_conflict": 0.02,
    "demetr_translation_any_difference": 0.05,
    "demetr_numbers_replaced_conflict": 0.98,
    "demetr_ne_replaced_conflict": 0.90,
    "demetr_ne_removed_one_sided": 0.90,
    "demetr_negation_polarity": 0.85,
    "demetr_minor_any_difference": 0.03,
}


# --- WMT documents ------------------------------------------------------------------------


@dataclass
class Doc:
    """One language version of a WMT document: headline segments and paragraphs of segments."""

    headline: list[str]
    paragraphs: list[list[str]]

    def text(self) -> str:
        parts = [" ".join(self.headline)] if self.headline else []
        parts += [" ".join(p) for p in self.paragraphs if p]
        return "\n\n".join(parts)

    def segments(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]

    def replace(self, index: int, new: str | None) -> Doc:
        """A copy with body segment ``index`` replaced (or deleted when ``new`` is None)."""
        out, k = [], 0
        for p in self.paragraphs:
            q = []
            for s in p:
                if k != index:
                    q.append(s)
                elif new is not None:
                    q.append(new)
                k += 1
            out.append(q)
        return Doc(list(self.headline), out)


_TAG = re.compile(r"<(/?)(doc|h1|p|seg)\b[^>]*>", re.I)


def load_wmt(set_name: str, lang: str) -> dict[str, Doc]:
    import html

    raw = (WMT / f"{set_name}-src.{lang}.sgm").read_text(encoding="utf-8")
    docs: dict[str, Doc] = {}
    for m in re.finditer(r'<doc docid="([^"]+)"[^>]*>(.*?)</doc>', raw, re.S):
        doc = Doc([], [])
        where = None
        for block in re.finditer(r"<(h1|p)>(.*?)</\1>", m.group(2), re.S):
            segs = [
                html.unescape(s).strip() for s in re.findall(r"<seg[^>]*>(.*?)</seg>", block[2])
            ]
            where = block[1]
            if where == "h1":
                doc.headline += segs
            else:
                doc.paragraphs.append(segs)
        docs[m.group(1)] = doc
    return docs


def wmt_documents(limit: int | None, offset: int = 0) -> list[tuple[str, str, dict[str, Doc]]]:
    """Every ``len/limit``-th document of each set from ``offset`` on (all without a
    limit): a spread sample, and with another offset a disjoint one to check on."""
    out = []
    for set_name, langs in SETS.items():
        by_lang = {lang: load_wmt(set_name, lang) for lang in langs}
        ids = list(by_lang[langs[0]])
        if limit:
            ids = ids[offset :: max(1, len(ids) // limit)][:limit]
        for docid in ids:
            out.append((set_name, docid, {lang: by_lang[lang][docid] for lang in langs}))
    return out


# --- counting what the report shows -------------------------------------------------------


def shown(diffs: list[dict], all_: bool = False) -> list[dict]:
    from storydiff.facts.diff import is_shown

    return [d for d in diffs if all_ or is_shown(d)]


def tally(diffs: list[dict]) -> tuple[int, int]:
    """(conflicts incl. polarity, one-sided facts)."""
    conflicts = sum(d["kind"] in {"conflict", "polarity"} for d in diffs)
    return conflicts, len(diffs) - conflicts


def _fmt(d: dict) -> str:
    def side(s):
        return "—" if s is None else f"{s['text']!r}"

    return (
        f"{d['kind']:<9} {d['type']:<12} {side(d['a'])} | {side(d['b'])}  ({d.get('reason', '')})"
    )


# --- part 1: real translations -----------------------------------------------------------


def part_wmt(docs, compare, show: int) -> tuple[dict, dict]:
    per_pair: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    baselines: dict[tuple, list[dict]] = {}
    for set_name, docid, versions in docs:
        for la, lb in combinations(sorted(versions), 2):
            c = compare(versions[la].text(), versions[lb].text())
            if c is None:
                continue
            diffs = c.fact_differences
            baselines[(set_name, docid, la, lb)] = diffs
            key = f"{la}-{lb}"
            n_conf, n_one = tally(shown(diffs))
            a_conf, a_one = tally(diffs)
            per_pair[key].update(
                pairs=1,
                conflicts=n_conf,
                one_sided=n_one,
                conflicts_all=a_conf,
                one_sided_all=a_one,
                verdict_same=c.verdict == "same_story",
            )
            for d in shown(diffs):
                examples[f"{d['kind']}:{d['type']}"].append(f"{key} {docid}: {_fmt(d)}")
    table = {}
    for key, cnt in sorted(per_pair.items()):
        n = cnt["pairs"]
        table[key] = {
            "pairs": n,
            "conflicts_per_pair": round(cnt["conflicts"] / n, 3),
            "one_sided_per_pair": round(cnt["one_sided"] / n, 3),
            "conflicts_per_pair_all": round(cnt["conflicts_all"] / n, 3),
            "one_sided_per_pair_all": round(cnt["one_sided_all"] / n, 3),
            "same_story": round(cnt["verdict_same"] / n, 3),
        }
    total = sum((c for c in per_pair.values()), Counter())
    n = max(1, total["pairs"])
    table["all"] = {
        "pairs": total["pairs"],
        "conflicts_per_pair": round(total["conflicts"] / n, 3),
        "one_sided_per_pair": round(total["one_sided"] / n, 3),
        "conflicts_per_pair_all": round(total["conflicts_all"] / n, 3),
        "one_sided_per_pair_all": round(total["one_sided_all"] / n, 3),
        "same_story": round(total["verdict_same"] / n, 3),
    }
    kinds = Counter({k: len(v) for k, v in examples.items()})
    print("\n== WMT newstest: real translations (every difference is a false alarm)")
    print(f"{'pair':<8}{'docs':>6}{'conflicts':>11}{'one-sided':>11}{'(all)':>14}")
    for key, row in table.items():
        print(
            f"{key:<8}{row['pairs']:>6}{row['conflicts_per_pair']:>11.3f}"
            f"{row['one_sided_per_pair']:>11.3f}"
            f"   {row['conflicts_per_pair_all']:.2f}/{row['one_sided_per_pair_all']:.2f}"
        )
    print("false alarms by kind:", dict(kinds.most_common()))
    if show:
        for k, _ in kinds.most_common():
            for line in examples[k][:show]:
                print("  ", line)
    table["by_kind"] = dict(kinds.most_common())
    if adjudicated := part_adjudicated(baselines):
        table["adjudicated"] = adjudicated
    return table, baselines


ADJUDICATED = Path(__file__).resolve().parent / "data" / "wmt_adjudicated.json"


def part_adjudicated(baselines: dict[tuple, list[dict]]) -> dict | None:
    """The shown differences of the adjudicated sample's pairs (bench/data), told apart by
    the reviewer's labels: real differences between the two translations, false alarms,
    and differences no label covers (shown by a later version of the rules). None when the
    run covers none of the sample's pairs."""
    data = json.loads(ADJUDICATED.read_text(encoding="utf-8"))
    wanted = set(data["pairs"])
    labels = {
        (x["docid"], x["pair"], x["kind"], x["type"], x["a"], x["b"]): x for x in data["labels"]
    }
    counts: Counter = Counter()
    categories: Counter = Counter()
    for (_, docid, la, lb), diffs in baselines.items():
        pair = f"{la}-{lb}"
        if f"{docid} {pair}" not in wanted:
            continue
        counts["pairs"] += 1
        for d in shown(diffs):
            side = [s["text"] if s else None for s in (d["a"], d["b"])]
            label = labels.get((docid, pair, d["kind"], d["type"], *side))
            verdict = label["verdict"] if label else "unlabelled"
            counts[verdict] += 1
            if verdict == "false_alarm":
                categories[label["category"]] += 1
    if not counts["pairs"]:
        return None
    n = counts["pairs"]
    out = {
        "pairs": n,
        "shown_per_pair": round(sum(counts[k] for k in counts if k != "pairs") / n, 3),
        "genuine_per_pair": round(counts["genuine"] / n, 3),
        "false_alarms_per_pair": round(counts["false_alarm"] / n, 3),
        "unclear_per_pair": round(counts["unclear"] / n, 3),
        "unlabelled_per_pair": round(counts["unlabelled"] / n, 3),
        "false_alarm_kinds": dict(categories.most_common()),
        "judged_on": data["judged_on"],
    }
    print(
        f"adjudicated sample ({n} pairs): shown {out['shown_per_pair']:.3f} per pair ="
        f" genuine {out['genuine_per_pair']:.3f}"
        f" + false alarms {out['false_alarms_per_pair']:.3f}"
        f" + unclear {out['unclear_per_pair']:.3f}"
        f" + not yet judged {out['unlabelled_per_pair']:.3f}"
    )
    return out


# --- part 2: injected changes -----------------------------------------------------------

_NEG_VERB = {
    "en": r"\b(is|are|was|were|has|have|had|will|can|could|would|should)\b",
    "de": r"\b(ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|kann|können)\b",
    "fr": r"\b(est|sont|était|étaient|a|ont|avait|avaient|va|vont|peut|peuvent)\b",
    "es": r"\b(es|son|era|eran|fue|está|están|ha|han|había|puede|pueden|va|van)\b",
    "it": r"\b(è|sono|era|erano|ha|hanno|aveva|avevano|può|possono|sarà)\b",
}
_HAS_NEG = re.compile(
    r"\b(not|no|never|nicht|kein\w*|nie|ne|n'|pas|jamais|aucun\w*|nunca|non|mai)\b", re.I
)


def negate(sentence: str, lang: str) -> str | None:
    """The sentence with its first finite auxiliary or copula negated (None if none)."""
    if _HAS_NEG.search(sentence) or lang not in _NEG_VERB:
        return None
    m = re.search(_NEG_VERB[lang], sentence)
    if not m:
        return None
    verb = m.group(1)
    if lang == "en":
        new = f"{verb} not"
    elif lang == "de":
        new = f"{verb} nicht"
    elif lang == "fr":
        new = f"n'{verb} pas" if verb[0] in "aeéiou" else f"ne {verb} pas"
    elif lang == "es":
        new = f"no {verb}"
    else:
        new = f"non {verb}"
    return sentence[: m.start()] + new + sentence[m.end() :]


def bump_digits(text: str, prefer_year: bool = False, down: bool = False) -> str | None:
    """Change one digit run of ``text`` to another value: a year (with ``prefer_year``) to
    the next (with ``down`` the one before), else the first run's first digit up by one
    (down by two from 8 and 9), or with ``down`` the number down by one (up by one from
    10 and below, so that it keeps its length: "30" -> "29", where "40 de septiembre"
    would be no date). An English ordinal's ending follows ("22nd" -> "21st")."""
    runs = list(re.finditer(r"\d+", text))
    if not runs:
        return None
    if prefer_year:
        years = [r for r in runs if len(r.group()) == 4]
        if years:
            r = years[0]
            year = int(r.group()) + (-1 if down else 1)
            return text[: r.start()] + str(year) + text[r.end() :]
    r = runs[0]
    digits = r.group()
    if down:
        value = int(digits)
        new = str(value - 1 if value > 10 else value + 1)
    else:
        first = int(digits[0])
        new = str(first + 1 if first < 8 else first - 2) + digits[1:]
    rest = text[r.end() :]
    if re.match(r"(?:st|nd|rd|th)\b", rest):
        rest = _ordinal_ending(int(new)) + rest[2:]
    return text[: r.start()] + new + rest


def _ordinal_ending(n: int) -> str:
    """English ordinal ending of ``n`` (1 -> "st", 12 -> "th", 22 -> "nd")."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _facts_in(text: str, lang: str):
    from storydiff.facts import facts_of_sentence

    return facts_of_sentence(text, lang)


def part_inject(docs, baselines, compare, rng: random.Random, show: int) -> dict:
    from storydiff.facts.diff import strong_name

    # name pools per language, from every document: names that look like names (a person
    # with a first name, a gazetteer place, a listed organisation or an acronym)
    pools: dict[tuple[str, str], list[str]] = defaultdict(list)
    for _, _, versions in docs:
        for lang, doc in versions.items():
            for seg in doc.segments():
                for f in _facts_in(seg, lang):
                    if f.type in {"person", "organization", "location"} and strong_name(
                        _as_fact(f)
                    ):
                        pools[(lang, f.type)].append(f.text)
    for k in pools:
        pools[k] = sorted(set(pools[k]))

    kinds = ["number", "money", "date", "person", "organization", "location", "negation", "delete"]
    results: dict[str, Counter] = {k: Counter() for k in kinds}
    failures: dict[str, list[str]] = defaultdict(list)
    pairs = [(s, d, v) for s, d, v in docs]
    for n_doc, (set_name, docid, versions) in enumerate(pairs):
        langs = sorted(versions)
        all_pairs = list(combinations(langs, 2))
        la, lb = all_pairs[n_doc % len(all_pairs)]
        if rng.random() < 0.5:
            la, lb = lb, la  # change either side
        base_key = (set_name, docid, *sorted((la, lb)))
        swapped = (la, lb) != tuple(sorted((la, lb)))
        base = baselines.get(base_key)
        if base is None:
            c0 = compare(versions[la].text(), versions[lb].text())
            if c0 is None:
                continue
            base = c0.fact_differences
        elif swapped:
            base = [_swap(d) for d in base]
        base_shown = Counter(_sig(d) for d in shown(base))
        doc_a, doc_b = versions[la], versions[lb]
        segs_a, segs_b = doc_a.segments(), doc_b.segments()
        if len(segs_a) != len(segs_b):
            continue
        text_b = doc_b.text()
        for kind in kinds:
            change = _make_change(kind, segs_a, segs_b, la, lb, pools, text_b, rng)
            if change is None:
                continue
            index, new_seg, what = change
            c = compare(doc_a.text(), doc_b.replace(index, new_seg).text())
            if c is None:
                continue
            new = Counter(_sig(d) for d in shown(c.fact_differences))
            added = list((new - base_shown).elements())
            ok = _caught(kind, added, c, segs_b[index])
            results[kind].update(tried=1, caught=ok)
            if kind == "delete":
                # the sentence level beside the facts: the untouched version's sentence
                # is listed as without a counterpart
                results[kind].update(listed=_listed(c, segs_a[index]))
            if not ok:
                # the changed segment's index in B, to reproduce the case
                failures[kind].append(f"{la}-{lb} {docid} #{index} [{what}] -> {added}")
    table = {}
    total = Counter()
    for kind, cnt in results.items():
        total.update(cnt)
        table[kind] = {
            "injected": cnt["tried"],
            "caught": round(cnt["caught"] / max(1, cnt["tried"]), 3),
        }
    table["delete"]["sentence_listed"] = round(
        results["delete"]["listed"] / max(1, results["delete"]["tried"]), 3
    )
    table["all"] = {
        "injected": total["tried"],
        "caught": round(total["caught"] / max(1, total["tried"]), 3),
    }
    print("\n== Injected changes (one change in one version of a WMT pair)")
    for kind, row in table.items():
        listed = row.get("sentence_listed")
        listed = "" if listed is None else f"   sentence listed {listed:.3f}"
        print(f"{kind:<14}{row['injected']:>5} injected   caught {row['caught']:.3f}{listed}")
    if show:
        for kind, lines in failures.items():
            for line in lines[:show]:
                print(f"   missed {kind}: {line}")
    return table


def _sig(d: dict) -> tuple:
    def side(s):
        return None if s is None else s["text"]

    return (d["kind"], d["type"], side(d["a"]), side(d["b"]))


def _swap(d: dict) -> dict:
    kind = {"only_in_a": "only_in_b", "only_in_b": "only_in_a"}.get(d["kind"], d["kind"])
    return {**d, "kind": kind, "a": d["b"], "b": d["a"]}


def _make_change(kind, segs_a, segs_b, la, lb, pools, text_b, rng):
    """(segment index, new segment text or None to delete, description) or None."""
    order = list(range(len(segs_b)))
    rng.shuffle(order)
    for i in order:
        seg = segs_b[i]
        if kind == "negation":
            new = negate(seg, lb)
            if new:
                return i, new, f"{seg!r} -> {new!r}"
            continue
        facts_b = _facts_in(seg, lb)
        facts_a = _facts_in(segs_a[i], la)
        from storydiff.facts.diff import fact_key

        keys_a = {(f.type, fact_key(_as_fact(f))) for f in facts_a}
        if kind == "delete":
            # a sentence that states a fact its counterpart states with the same value and
            # the rest of its version does not write: a deleted sentence whose facts all
            # recur elsewhere ("Bundestag" named again two sentences on), or that the
            # counterpart does not state ("DGT" where the translation writes
            # "Verkehrsministerium"), leaves no fact without a counterpart, which by the
            # contract is no fact difference
            rest = text_b.replace(seg, "", 1)
            if len(segs_b) > 3 and any(
                f.text not in rest and (f.type, fact_key(_as_fact(f))) in keys_a for f in facts_b
            ):
                return i, None, f"deleted {seg!r}"
            continue
        for f in facts_b:
            if f.type != kind or (f.type, fact_key(_as_fact(f))) not in keys_a:
                continue  # only facts the other version states with the same value
            if kind in {"number", "money", "date"}:
                # the changed value must still read as that kind: "30 de septiembre" bumped
                # to "40 de septiembre" is no date, so the other way ("29 de ...")
                new_text = next(
                    (
                        t
                        for t in (
                            bump_digits(f.text, prefer_year=kind == "date", down=down)
                            for down in (False, True)
                        )
                        if t and _reads_as(kind, seg[: f.start] + t + seg[f.end :], t, lb)
                    ),
                    None,
                )
            else:
                pool = [
                    p
                    for p in pools.get((lb, kind), [])
                    if p not in text_b and p.split()[-1] not in text_b
                ]
                new_text = rng.choice(pool) if pool else None
            if not new_text or new_text == f.text:
                continue
            new = seg[: f.start] + new_text + seg[f.end :]
            return i, new, f"{f.text!r} -> {new_text!r}"
    return None


def _listed(c, sentence: str) -> bool:
    """Is ``sentence`` (A's counterpart of a deleted one), or a sentence within it or
    holding it, among the comparison's sentences of A without a counterpart?"""
    texts = [c.a.sentences[i].text for i in c.only_in_a]
    return any(t in sentence or sentence in t for t in texts)


def _reads_as(kind: str, sentence: str, text: str, lang: str) -> bool:
    """Does ``sentence`` hold a fact of ``kind`` whose text holds ``text``'s digits?"""
    digits = re.findall(r"\d+", text)
    return any(
        f.type == kind and all(d in f.text for d in digits) for f in _facts_in(sentence, lang)
    )


def _as_fact(found):
    from storydiff.model import Fact

    return Fact(found.type, found.text, found.value, 0, found.start, found.end)


def _caught(kind: str, added: list[tuple], c, old_seg: str) -> bool:
    if kind == "negation":
        return len(added) == 1 and added[0][0] == "polarity"
    if kind == "delete":
        return bool(added) and all(k == "only_in_a" for k, *_ in added)
    return len(added) == 1 and added[0][0] == "conflict" and added[0][1] == kind


# --- part 3: DEMETR -------------------------------------------------------------------------

DEMETR_LANGS = {"german": "de", "french": "fr", "spanish": "es", "italian": "it"}
MINOR = [
    "minor_id1_repeat2",
    "minor_id2_repeat4",
    "minor_id12_conj_removed",
    "minor_id13_pos_shift",
    "minor_id14_word_swap",
    "minor_id15_case",
    "minor_id16_function_word",
    "minor_id26_misspelled",
    "minor_id27_char_removed",
    "minor_id28_final_punc_removed",
    "minor_id29_punc_addition",
    "minor_id30_tokenized",
    "minor_id31_full_lower",
    "minor_id32_first_lower",
]
POSITIVE = {
    "critical_id10_numbers_replaced": "numeric_conflict",
    "critical_id9_ne_replaced": "conflict",
    "critical_id25_ne_removed": "one_sided",
    "critical_id8_negation": "polarity",
}


def _demetr(name: str, limit: int | None) -> list[dict]:
    items = json.loads((DEMETR / f"{name}.json").read_text(encoding="utf-8"))
    items = [x for x in items if x["lang_tag"] in DEMETR_LANGS]
    if limit:
        items = [x for x in items if x["id"] % max(1, 100 // limit) == 0]
    return items


def part_demetr(compare, limit: int | None, show: int) -> dict:
    table: dict[str, dict] = {}
    misses: dict[str, list[str]] = defaultdict(list)

    refused = Counter()

    def diffs(a: str, b: str) -> list[dict]:
        c = compare(a, b)
        if c is None:
            refused["pairs"] += 1  # counted apart: a refused input shows no difference
            return []
        return shown(c.fact_differences)

    # (a) the human translation
    per_lang: dict[str, Counter] = defaultdict(Counter)
    for x in _demetr("base_id35_reference", limit):
        lang = DEMETR_LANGS[x["lang_tag"]]
        d = diffs(x["src_sent"], x["eng_sent"])
        conf, _ = tally(d)
        per_lang[lang].update(n=1, conflict=conf > 0, any=bool(d))
        if d:
            misses["translation"].append(f"{lang}: {x['src_sent']!r} | {x['eng_sent']!r}")
            misses["translation"] += ["      " + _fmt(y) for y in d]
    table["translation"] = _rates(per_lang, {"conflict": "any_conflict", "any": "any_difference"})

    # (b) perturbed translations that change a fact
    for name, want in POSITIVE.items():
        per_lang = defaultdict(Counter)
        for x in _demetr(name, limit):
            if not x["pert_check"]:
                continue
            lang = DEMETR_LANGS[x["lang_tag"]]
            d = diffs(x["src_sent"], x["pert_sent"])
            hit = _demetr_hit(want, d)
            per_lang[lang].update(n=1, hit=hit)
            if not hit:
                misses[name].append(f"{lang}: {x['src_sent']!r} | {x['pert_sent']!r} -> {d}")
        table[name] = _rates(per_lang, {"hit": want})

    # (c) minor perturbations: nothing should be flagged
    per_name: dict[str, dict] = {}
    pooled = defaultdict(Counter)
    for name in MINOR:
        per_lang = defaultdict(Counter)
        for x in _demetr(name, limit):
            lang = DEMETR_LANGS[x["lang_tag"]]
            d = diffs(x["src_sent"], x["pert_sent"])
            per_lang[lang].update(n=1, any=bool(d))
            pooled[lang].update(n=1, any=bool(d))
            if d:
                misses["minor"].append(f"{name} {lang}: {x['pert_sent']!r} -> " + _fmt(d[0]))
        per_name[name] = _rates(per_lang, {"any": "any_difference"})["all"]
    table["minor"] = _rates(pooled, {"any": "any_difference"})
    table["minor"]["by_perturbation"] = per_name

    table["refused_inputs"] = refused["pairs"]
    print("\n== DEMETR (source de/fr/es/it vs English)")
    for name, rows in table.items():
        if not isinstance(rows, dict):
            print(f"{name:<34}{rows}")
            continue
        cols = {k: v for k, v in rows.items() if k != "by_perturbation"}
        print(f"{name:<34}" + "  ".join(f"{lang}:{_short(r)}" for lang, r in cols.items()))
    if show:
        for name, lines in misses.items():
            for line in lines[: show * (3 if name == "translation" else 1)]:
                print(f"   {name}: {line}")
    return table


def _demetr_hit(want: str, d: list[dict]) -> bool:
    if want == "numeric_conflict":
        return any(x["kind"] == "conflict" and x["type"] in NUMERIC for x in d)
    if want == "conflict":
        return any(x["kind"] == "conflict" for x in d)
    if want == "one_sided":
        return any(x["kind"] == "only_in_a" for x in d)
    return any(x["kind"] == "polarity" for x in d)


def _rates(per_lang: dict[str, Counter], fields: dict[str, str]) -> dict:
    out = {}
    total = sum(per_lang.values(), Counter())
    for lang, cnt in [*sorted(per_lang.items()), ("all", total)]:
        n = max(1, cnt["n"])
        out[lang] = {"n": cnt["n"], **{name: round(cnt[f] / n, 3) for f, name in fields.items()}}
    return out


def _short(row: dict) -> str:
    return "/".join(f"{v:.2f}" for k, v in row.items() if k != "n") + f"(n={row['n']})"


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=["wmt", "inject", "demetr", "all"], default="all")
    ap.add_argument("--docs", type=int, default=None, help="documents per WMT set (default all)")
    ap.add_argument("--offset", type=int, default=0, help="first document of the sample")
    ap.add_argument("--demetr", type=int, default=None, help="items per language and file")
    ap.add_argument("--show", type=int, default=0, help="print N examples of each failure kind")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()

    import storydiff
    from storydiff.encoders import get_encoder

    enc = get_encoder("use")

    from storydiff.errors import InputError
    from storydiff.model import RawDocument

    refused: list[str] = []

    def compare(a: str, b: str):
        """The comparison, or None for an input storydiff refuses (counted apart)."""
        try:
            return storydiff.compare(RawDocument("A", a), RawDocument("B", b), encoder=enc)
        except InputError as exc:
            refused.append(str(exc))
            return None

    start = time.perf_counter()
    payload: dict = {
        **signature(
            encoder=f"{enc.name} {enc.version}",
            dataset="WMT newstest2009+2013 (sgm, documents); DEMETR (de/fr/es/it)",
        ),
        "targets": TARGETS,
    }
    if args.part in {"wmt", "inject", "all"}:
        docs = wmt_documents(args.docs, args.offset)
        baselines: dict = {}
        if args.part in {"wmt", "all"}:
            payload["wmt"], baselines = part_wmt(docs, compare, args.show)
        if args.part in {"inject", "all"}:
            payload["inject"] = part_inject(docs, baselines, compare, random.Random(12), args.show)
    if args.part in {"demetr", "all"}:
        payload["demetr"] = part_demetr(compare, args.demetr, args.show)
    payload["refused_inputs"] = {"count": len(refused), "first": refused[:3]}
    payload["seconds"] = round(time.perf_counter() - start, 1)
    payload["sample"] = {
        "docs_per_set": args.docs,
        "offset": args.offset,
        "demetr_per_language": args.demetr,
    }
    print(f"\nsignature: {payload['signature']}   ({payload['seconds']} s)")
    if not args.no_write:
        name = "fact_trust" if args.part == "all" and not args.docs else f"fact_trust_{args.part}"
        print("written to", write_result(name, payload))


if __name__ == "__main__":
    main()
