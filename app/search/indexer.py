"""Builds the search indexes: one per language under `<index root>/<lang>`.

A build happens in a fresh folder under `<root>/.builds/`, and is swapped in by atomically
replacing the `<root>/<lang>` symbolic link, so a reader never sees a half-built index. The hash
of the indexed documents (plus the schema version and the analysis) is stored beside the index
in `content_hash`; `ensure_indexes` rebuilds only the languages whose hash differs. A file lock
makes concurrent builders (several gunicorn workers, a CLI run) take turns.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask_babel import force_locale
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from app.content.store import ContentStore
from app.display import AREA_NAMES, AUDIENCE_NAMES, TOPIC_NAMES
from app.search.analyzers import spec_for, text_analyzer, word_pairs
from app.search.schema import PAGE, SCHEMA_VERSION, SERVICE, build_schema

HASH_FILE = "content_hash"
BUILDS = ".builds"
LOCK_FILE = ".lock"
KEEP_OLD_BUILDS = 1  # the previous build stays for readers that still have it open


@dataclass(frozen=True)
class BuildReport:
    lang: str
    built: bool  # False: the index was already up to date
    documents: int
    seconds: float
    content_hash: str


def _names(mapping, values) -> list[str]:
    return [str(mapping[v]) for v in values if v in mapping]


def page_documents(store: ContentStore, lang: str) -> list[dict]:
    """What each page shows in `lang` (English text where it is not translated yet)."""
    docs = []
    with force_locale(lang):
        for page in store.all_pages(lang):
            docs.append(
                {
                    "ref": f"{PAGE}:{page.slug}",
                    "kind": PAGE,
                    "slug": page.slug,
                    "section": page.section,
                    "audiences": ",".join(page.audiences),
                    "topics": ",".join(page.topics),
                    "areas": "",
                    "title": page.title,
                    "keywords": " | ".join(page.keywords),
                    "about": " | ".join(
                        [page.summary, *(h.text for h in page.headings)]
                        + _names(TOPIC_NAMES, page.topics)
                        + _names(AUDIENCE_NAMES, page.audiences)
                    ),
                    "body": page.text,
                }
            )
    return docs


def service_documents(store: ContentStore, lang: str) -> list[dict]:
    """What each service shows in `lang`: its translated text where there is one, else English."""
    docs = []
    with force_locale(lang):
        for service in store.services.values():

            def text(name: str, _service=service) -> list[str]:
                wording = store.service_text(_service, lang, name)
                return [wording.text] if wording else []

            docs.append(
                {
                    "ref": f"{SERVICE}:{service.key}",
                    "kind": SERVICE,
                    "slug": service.key,
                    "section": "",
                    "audiences": ",".join(service.audiences),
                    "topics": ",".join(service.topics),
                    "areas": ",".join(service.areas),
                    "title": service.name,
                    "keywords": " | ".join(
                        filter(None, (service.organisation, store.name_gloss(service, lang)))
                    ),
                    "about": " | ".join(
                        text("description")
                        + text("best_for")
                        + _names(TOPIC_NAMES, service.topics)
                        + _names(AUDIENCE_NAMES, service.audiences)
                        + _names(AREA_NAMES, service.areas)
                    ),
                    "body": " | ".join(text("languages_note")),
                }
            )
    return docs


def documents(store: ContentStore, lang: str) -> list[dict]:
    """Every document of one language's index. Needs an app context (for translated names)."""
    docs = page_documents(store, lang) + service_documents(store, lang)
    analyzer = text_analyzer(lang)
    for doc in docs:
        doc["plain"] = " | ".join(doc[f] for f in ("title", "keywords", "about", "body"))
        doc["title_pairs"] = ",".join(word_pairs(analyzer, doc["title"]))
        # No pair spans two keyword phrases (they are joined by " | " above).
        doc["keyword_pairs"] = ",".join(
            pair for phrase in doc["keywords"].split(" | ") for pair in word_pairs(analyzer, phrase)
        )
    return docs


def content_hash(docs: list[dict], lang: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{SCHEMA_VERSION}|{lang}|{spec_for(lang)!r}\n".encode())
    digest.update(json.dumps(docs, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def stored_hash(root: Path, lang: str) -> str | None:
    try:
        return (root / lang / HASH_FILE).read_text().strip()
    except OSError:
        return None


def is_current(root: Path, lang: str, expected: str, docs: list[dict] | None = None) -> bool:
    """The index was built from these documents and still reads back whole: its hash matches
    and (given `docs`) it opens and holds exactly their refs. A damaged index is not current, so
    it is rebuilt at start-up."""
    if stored_hash(root, lang) != expected:
        return False
    try:
        folder = str((root / lang).resolve())
        if not whoosh_index.exists_in(folder):
            return False
        if docs is None:
            return True
        with whoosh_index.open_dir(folder, readonly=True).searcher() as searcher:
            refs = sorted(fields["ref"] for fields in searcher.all_stored_fields())
    except Exception:  # any failure to read the index back means: rebuild it
        return False
    return refs == sorted(doc["ref"] for doc in docs)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """An exclusive lock across processes, held while checking and building."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(folder: Path, lang: str, docs: list[dict], digest: str) -> None:
    ix = whoosh_index.create_in(str(folder), build_schema(lang))
    # Postings uncompressed: the indexes are small, and searches skip a decompression per block.
    writer = ix.writer(limitmb=128, codec=W3Codec(compression=0))
    try:
        for doc in docs:
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=True)
    ix.close()
    (folder / HASH_FILE).write_text(digest + "\n")


def _swap_in(root: Path, lang: str, folder: Path) -> None:
    """Point `<root>/<lang>` at the new build in one atomic rename, then prune old builds."""
    link = root / lang
    if link.exists() and not link.is_symlink():
        # An index left by an older layout: move it aside so the link can take its name.
        link.rename(root / BUILDS / f"{lang}-legacy-{uuid.uuid4().hex[:8]}")
    temporary = root / f".{lang}-{uuid.uuid4().hex[:8]}.link"
    os.symlink(Path(BUILDS) / folder.name, temporary)
    os.replace(temporary, link)
    builds = sorted(
        (p for p in (root / BUILDS).glob(f"{lang}-*") if p != folder),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in builds[KEEP_OLD_BUILDS:]:
        shutil.rmtree(old, ignore_errors=True)


def build_language(root: Path, lang: str, docs: list[dict], digest: str) -> None:
    """Build one language's index in a new folder and swap it in. The caller holds the lock."""
    builds = root / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    folder = builds / f"{lang}-{digest[:12]}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    try:
        _write(folder, lang, docs, digest)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _swap_in(root, lang, folder)


def ensure_indexes(
    store: ContentStore, root: Path, languages, force: bool = False
) -> list[BuildReport]:
    """Build every language's index that is missing or out of date (all of them if `force`)."""
    reports = []
    with build_lock(root):
        for lang in languages:
            started = time.perf_counter()
            docs = documents(store, lang)
            digest = content_hash(docs, lang)
            built = force or not is_current(root, lang, digest, docs)
            if built:
                build_language(root, lang, docs, digest)
            reports.append(
                BuildReport(lang, built, len(docs), time.perf_counter() - started, digest)
            )
    return reports
