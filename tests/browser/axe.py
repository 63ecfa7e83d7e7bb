"""axe-core (WCAG 2.2 A and AA rules) run in a Playwright tab, for every browser test."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def violations_here(tab) -> list[str]:
    """The WCAG violations on the page the tab shows now, each as one readable line."""
    results = AXE.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def violations(tab, url: str) -> list[str]:
    """Open `url` in the tab and return its WCAG violations."""
    tab.goto(url)
    return violations_here(tab)
