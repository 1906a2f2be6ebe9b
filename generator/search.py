"""Chinese search: department names as whole words, and a guarded fix of Material's query segmenter.

Why this module exists. Material for MkDocs (9.8.1) searches with lunr in a web worker. With
``theme.language: zh`` and jieba installed, its search plugin cuts Chinese text into words at build
time; the browser then cuts the *query* into words that exist in the index and adds a trailing
wildcard to each. Three things stop a department's page from coming first for its name:

1. jieba does not know the names: 省质监局 is cut 省/质监局, 交通运输厅 交通运输/厅. The user
   dictionary (``user_dictionary``) makes every name, alias and full name one word, so a
   department page's title is exactly one index term.
2. The browser-side segmenter never looks at the query's last character (``j < query.length``),
   so 省质监局 can only be cut into words that end before 局; once 省 is a word the query collapses
   to ``省*``, which matches almost every page. ``patch_search_worker`` fixes the bound.
3. A trailing wildcard ranks 交通运输厅 and a longer name that starts with it alike, and never
   finds a name that merely contains the query (质监局 in 省质监局, 市场监管局 in 市市场监管局).
   The patch therefore sends, for each run of Chinese characters, the run as an exact term with a
   large boost, the run with wildcards on both sides, and Material's own segments (which keep
   their trailing wildcard). Exact beats prefix beats infix, and partial names are found.

The rest is page structure, which the render stage owns: a department page's title is the name
(lunr's title field weighs 1000 times the text), its aliases and full name stand in the text
before the first second-level heading, its front matter carries ``DEPARTMENT_SEARCH_BOOST`` (so
that it beats a cited document whose title starts with the same name, and a plan that repeats an
alias in a long section), and every heading below its h1 carries ``DEPARTMENT_SECTION_ATTRIBUTE``:
Material applies the boost to every section of a page, and boosted task lists would bury the
plans under department pages for any words of a plan title.

No MkDocs import here: ``configure`` and ``finish`` take the objects MkDocs hands to the hook.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Iterable

from .write import replace_file

# Front-matter `search: boost:` of department (and group) pages; Material multiplies the page's
# lunr scores by it. Without it a cited document titled "晋城市人民政府印发…" ties with the department
# 晋城市人民政府 on the title and wins on its text (measured), and an alias written twice in the
# department's first section barely beats a plan's first section that repeats it (lunr saturates
# term frequency at 2.2x, Material multiplies both first sections by 5). 3 triples both margins.
DEPARTMENT_SEARCH_BOOST = 3

# attr_list attribute for every heading below h1 on a department (or group) page: only the page's
# first section (name, aliases, full name) is indexed, so the boost above lifts nothing else.
DEPARTMENT_SECTION_ATTRIBUTE = "{ data-search-exclude }"

# Query-side boost of the exact term (see module docstring, point 3). Large enough that an exact
# title match of a common name outranks a prefix or infix match of a rare longer name, whose
# inverse document frequency can be about four times higher.
EXACT_TERM_BOOST = 10

# Material's zh separator plus the ASCII and full-width punctuation the sources use, so that
# "市工信局(国资委)" is the words 市工信局 and 国资委 and punctuation never becomes an index term.
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；,;:!?()（）：“”‘’《》〈〉〔〕【】\[\]]+"

# jieba user dictionary lines are "word frequency tag". The frequency only has to make a dictionary
# word beat its pieces (a product of small probabilities); one fixed value keeps the file
# deterministic. nt = 机构团体 (organisation name).
DICTIONARY_FREQUENCY = 100000
DICTIONARY_TAG = "nt"

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
PATCH_MARKER = "/* handbook: search worker patched by generator/search.py */\n"


class SearchPatchError(Exception):
    """Department search cannot work as designed: the installed worker is not the code the patch
    was written for, or the site lacks what the design needs (search plugin, zh, event order)."""


def han_runs(text: str) -> list[str]:
    """The runs of Chinese characters in ``text``: the only parts Material hands to jieba."""
    return _HAN_RUN.findall(text)


def body_terms(bodies: Iterable) -> set[str]:
    """Every name, alias and full name of departments or groups (objects with those attributes)."""
    terms: set[str] = set()
    for body in bodies:
        terms.update(body.names)
        if getattr(body, "full_name", None):
            terms.add(body.full_name)
    return terms


def user_dictionary(terms: Iterable[str]) -> str:
    """jieba user-dictionary text that keeps each term whole, sorted, one word a line.

    Only runs of two or more Chinese characters are written: Material segments nothing else, and
    jieba cannot match a dictionary word across the ASCII parentheses of 市工信局(国资委).
    """
    words = {run for term in terms for run in han_runs(term) if len(run) >= 2}
    return "".join(f"{word} {DICTIONARY_FREQUENCY} {DICTIONARY_TAG}\n" for word in sorted(words))


def write_dictionary(text: str, folder: Path | None = None) -> Path:
    """Write dictionary text atomically to a content-addressed file and return its path.

    The search plugin wants a path; the file lives outside the project (system temp folder by
    default) because it is derived data, and naming it by content makes repeated builds agree.
    """
    folder = Path(folder) if folder else Path(tempfile.gettempdir()) / "handbook-search"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"jieba-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
    return folder / name if (folder / name).exists() else replace_file(folder, name, text)


def configure(config, handbook, folder: Path | None = None) -> Path:
    """Make jieba keep the handbook's names whole, through Material's search plugin; return the
    dictionary's path.

    Call from the hook's ``on_config``. The dictionary goes to the plugin's ``jieba_dict_user``
    (so the plugin loads and logs it) and straight into jieba as well, so the result does not
    depend on whether the hook runs before or after the plugin's ``on_config`` (``mkdocs serve``
    even keeps the plugin across rebuilds); loading a word twice is harmless. Sets
    ``SEARCH_SEPARATOR`` unless mkdocs.yml sets a separator, which takes effect only when the hook
    runs first (``@event_priority(100)``). Raises SearchPatchError when the site could not search
    Chinese names: no search plugin, a theme language other than zh, or jieba missing.
    """
    plugin = config["plugins"].get("material/search")
    if plugin is None or not plugin.config.enabled:
        raise SearchPatchError("mkdocs.yml: the handbook needs Material's search plugin enabled "
                               "(plugins: - search), for department search")
    language = config["theme"].get("language")
    if language != "zh":
        raise SearchPatchError(f"mkdocs.yml: theme.language is {language!r}; the handbook needs 'zh' so that "
                               "the search plugin segments Chinese with jieba")
    try:
        import jieba
    except ImportError:
        raise SearchPatchError("jieba is not installed, so Material's search would not segment Chinese at all "
                               "and no department name could be found; pip install jieba") from None
    if plugin.config.jieba_dict_user:
        raise SearchPatchError(f"mkdocs.yml sets search.jieba_dict_user ({plugin.config.jieba_dict_user}); the "
                               "handbook writes that dictionary from data/departments/, so remove the setting")
    terms = body_terms([*handbook.departments.values(), *handbook.groups.values()])
    path = write_dictionary(user_dictionary(terms), folder)
    plugin.config.jieba_dict_user = str(path)
    jieba.load_userdict(str(path))
    if not plugin.config.separator:
        plugin.config.separator = SEARCH_SEPARATOR
    return path


def finish(site_dir, handbook=None) -> Path:
    """Patch the built site's search worker (``on_post_build``); returns the worker's path."""
    return patch_search_worker(Path(site_dir))


# Each replacement: the exact upstream text in Material 9.8.1's minified worker, what replaces it,
# and why. The source is src/templates/assets/javascripts/integrations/search/query/segment and
# .../search/_/index.ts (Search.search) and .../query/_/index.ts (getSearchQueryTerms).
_EXACT = EXACT_TERM_BOOST
WORKER_REPLACEMENTS: tuple[tuple[str, str, str], ...] = (
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
     "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
     "segment(): let a word end at the query's last character (j <= query.length)"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)",
     "n[a]&&a<t.length&&(i[s++]=a)",
     "segment(): continue with a word that starts at the query's last character"),
    ('s=>[...fe(s,this.index.invertedIndex)].join("* ")',
     f's=>`${{s}}^{_EXACT} *${{s}} ${{[...fe(s,this.index.invertedIndex)].join(" ")}} `',
     "Search.search(): per Chinese run send run^boost (exact), *run* (contained) and the segments"),
    ("e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o))",
     "e[s].includes(o.term)&&(n[o.term]=!0,r.delete(o))",
     "getSearchQueryTerms(): a term found inside a word counts as matched, not as missing"),
)


def patch_worker_source(source: str, name: str = "search worker") -> str:
    """Apply ``WORKER_REPLACEMENTS`` to the worker's text; raise SearchPatchError unless each
    upstream snippet occurs exactly once. Text already carrying the marker is returned unchanged."""
    if source.startswith(PATCH_MARKER):
        return source
    problems = []
    for old, new, why in WORKER_REPLACEMENTS:
        count = source.count(old)
        if count != 1:
            problems.append(f"  expected exactly one occurrence of {old!r} ({why}); found {count}")
        else:
            source = source.replace(old, new)
    if problems:
        raise SearchPatchError(
            f"{name}: the installed Material for MkDocs search worker is not the code generator/search.py "
            "patches (written for mkdocs-material 9.8.1), so department search would rank wrongly:\n"
            + "\n".join(problems)
            + "\n  re-read the worker's query pipeline (segment, Search.search, getSearchQueryTerms) and "
              "update WORKER_REPLACEMENTS, or pin mkdocs-material to the tested version")
    return PATCH_MARKER + source


def patch_search_worker(site_dir: Path) -> Path:
    """Patch the one search worker under ``site_dir`` in place (idempotent); return its path."""
    workers = sorted(Path(site_dir).glob(WORKER_GLOB))
    if len(workers) != 1:
        raise SearchPatchError(
            f"{site_dir}: expected exactly one search worker {WORKER_GLOB}, found "
            f"{[str(w.relative_to(site_dir)) for w in workers] or 'none'}; is the theme Material for MkDocs?")
    worker = workers[0]
    source = worker.read_text(encoding="utf-8")
    patched = patch_worker_source(source, str(worker))
    if patched != source:
        replace_file(Path(site_dir), worker.relative_to(site_dir).as_posix(), patched)
    return worker
