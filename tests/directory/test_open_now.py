"""'Who can I contact right now?': channels open at this moment, grouped by how you contact
them, 24-hour lines last in each group; and open-now lists on crime-type and audience pages."""

from __future__ import annotations

from tests.conftest import normalize_spaces


def group(soup, kind):
    return soup.select_one(f"section[aria-labelledby=open-{kind}]")


def names(ul):
    return [normalize_spaces(a.get_text()) for a in ul.select(".open-channel__service")]


def test_groups_by_channel_with_24_hour_lines_at_the_end(get_page, store, at):
    at(2026, 6, 3, 16, 0)  # Wednesday afternoon
    soup = get_page("/en/services/open-now")
    assert soup.h1.get_text() == "Who can I contact right now?"
    headings = [normalize_spaces(h.get_text()) for h in soup.select("section.open-group > h2")]
    assert headings[:4] == ["Phone", "Text", "Web chat", "British Sign Language"]
    chat = group(soup, "chat")
    limited, always = chat.select("ul.open-list")
    assert store.services["national_domestic_abuse_helpline"].name in names(limited)
    assert store.services["rape_crisis_247_support_line"].name in names(always)
    assert chat.select_one("h3").get_text() == "Open 24 hours"
    assert normalize_spaces(limited.select_one(".open-status").get_text()).startswith(
        "Open now until"
    )


def test_closed_channels_and_unpublished_hours_are_not_listed(get_page, store, at):
    at(2026, 6, 3, 23, 0)
    soup = get_page("/en/services/open-now")
    listed = [normalize_spaces(a.get_text()) for a in soup.select(".open-channel__service")]
    assert store.services["national_stalking_helpline"].name not in listed
    for service in store.services.values():
        if service.name in listed:
            assert any(c.hours.is_published for c in service.channels)
    bsl = group(soup, "bsl")
    assert store.services["national_domestic_abuse_helpline"].name not in names(bsl)


def test_open_now_can_be_narrowed_by_area_and_topic(get_page, store, at):
    at(2026, 6, 3, 16, 0)
    soup = get_page("/en/services/open-now?area=chesterfield&topic=rape")
    for link in soup.select(".open-channel__service"):
        service = store.services[link["href"].rsplit("/", 1)[-1]]
        assert "rape" in service.topics
        assert service.is_national or "chesterfield" in service.areas
    assert soup.select_one("select[name=area] option[selected]")["value"] == "chesterfield"


def test_open_now_notes_unknown_values(get_page):
    soup = get_page("/en/services/open-now?topic=nonsense")
    assert "nonsense" in soup.select_one(".notice--ignored").get_text()


def test_crime_type_page_adds_directory_services_after_its_own_list(get_page, store):
    soup = get_page("/en/abuse/stalking")
    page = store.page("en", "stalking")
    curated = [
        a["href"].rsplit("/", 1)[-1] for a in soup.select(".services-block .service-card__name a")
    ]
    assert curated == list(page.services)
    more = soup.select_one(".more-services")
    assert more.h2.get_text() == "More services for Stalking"
    extra = [a["href"].rsplit("/", 1)[-1] for a in more.select("li a")]
    assert extra and not set(extra) & set(curated)
    assert all("stalking" in store.services[k].topics for k in extra)
    assert more.select("a")[-1]["href"] == "/en/services?topic=stalking"


def test_audience_hub_lists_services_for_that_audience(get_page, store):
    soup = get_page("/en/help/worried-about-your-behaviour")
    more = soup.select_one(".more-services")
    assert more.select("a")[-1]["href"] == "/en/services?audience=perpetrators"
    for link in more.select("li a"):
        assert "perpetrators" in store.services[link["href"].rsplit("/", 1)[-1]].audiences
    # Every service for perpetrators is on that page's own list, so the loop above may find none:
    # the young people's hub has services beyond its own list, and each is for young people.
    more = get_page("/en/help/young-people").select_one(".more-services")
    assert more.select("a")[-1]["href"] == "/en/services?audience=young-people"
    extra = [link["href"].rsplit("/", 1)[-1] for link in more.select("li a")]
    assert extra
    assert all("young-people" in store.services[key].audiences for key in extra)


def test_open_now_is_ranked_and_leaves_out_999_and_routes_for_professionals(get_page, store, at):
    at(2026, 6, 3, 11, 0)  # Wednesday morning: the professionals' advice line is open
    soup = get_page("/en/services/open-now?topic=domestic-abuse&area=derby")
    listed = [a["href"].rsplit("/", 1)[-1] for a in soup.select(".open-channel__service")]
    assert "starting_point_professional_advice" not in listed
    assert not [k for k in listed if store.services[k].emergency_route]
    # Among the phone lines open 24 hours, the domestic abuse specialist comes first, before
    # lines for any crime such as 101.
    phone_24 = [
        a["href"].rsplit("/", 1)[-1]
        for a in group(soup, "phone").select("ul.open-list")[-1].select(".open-channel__service")
    ]
    assert phone_24[0] == "national_domestic_abuse_helpline"
    assert phone_24.index("derbyshire_police_101") > phone_24.index(
        "national_domestic_abuse_helpline"
    )


def test_crime_type_page_lists_more_services_in_the_rankings_order(get_page, store):
    soup = get_page("/en/abuse/domestic-abuse")
    extra = [a["href"].rsplit("/", 1)[-1] for a in soup.select(".more-services li a")]
    specialist = ["domestic-abuse" in store.services[k].specialisms for k in extra]
    assert specialist[0] and specialist == sorted(specialist, reverse=True)
    assert not [k for k in extra if store.services[k].only_for == ("professionals",)]
