"""Runs searches against the built indexes and returns frozen results for the views.

Indexes are opened read-only, once per thread and process, and reopened when a new build has
been swapped in (the `<root>/<lang>` link points somewhere new). Titles, summaries and links come
from the live ContentStore, so a result never shows words the site no longer has. Each search
has a time limit: if it runs out, the results found so far are shown. Recent pages of results
are kept in memory (ResultCache), so a search many people make is worked out once per process.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import has_app_context
from flask_babel import force_locale
from markupsafe import Markup, escape
from whoosh import index as whoosh_index
from whoosh.analysis import Token
from whoosh.highlight import (
    SCORE,
    BasicFragmentScorer,
    Formatter,
    PinpointFragmenter,
    top_fragments,
)
from whoosh.query import Query
from whoosh.scoring import BM25F

from app.content.models import Page
from app.content.store import ContentStore
from app.display import TOPIC_NAMES
from app.paging import page_count
from app.search.analyzers import text_analyzer, tokens
from app.search.query import PreparedQuery, prepare
from app.search.schema import PAGE, SERVICE
from app.search.vocabulary import Vocabulary
from app.urls import Links

DEFAULT_TIME_LIMIT = 0.5  # seconds, per search
RESULT_CACHE_SIZE = 512  # pages of results kept per process (see ResultCache)
PER_PAGE = 10  # results on one page of results
SERVICE_LIMIT = 6


logger = logging.getLogger(__name__)


class IndexUnavailable(Exception):
    """There is no readable index for this language (not built yet, removed or damaged)."""


@dataclass(frozen=True)
class PageResult:
    slug: str
    section: str
    title: str
    summary: str
    url: str
    excerpt: Markup  # escaped text with the matched words in <mark>; may be empty
    is_fallback: bool  # shown in English because it is not translated yet


@dataclass(frozen=True)
class SearchResults:
    text: str
    pages: tuple[PageResult, ...]  # the matching pages on this page of results, best first
    services: tuple[str, ...]  # service keys, best first
    total_pages: int  # how many pages matched in all
    topics: tuple[str, ...]  # topics the vocabulary recognised
    corrected: bool  # some words were read as near spellings
    timed_out: bool
    number: int = 1  # which page of results this is
    count: int = 1  # how many pages of results there are
    start: int = 1  # the rank of the first result shown

    @property
    def is_empty(self) -> bool:
        return not self.pages and not self.services


class MarkFormatter(Formatter):
    """Excerpt fragments as escaped text with the matched words wrapped in <mark>."""

    between = " … "

    def _text(self, text):
        return str(escape(_SPACES.sub(" ", text)))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(text[token.startchar : token.endchar])}</mark>"

    def format(self, fragments, replace=False):
        # Every piece was escaped by _text and format_token above (bandit B704 cannot see it).
        return Markup(super().format(fragments, replace=replace).strip())  # nosec B704


_SPACES = re.compile(r"\s+")
FRAGMENTER = PinpointFragmenter(maxchars=180, surround=60, autotrim=True)
FORMATTER = MarkFormatter()
EXCERPT_FRAGMENTS = 2


@dataclass(frozen=True)
class DocInfo:
    """What filtering and ranking need to know about a document, without reading the index."""

    kind: str
    slug: str
    section: str
    title_stems: tuple[str, ...]
    prior: float  # see PRIORS


# Ranking priors, multiplied into the score once Whoosh has scored a document: the specific page
# a member of the public needs first, when the words match as well. A title that is exactly what
# was asked for (or what the vocabulary says it means) comes first.
PRIORS = {
    "hub": 0.8,  # section landing pages and the home page: they point on to the specific page
    "professional": 0.8,  # pages only for professionals
}
EXACT_TITLE = 1.5


class PreloadedBM25F(BM25F):
    """BM25F reading each document's field lengths from lists loaded once per opened index.

    Whoosh looks a length up in the index file for every document it scores (about an eighth of
    the time a search took). The lists hold the same (byte-rounded) lengths, so scores are
    unchanged. For single-segment indexes only (the indexer optimises every build).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lengths: dict[str, list[int]] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if hasattr(scorer, "dfl"):
            lengths = self._lengths.get(fieldname)
            if lengths is None:
                count = searcher.reader().doc_count_all()
                lengths = self._lengths[fieldname] = [
                    searcher.doc_field_length(docnum, fieldname, 1) for docnum in range(count)
                ]
            scorer.dfl = lengths.__getitem__
        return scorer


def weighting() -> BM25F:
    """A new weighting model for one opened index.

    How much a field's length counts against it: keyword lists and summaries vary in length with
    how much an editor wrote, not with how relevant the page is.
    """
    return PreloadedBM25F(
        B=0.75, K1=1.2, keywords_B=0.3, keyword_pairs_B=0.3, title_pairs_B=0.3, about_B=0.4
    )


def _prior(kind: str, page) -> float:
    if kind != PAGE or page is None:
        return 1.0
    prior = 1.0
    if page.is_index:
        prior *= PRIORS["hub"]
    if set(page.audiences) == {"professionals"}:
        prior *= PRIORS["professional"]
    return prior


@dataclass
class _Opened:
    target: str
    searcher: Any  # a Whoosh Searcher (Whoosh has no type information)
    docs: dict[int, DocInfo]


def topic_names(lang: str) -> dict[str, str]:
    """Topic names in `lang` (needs an app context; English names without one)."""
    try:
        with force_locale(lang):
            return {topic: str(name) for topic, name in TOPIC_NAMES.items()}
    except RuntimeError:
        return {topic: str(name._args[0]) for topic, name in TOPIC_NAMES.items()}


class ResultCache:
    """Recent pages of results, in this process's memory only, least recently used out first.

    Many people search for the same few things (a news story sends them to one page), so a page
    of results is worked out once and kept while it is asked for. Keys hold the normalised
    words, the filters and the index build they came from (a rebuilt index starts afresh);
    nothing is written anywhere, so the words never reach a log, a file or an address.
    """

    def __init__(self, size: int = RESULT_CACHE_SIZE):
        self.size = size
        self._entries: OrderedDict[tuple, SearchResults] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> SearchResults | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple, results: SearchResults) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = results
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class SearchService:
    """The app's search: `app.extensions["search"]`."""

    def __init__(
        self,
        root: Path,
        store: ContentStore,
        vocabulary: Vocabulary,
        links: Links,
        time_limit: float = DEFAULT_TIME_LIMIT,
        cache_size: int = RESULT_CACHE_SIZE,
    ):
        self.root = Path(root)
        self.store = store
        self.vocabulary = vocabulary
        self.links = links
        self.time_limit = time_limit
        self.results = ResultCache(cache_size)
        self._local = threading.local()
        self._topic_names: dict[str, dict[str, str]] = {}

    # ------------------------------------------------------------ opening indexes

    def _open(self, lang: str) -> _Opened:
        target = os.path.realpath(self.root / lang)
        per_process: tuple[int, dict[str, _Opened]] | None = getattr(self._local, "opened", None)
        if per_process is None or per_process[0] != os.getpid():
            per_process = self._local.opened = (os.getpid(), {})
        cached = per_process[1].get(lang)
        if cached and cached.target == target:
            return cached
        try:
            searcher = whoosh_index.open_dir(target, readonly=True).searcher(weighting=weighting())
        except (OSError, whoosh_index.EmptyIndexError) as exc:
            raise IndexUnavailable(lang) from exc
        except Exception as exc:  # a damaged table of contents fails in many ways
            logger.error("search index %s could not be opened (%s)", lang, type(exc).__name__)
            raise IndexUnavailable(lang) from exc
        analyzer = text_analyzer(lang)
        docs = {}
        for docnum, fields in searcher.iter_docs():
            kind, slug = fields["kind"], fields["slug"]
            page = self.store.page(lang, slug) if kind == PAGE else None
            docs[docnum] = DocInfo(
                kind=kind,
                slug=slug,
                section=fields.get("section", ""),
                title_stems=tuple(tokens(analyzer, fields.get("title", ""))),
                prior=_prior(kind, page),
            )
        if cached:
            cached.searcher.close()
        opened = per_process[1][lang] = _Opened(target, searcher, docs)
        return opened

    # ------------------------------------------------------------ searching

    def _ranked(
        self, opened: _Opened, query: Query, meanings: list[tuple[str, ...]]
    ) -> tuple[list[int], bool]:
        """Every matching document number, best first, within the time limit.

        Whoosh scores the whole union into one array when the matcher is made (the query has a
        bounded number of clauses, see query.py); the time limit bounds reading it out. Read
        directly rather than through a Whoosh collector, whose time limit starts a thread for
        every search.
        """
        searcher = opened.searcher
        deadline = time.monotonic() + self.time_limit
        matcher = query.matcher(searcher, searcher.context())
        wanted = set(meanings)
        docs = opened.docs
        scored = []
        timed_out = False
        read = 0
        while matcher.is_active():
            info = docs.get(matcher.id())
            if info is not None:
                score = matcher.score() * info.prior
                if info.title_stems in wanted:
                    score *= EXACT_TITLE
                scored.append((score, matcher.id()))
            matcher.next()
            read += 1
            if read % 64 == 0 and time.monotonic() > deadline:
                timed_out = True
                break
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [docnum for _score, docnum in scored], timed_out

    def _excerpts(self, searcher, docnums: list[int], stems: list[str]) -> dict[int, Markup]:
        """For each document, up to two bits of its body around the matched words, marked.

        The character offsets of each word are read from the index (stored at build time), so
        the text is not analysed again.
        """
        reader = searcher.reader()
        spans: dict[int, list[Token]] = {docnum: [] for docnum in docnums}
        for stem in stems:
            if ("body", stem) not in reader:
                continue
            matcher = reader.postings("body", stem)
            for docnum in sorted(docnums):
                if not matcher.is_active():
                    break
                matcher.skip_to(docnum)
                if matcher.is_active() and matcher.id() == docnum:
                    spans[docnum].extend(
                        Token(text=stem, pos=pos, startchar=start, endchar=end)
                        for pos, start, end in matcher.value_as("characters")
                    )
        excerpts = {}
        for docnum, marks in spans.items():
            if not marks:
                excerpts[docnum] = Markup("")
                continue
            marks.sort(key=lambda t: t.startchar)
            text = searcher.stored_fields(docnum)["body"]
            fragments = top_fragments(
                FRAGMENTER.fragment_matches(text, marks),
                EXCERPT_FRAGMENTS,
                BasicFragmentScorer(),
                SCORE,
            )
            excerpts[docnum] = FORMATTER.format(sorted(fragments, key=lambda f: f.startchar))
        return excerpts

    def prepare(self, lang: str, text: str) -> PreparedQuery:
        reader = self._open(lang).searcher.reader()
        names = self._topic_names.get(lang)
        if names is None:
            names = topic_names(lang)
            if has_app_context():  # translated once: catalogues do not change while serving
                self._topic_names[lang] = names
        return prepare(text, lang, self.vocabulary, reader, names)

    def search(self, lang: str, text: str, **options) -> SearchResults:
        """Pages and services for cleaned `text` (see query.clean_query), best first; options as
        for `_search`. Raises IndexUnavailable when the index is missing or cannot be read."""
        key = (
            os.path.realpath(self.root / lang),
            lang,
            " ".join(text.casefold().split()),
            tuple(sorted(options.items())),
        )
        if (found := self.results.get(key)) is not None:
            return dataclasses.replace(found, text=text)
        try:
            results = self._search(lang, text, **options)
            if not results.timed_out:  # a partial answer is not kept
                self.results.put(key, results)
            return results
        except IndexUnavailable:
            raise
        except Exception as exc:
            # A damaged index must not break the page: the reader is told search is not
            # available. Only the error's type is logged: its message could hold search words.
            logger.error("search index %s could not be read (%s)", lang, type(exc).__name__)
            per_process = getattr(self._local, "opened", None)
            if per_process is not None:
                per_process[1].pop(lang, None)  # open it afresh next time
            raise IndexUnavailable(lang) from exc

    def _search(
        self,
        lang: str,
        text: str,
        section: str | None = None,
        audience: str | None = None,
        number: int = 1,
        per_page: int = PER_PAGE,
        service_limit: int = SERVICE_LIMIT,
    ) -> SearchResults:
        """`number` picks the page of results, `per_page` pages to a page; a number past the
        last page gives the last. Excerpts are cut only for the pages shown."""
        opened = self._open(lang)
        searcher = opened.searcher
        prepared = self.prepare(lang, text)
        if prepared.query is None:
            return SearchResults(text, (), (), 0, (), False, False)
        ranked, timed_out = self._ranked(opened, prepared.query, prepared.meanings)
        store = self.store
        page_hits: list[tuple[int, Page]] = []
        service_keys: list[str] = []
        for docnum in ranked:
            info = opened.docs.get(docnum)
            if info is None:
                continue
            if info.kind == PAGE:
                page = store.page(lang, info.slug)
                if page is None or (section and page.section != section):
                    continue
                if audience and audience not in page.audiences:
                    continue
                page_hits.append((docnum, page))
            elif info.kind == SERVICE and not section and len(service_keys) < service_limit:
                service = store.services.get(info.slug)
                if service is None or (audience and audience not in service.audiences):
                    continue
                service_keys.append(info.slug)
        count = page_count(len(page_hits), per_page)
        number = min(max(number, 1), count)
        first = (number - 1) * per_page
        shown = page_hits[first : first + per_page]
        excerpts = self._excerpts(searcher, [d for d, _ in shown], prepared.highlight_stems)
        pages = tuple(
            PageResult(
                slug=page.slug,
                section=page.section,
                title=page.title,
                summary=page.summary,
                url=self.links.page(page),
                excerpt=excerpts[docnum],
                is_fallback=page.is_fallback,
            )
            for docnum, page in shown
        )
        return SearchResults(
            text=text,
            pages=pages,
            services=tuple(service_keys),
            total_pages=len(page_hits),
            topics=prepared.topics,
            corrected=prepared.corrected,
            timed_out=timed_out,
            number=number,
            count=count,
            start=first + 1,
        )
