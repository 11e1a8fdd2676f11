"""storydiff: find the same news story in any language, align it, show what differs.

>>> import storydiff
>>> cmp = storydiff.compare("examples/openai-paris.de.txt", "examples/openai-paris.fr.txt")
>>> cmp.verdict
'same_story'
"""

from importlib.metadata import PackageNotFoundError, version

from storydiff.compare import CompareOptions, compare, compare_articles
from storydiff.errors import InputError
from storydiff.inputs import load_article
from storydiff.model import Article, Bead, Comparison, Fact, Sentence

try:
    __version__ = version("storydiff")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "Article",
    "Bead",
    "CompareOptions",
    "Comparison",
    "Fact",
    "InputError",
    "Sentence",
    "__version__",
    "compare",
    "compare_articles",
    "load_article",
]
