"""Service pages: what, who for, how to contact (tel:/sms:), hours per channel, source, date."""

from __future__ import annotations

import re

import pytest

from app import create_app
from tests.conftest import TEL, normalize_spaces

KEYS = sorted(create_app({"TESTING": True}).extensions["content"].services)


@pytest.mark.parametrize("key", KEYS)
def test_every_service_has_a_page(get_page, store, key):
    service = store.services[key]
    soup = get_page(f"/en/services/{key}")
    assert normalize_spaces(soup.h1.get_text()) == service.name
    assert soup.select_one(".lead").get_text() == service.description
    for link in soup.select('a[href^="tel:"]'):
        assert TEL.match(link["href"]), link["href"]
    meta = normalize_spaces(soup.select_one(".page-meta").get_text())
    assert "Last checked:" in meta
    assert soup.select_one(f'.page-meta a[href="{service.source_url}"]') is not None


def test_service_page_shows_each_channel_with_its_own_hours(get_page, at):
    at(2026, 6, 3, 12, 0)  # Wednesday noon: phone 24h; chat opens at 15:00
    soup = get_page("/en/services/national_domestic_abuse_helpline")
    channels = {
        normalize_spaces(li.select_one(".channel__type").get_text()).split(":")[0]: li
        for li in soup.select(".channel")
    }
    phone = channels["Phone"]
    assert phone.select_one('a[href="tel:+448082000247"]').get_text() == "Call 0808 2000 247"
    assert normalize_spaces(phone.select_one(".open-status").get_text()) == "Open now, 24 hours"
    chat = channels["Web chat"]
    assert normalize_spaces(chat.select_one(".open-status").get_text()) == (
        "Closed now. Opens today at 15:00"
    )
    assert "Mon–Fri 15:00–22:00" in chat.select_one(".channel__hours").get_text()


def test_text_services_get_sms_links(get_page, store):
    key = next(k for k, s in store.services.items() if s.first_channel("text"))
    soup = get_page(f"/en/services/{key}")
    link = soup.select_one('a[href^="sms:"]')
    assert link is not None and link.get_text().startswith("Text ")


def test_service_page_says_who_it_is_for_areas_referral_and_cost(get_page):
    soup = get_page("/en/services/national_stalking_helpline")
    rows = {
        normalize_spaces(r.dt.get_text()): normalize_spaces(r.dd.get_text())
        for r in soup.select(".summary-list__row")
    }
    assert rows["Area"].startswith("National service")
    assert "Stalking" in rows["Help with"]
    assert rows["How to get support"].startswith("You can contact them yourself")
    assert set(rows) >= {"Who it is for", "Languages", "Cost"}
    topic_link = soup.select_one('.summary-list a[href="/en/services?topic=stalking"]')
    assert topic_link is not None


def test_refuge_page_gives_the_area_served_never_an_address(get_page, store):
    soup = get_page("/en/services/refuge")
    text = normalize_spaces(soup.select_one("main").get_text())
    assert "National service" in text
    # A UK postcode anywhere on the page would be an address.
    assert not re.search(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", text)


@pytest.mark.parametrize("key", ["no_such_service", "open-now-x", "%00", "a" * 500])
def test_unknown_services_are_404(get_page, key):
    get_page(f"/en/services/{key}", status=404)
