"""axe-core (WCAG 2.2 A and AA rules) run in a Playwright tab, for every browser test.

Made faster without dropping a rule or a tag: axe builds full results for violations only
(`resultTypes`: passes and incomplete results are counted, not detailed; violations are found
and reported exactly the same), and the tab sends back only what a failure message shows rather
than every result. A tab that checks many pages loads axe with each page (`with_axe`) rather
than have its 570 KB sent again for each."""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# axe-core as axe-playwright-python ships it (the pinned package pins axe's version).
AXE_SOURCE = Axe().axe_script

RUN = """options => axe.run(document, options).then(results => ({
  lang: document.documentElement.lang,
  violations: results.violations.map(v => ({
    id: v.id, help: v.help, count: v.nodes.length, target: v.nodes[0].target,
  })),
}))"""


@dataclass(frozen=True)
class Audit:
    lang: str  # the page's <html lang>
    violations: list[str]  # each WCAG violation as one readable line


def with_axe(context) -> None:
    """Load axe into every page the browser context opens from now on."""
    context.add_init_script(AXE_SOURCE)


def audit_here(tab) -> Audit:
    """axe's audit of the page the tab shows now, which has axe loaded already."""
    audit = tab.evaluate(RUN, OPTIONS)
    return Audit(
        lang=audit["lang"],
        violations=[
            f"{v['id']}: {v['help']} ({v['count']}x, e.g. {v['target']})"
            for v in audit["violations"]
        ],
    )


def violations_here(tab) -> list[str]:
    """The WCAG violations on the page the tab shows now, each as one readable line."""
    tab.evaluate(AXE_SOURCE)
    return audit_here(tab).violations


def violations(tab, url: str) -> list[str]:
    """Open `url` in the tab and return its WCAG violations."""
    tab.goto(url)
    return violations_here(tab)
