"""Markdown → HTML for content pages.

markdown-it-py's `js-default` preset (raw HTML escaped, unsafe link schemes refused), plus:
- ids on h2/h3 headings for deep links;
- `::: timeline`, `::: steps`, `::: check`, `::: warning` blocks;
- link rewriting: `page:slug#anchor`, `service:key` and site paths get the language prefix;
- shortcodes `{{phone:KEY}}`, `{{phone:KEY.CHANNEL}}`, `{{text:KEY}}`, `{{service:KEY}}` that render
  contact details from the services data, so numbers are never typed into prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import phonenumbers
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

from app.content.models import Heading, Service

BLOCKS = ("timeline", "steps", "check", "warning")
# Short numbers people dial, which phonenumbers' matcher does not look for in running text.
_SHORT_NUMBERS = r"999|112|101|111|116 ?\d{3}|85258|1800[0-2]"
# A short number used as a name, not a number to dial: the "999 BSL" service, "call recording".
_NOT_DIALLED = r"(?![\d/]| BSL| call recording| recording)"
TYPED_SHORT_NUMBER = re.compile(rf"(?<![\d/.,:-])({_SHORT_NUMBERS}){_NOT_DIALLED}")
SHORTCODE = re.compile(r"\{\{\s*(phone|text|service):([a-z0-9_]+)(?:\.([a-z0-9_]+))?\s*\}\}")
# Where a shortcode stood, in the text the number checks read.
_SHORTCODE_MARK = "\x00"
# A short number or the keys pressed after one (the Silent Solution's 55) typed in the same
# sentence as a shortcode, a few words away: it repeats or bypasses what the shortcode shows, as
# in "{{phone:silent_solution}} (press 55 when asked)". Sentences end at . ! ? and the Urdu,
# Arabic-script and Gurmukhi full stops and question marks.
_NEAR = r"[^\x00.!?\u06d4\u061f\u0964\u0965]{0,30}?"
_SHORT_OR_KEYS = rf"(?<![\d/.,:-])({_SHORT_NUMBERS}|55){_NOT_DIALLED}"
NUMBER_NEXT_TO_SHORTCODE = re.compile(rf"\x00{_NEAR}{_SHORT_OR_KEYS}|{_SHORT_OR_KEYS}{_NEAR}\x00")
# Every script's decimal digits as ASCII, so "٩٩٩" or "੫੫" is checked like "999" or "55".
_ASCII_DIGITS = {
    code: str(unicodedata.digit(chr(code)))
    for code in range(0x80, 0x10000)
    if unicodedata.category(chr(code)) == "Nd"
}


@dataclass
class Rendered:
    html: str
    text: str
    headings: tuple[Heading, ...]
    links: tuple[str, ...]  # internal targets: "page:slug#anchor", "service:key", "path:/services"
    problems: list[str] = field(default_factory=list)


def _heading_slug(title: str) -> str:
    """An id from heading text; letters, marks and digits of any script are kept."""
    kept = "".join(ch for ch in title.lower() if ch in "- " or unicodedata.category(ch)[0] in "LMN")
    return re.sub(r"[\s_]+", "-", kept.strip()).strip("-") or "section"


def _render_block(self, tokens, idx, options, env, name: str) -> str:
    token = tokens[idx]
    if token.nesting == 1:
        label = env.get("block_labels", {}).get(name)
        if label:
            title = f'<p class="callout-title">{escape(label)}</p>'
            return f'<div class="callout callout-{name}">\n{title}\n'
        return f'<div class="{name}">\n'
    return "</div>\n"


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("js-default")
    anchors_plugin(md, min_level=2, max_level=3, slug_func=_heading_slug)
    for name in BLOCKS:
        container_plugin(
            md,
            name,
            render=lambda self, tokens, idx, options, env, _name=name: _render_block(
                self, tokens, idx, options, env, _name
            ),
        )
    return md


def _render_link_open(self, tokens, idx, options, env) -> str:
    """Links are rendered with the href worked out for this language (tokens stay unchanged,
    so one parse serves every language)."""
    token = tokens[idx]
    original = token.attrGet("href")
    token.attrSet("href", env.get("hrefs", {}).get(id(token), original))
    try:
        return self.renderToken(tokens, idx, options, env)
    finally:
        token.attrSet("href", original)


def _render_heading_open(self, tokens, idx, options, env) -> str:
    """A translated page's headings take the English page's ids (by position), so
    `page:slug#anchor` links reach the same section in every language."""
    token = tokens[idx]
    original = token.attrGet("id")
    wanted = env.get("heading_ids", {}).get(id(token))
    if wanted is None:
        return self.renderToken(tokens, idx, options, env)
    token.attrSet("id", wanted)
    try:
        return self.renderToken(tokens, idx, options, env)
    finally:
        token.attrSet("id", original)


_PARSER = _make_parser()
_PARSER.add_render_rule("link_open", _render_link_open)
_PARSER.add_render_rule("heading_open", _render_heading_open)


@dataclass(frozen=True)
class Parsed:
    tokens: list[Token]
    headings: tuple[Heading, ...]
    text: str
    typed_numbers: tuple[str, ...]


@lru_cache(maxsize=1024)
def _parse(source: str) -> Parsed:
    """Parse once per source text: an untranslated page is shown in every language."""
    tokens = _PARSER.parse(source, {})
    headings = tuple(
        Heading(int(token.tag[1]), str(token.attrGet("id") or ""), tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    )
    text = " ".join(t.content for t in _walk(tokens) if t.type in ("text", "code_inline"))
    return Parsed(tokens, headings, text, tuple(typed_numbers(tokens)))


def parse_tokens(source: str) -> list[Token]:
    """The Markdown tokens of a page body (parsed once per source text)."""
    return _parse(source).tokens


def parse_headings(source: str) -> tuple[Heading, ...]:
    """The headings of a page body, in order, with the ids written from their own text."""
    return _parse(source).headings


def top_level_blocks(source: str) -> list[str]:
    """The kinds of a body's outermost blocks, in order ("paragraph", "heading", "bullet_list",
    "container_check"…): a summary written as one paragraph is ["paragraph"]."""
    return [
        token.type.removesuffix("_open")
        for token in _parse(source).tokens
        if token.level == 0 and token.nesting in (0, 1)
    ]


def typed_numbers(tokens: list[Token]) -> list[str]:
    """Phone-like numbers written as text (not through a shortcode): they would escape checks.

    Read paragraph by paragraph (each inline run of text), in any script's digits."""
    found: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        words = " ".join(t.content for t in _walk(token.children or []) if t.type == "text")
        text = SHORTCODE.sub(f" {_SHORTCODE_MARK} ", words.translate(_ASCII_DIGITS))
        found += [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "GB")]
        typed = {m.start(1): m.group(1) for m in TYPED_SHORT_NUMBER.finditer(text)}
        for match in NUMBER_NEXT_TO_SHORTCODE.finditer(text):
            group = 1 if match.group(1) else 2
            typed.setdefault(match.start(group), match.group(group))
        found += [typed[start] for start in sorted(typed)]
    return found


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


class Renderer:
    """Renders one language's pages. `page_url(slug)` gives a page's path or None if unknown,
    `service_url(key)` a service's path (both built from the routes, app/urls.py)."""

    def __init__(
        self,
        lang: str,
        page_url: Callable[[str], str | None],
        service_url: Callable[[str], str],
        services: Mapping[str, Service],
        labels: Mapping[str, str],
    ):
        self.lang = lang
        self.page_url = page_url
        self.service_url = service_url
        self.services = services
        self.labels = labels  # translated words: block titles, "then press %(keys)s"

    def render(self, source: str, heading_ids: tuple[str, ...] | None = None) -> Rendered:
        """Render a body. `heading_ids`, one per heading in order, replace the ids the headings
        would get from their own text (a translation takes the English page's ids)."""
        parsed = _parse(source)
        links: list[str] = []
        problems: list[str] = []
        hrefs: dict[int, str] = {}
        for token in _walk(parsed.tokens):
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                hrefs[id(token)] = self._rewrite_link(href, links, problems)
        headings = parsed.headings
        ids: dict[int, str] = {}
        if heading_ids is not None:
            opens = [token for token in parsed.tokens if token.type == "heading_open"]
            if len(opens) != len(heading_ids):
                raise ValueError("one id per heading")
            # Headings without an id (h1, h4 and deeper) keep none.
            ids = {id(t): new for t, new in zip(opens, heading_ids, strict=True) if t.attrGet("id")}
            headings = tuple(
                replace(h, id=new) if h.id else h
                for h, new in zip(headings, heading_ids, strict=True)
            )
        env = {
            "block_labels": {"check": self.labels["check"], "warning": self.labels["warning"]},
            "hrefs": hrefs,
            "heading_ids": ids,
        }
        html = _PARSER.renderer.render(parsed.tokens, _PARSER.options, env)
        html = SHORTCODE.sub(lambda m: self._shortcode(m, problems), html)
        problems.extend(
            f"number typed into prose: {n!r}; use a shortcode" for n in parsed.typed_numbers
        )
        return Rendered(html, self._plain_text(parsed.text), headings, tuple(links), problems)

    def _rewrite_link(self, href: str, links: list[str], problems: list[str]) -> str:
        if href.startswith("page:"):
            target = href[len("page:") :]
            slug, _, anchor = target.partition("#")
            links.append(f"page:{target}")
            url = self.page_url(slug)
            if url is None:
                problems.append(f"link to unknown page {slug!r}")
                return "#"
            return url + (f"#{anchor}" if anchor else "")
        if href.startswith("service:"):
            key = href[len("service:") :]
            links.append(f"service:{key}")
            if key not in self.services:
                problems.append(f"link to unknown service {key!r}")
            return self.service_url(key)
        if href.startswith("/") and not href.startswith("//"):
            links.append(f"path:{href}")
            return f"/{self.lang}{href}"
        return href

    def _shortcode(self, match: re.Match, problems: list[str]) -> str:
        kind, key, channel_id = match.groups()
        service = self.services.get(key)
        if service is None:
            problems.append(f"shortcode {match.group(0)} names an unknown service")
            return escape(match.group(0))
        if kind == "service":
            return str(
                Markup('<a href="{}">{}</a>').format(self.service_url(key), service.display_name)
            )
        wanted = ("phone", "textphone") if kind == "phone" else ("text",)
        channel = service.channel(channel_id) if channel_id else service.first_channel(*wanted)
        if channel is None or channel.type not in wanted or not channel.href:
            problems.append(f"shortcode {match.group(0)}: no such {kind} channel")
            return escape(match.group(0))
        link = Markup('<a class="contact-number" href="{}">{}</a>').format(
            channel.href, channel.display
        )
        if channel.then_press:
            keys = Markup("<strong>{}</strong>").format(channel.then_press)
            # escape() gives Markup, whose % escapes anything that is not Markup already.
            link += Markup(" ") + escape(self.labels["then_press"]) % {"keys": keys}
        if channel.confidence == "low":
            problems.append(f"shortcode {match.group(0)} shows a low-confidence number")
        return str(link)

    def _plain_text(self, text: str) -> str:
        def name_for(m: re.Match) -> str:
            service = self.services.get(m.group(2))
            return service.display_name if service else ""

        return SHORTCODE.sub(name_for, text)
