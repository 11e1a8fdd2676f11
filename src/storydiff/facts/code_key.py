"""The key of the code and data that extract facts, kept beside facts that are stored.

A collection stores each article's facts once (:mod:`storydiff.collection.store`). When
storydiff is upgraded, the extraction changes (a new rule, a larger gazetteer), and facts
kept from before would disagree with the facts of a new article: a comparison of the two
reports differences that are the extractor's, not the articles'. The store therefore
keeps this key with the facts and treats facts under another key as not extracted yet.

The key hashes the files of this package (its modules and its data tables), the shared
table reader and the versions of the libraries that extraction reads (babel's CLDR,
text2num, gender-guesser), so it changes with any edit, not only with a release.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

_LIBRARIES = ("babel", "text2num", "gender-guesser", "rapidfuzz")


@lru_cache(maxsize=1)
def extraction_key() -> str:
    """``"<storydiff version> <16 hex digits>"``: the same for the same extraction code,
    data and libraries. Reads the package's files once a process (about 2 MB)."""
    from storydiff import __version__

    root = Path(__file__).parent
    digest = hashlib.sha1()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, root.parent / "tables.py"]:
        digest.update(path.relative_to(root.parent).as_posix().encode())
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {version(library)}".encode())
        except PackageNotFoundError:
            digest.update(f"{library} -".encode())
    return f"{__version__} {digest.hexdigest()[:16]}"
