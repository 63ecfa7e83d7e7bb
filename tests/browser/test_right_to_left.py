"""Right-to-left languages in a real browser: Central Kurdish (Sorani) and Urdu pages are laid out
mirrored, keep the quick exit where readers start, keep phone numbers reading left to right, and
Sorani letters are drawn with real glyphs from the system fonts (Debian's fonts-noto-core), not
empty boxes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Draws each text on a canvas in the page's heading font and compares the pixels with the box a
# browser draws for a character no font has (U+0378, unassigned).
DRAW_GLYPHS = """
(pairs) => {
  const font = getComputedStyle(document.querySelector('h1')).font;
  const draw = (text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 128; canvas.height = 96;
    const ctx = canvas.getContext('2d');
    ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'middle';
    ctx.fillText(text, 24, 48);
    const data = ctx.getImageData(0, 0, 128, 96).data;
    const alpha = [];
    for (let i = 3; i < data.length; i += 4) alpha.push(data[i]);
    return alpha.join(',');
  };
  const inked = (image) => image.split(',').some((value) => value !== '0');
  const tofu = draw('\\u0378');
  return {
    tofuIsDrawn: inked(tofu),
    results: pairs.map(([letter, word, plainWord]) => {
      const image = draw(letter);
      return {
        letter,
        inked: inked(image),
        tofu: image === tofu,
        differsFromPlainLetters: draw(word) !== draw(plainWord),
      };
    }),
  };
}
"""

# Each Sorani letter, a word with it, and the same word with the letter people type instead on
# an Arabic keyboard: a real glyph draws the word differently (its mark, or ە not joining on).
SORANI_LETTERS = [
    ("ێ", "پێم", "پیم"),
    ("ۆ", "تۆ", "تو"),
    ("ڕ", "ڕا", "را"),
    ("ڵ", "ماڵ", "مال"),
    ("ە", "بەب", "بهب"),
]


def test_sorani_letters_are_drawn_with_real_glyphs(tab, live_server):
    tab.goto(live_server + "/ckb/")
    drawn = tab.evaluate(DRAW_GLYPHS, [list(letters) for letters in SORANI_LETTERS])
    assert drawn["tofuIsDrawn"], (
        "the missing-glyph box is visible, so the comparison means something"
    )
    for result in drawn["results"]:
        assert result["inked"] and not result["tofu"], f"{result['letter']} is an empty box"
        assert result["differsFromPlainLetters"], f"{result['letter']} drawn as its base letter"


@pytest.mark.parametrize("lang", ["ckb", "ur"])
def test_right_to_left_pages_are_mirrored(tab, live_server, lang):
    tab.set_viewport_size({"width": 1000, "height": 800})
    tab.goto(f"{live_server}/{lang}/")
    assert tab.get_attribute("html", "dir") == "rtl"
    assert tab.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The site name starts the header on the right; the heading and the lists start on the right.
    name = tab.locator(".site-name").bounding_box()
    assert name["x"] > 500
    heading = tab.locator("main h1").bounding_box()
    main = tab.locator("main").bounding_box()
    assert abs((heading["x"] + heading["width"]) - (main["x"] + main["width"])) < 2
    item = tab.locator("main li").first.bounding_box()
    gap_on_the_right = main["x"] + main["width"] - (item["x"] + item["width"])
    assert gap_on_the_right < item["x"] - main["x"], "list items hang from the right"


@pytest.mark.parametrize("lang", ["en", "ur", "ckb"])
def test_the_quick_exit_is_top_right_in_every_direction(tab, live_server, lang):
    """Top right: where right-to-left readers start, and where GOV.UK and the English pages put
    it, so it is in the same place whichever language the site is read in."""
    tab.set_viewport_size({"width": 1000, "height": 800})
    tab.goto(f"{live_server}/{lang}/")
    box = tab.locator(".exit-this-page__button").bounding_box()
    assert box["x"] + box["width"] > 950 and box["y"] < 60


def test_shift_three_times_leaves_a_sorani_page(tab, live_server, neutral_site):
    tab.goto(live_server + "/ckb/")
    assert tab.get_by_role("link", name="لەم پەڕەیە دەرچۆ").is_visible()
    for _ in range(3):
        tab.keyboard.press("Shift")
    tab.wait_for_url(neutral_site)


NUMBER_READS_LEFT_TO_RIGHT = """
(link) => {
  const text = link.firstChild;
  const range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  return first < range.getBoundingClientRect().left;
}
"""


def test_phone_numbers_read_left_to_right_in_sorani_text(tab, live_server):
    tab.goto(live_server + "/ckb/")
    numbers = tab.locator("main a.contact-number")
    spaced = [numbers.nth(i) for i in range(numbers.count()) if " " in numbers.nth(i).inner_text()]
    assert len(spaced) >= 3
    for link in spaced:
        assert link.evaluate(NUMBER_READS_LEFT_TO_RIGHT), link.inner_text()
