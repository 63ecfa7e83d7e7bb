"""Reader-facing words for data values: area, audience, topic and channel names; opening hours.

All names are translatable; templates get these as globals.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.content.models import WEEKDAYS, Channel

AREA_NAMES = {
    "national": _l("National"),
    "derby": _l("Derby City"),
    "amber-valley": _l("Amber Valley"),
    "bolsover": _l("Bolsover"),
    "chesterfield": _l("Chesterfield"),
    "derbyshire-dales": _l("Derbyshire Dales"),
    "erewash": _l("Erewash"),
    "high-peak": _l("High Peak"),
    "north-east-derbyshire": _l("North East Derbyshire"),
    "south-derbyshire": _l("South Derbyshire"),
}

AUDIENCE_NAMES = {
    "women": _l("Women and girls"),
    "men": _l("Men and boys"),
    "young-people": _l("Children and young people"),
    "parents": _l("Parents and carers"),
    "friends-family": _l("Friends and family"),
    "lgbt": _l("LGBT+ people"),
    "disabled-deaf": _l("Disabled and Deaf people"),
    "older-people": _l("Older people"),
    "professionals": _l("Professionals"),
    "perpetrators": _l("People worried about their own behaviour"),
    "anyone": _l("Anyone"),
}

TOPIC_NAMES = {
    "domestic-abuse": _l("Domestic abuse"),
    "coercive-control": _l("Coercive control"),
    "economic-abuse": _l("Economic abuse"),
    "rape": _l("Rape"),
    "sexual-violence": _l("Sexual assault and sexual violence"),
    "stalking": _l("Stalking"),
    "harassment": _l("Harassment"),
    "spiking": _l("Spiking"),
    "online-abuse": _l("Online abuse"),
    "intimate-image-abuse": _l("Intimate image abuse"),
    "honour-based-abuse": _l("Honour-based abuse"),
    "forced-marriage": _l("Forced marriage"),
    "fgm": _l("Female genital mutilation (FGM)"),
    "hate-incidents": _l("Gender-based hate"),
    "child-abuse": _l("Child sexual abuse and exploitation"),
}

CHANNEL_NAMES = {
    "phone": _l("Phone"),
    "text": _l("Text"),
    "chat": _l("Web chat"),
    "email": _l("Email"),
    "web": _l("Online"),
    "bsl": _l("British Sign Language"),
    "textphone": _l("Textphone or Relay UK"),
    "drop-in": _l("Drop-in"),
}


# Why a result is where it is (app/directory/ranking.py Reason), in a few words each.
OPEN_REASONS = {
    "phone": _l("Open now by phone"),
    "text": _l("Open now by text"),
    "chat": _l("Open now by web chat"),
    "bsl": _l("Open now by BSL video"),
    "textphone": _l("Open now by textphone"),
    "drop-in": _l("Open now to drop in"),
}
FOR_REASONS = {
    "women": _l("for women"),
    "men": _l("for men"),
    "young-people": _l("for young people"),
    "older-people": _l("for older people"),
    "lgbt": _l("for LGBT+ people"),
    "deaf": _l("for Deaf people"),
    "disabled-deaf": _l("for disabled and Deaf people"),
    "perpetrators": _l("for people worried about their own behaviour"),
    "professionals": _l("for professionals"),
    "friends-family": _l("for friends and family"),
    "parents": _l("for parents and carers"),
}
SPECIALIST_REASONS = {
    "domestic-abuse": _l("domestic abuse specialist"),
    "coercive-control": _l("coercive control specialist"),
    "economic-abuse": _l("economic abuse specialist"),
    "rape": _l("rape and sexual assault specialist"),
    "sexual-violence": _l("sexual violence specialist"),
    "stalking": _l("stalking specialist"),
    "harassment": _l("harassment specialist"),
    "spiking": _l("spiking specialist"),
    "online-abuse": _l("online abuse specialist"),
    "intimate-image-abuse": _l("intimate image abuse specialist"),
    "honour-based-abuse": _l("honour-based abuse specialist"),
    "forced-marriage": _l("forced marriage specialist"),
    "fgm": _l("FGM specialist"),
    "hate-incidents": _l("hate crime specialist"),
    "child-abuse": _l("child sexual abuse specialist"),
}


def reason_text(reason) -> str:
    """One reason (a ranking.Reason) in words."""
    if reason.kind == "open":
        return str(OPEN_REASONS.get(reason.value, ""))
    if reason.kind == "for":
        return str(FOR_REASONS.get(reason.value, ""))
    if reason.kind == "specialist":
        return str(SPECIALIST_REASONS.get(reason.value, ""))
    if reason.kind == "ages-min":
        return str(_l("for ages %(age)s and over", age=reason.value))
    if reason.kind == "ages-max":
        return str(_l("for ages %(age)s and under", age=reason.value))
    if reason.kind == "local":
        return str(_l("in your area"))
    return ""


def reasons_text(reasons) -> str:
    """ "Open now by phone · for women · stalking specialist" """
    text = " · ".join(t for t in (reason_text(r) for r in reasons) if t)
    return text[:1].upper() + text[1:]


def channel_type_name(channel_type: str) -> str:
    return str(CHANNEL_NAMES.get(channel_type, channel_type))


def channel_link_text(channel: Channel) -> str:
    if channel.type == "email":
        return channel.value
    if channel.type == "chat":
        return str(_l("Start a web chat"))
    if channel.type == "bsl":
        return str(_l("How to use the BSL service"))
    return str(_l("Go to the website"))


def area_names(areas) -> str:
    return ", ".join(str(AREA_NAMES.get(a, a)) for a in areas)


def _day_name(day: str) -> str:
    return get_locale().days["format"]["abbreviated"][WEEKDAYS.index(day)]


def _day_range(days: tuple[str, ...]) -> str:
    """ "Mon–Fri" for a run of consecutive days, else "Mon, Wed"."""
    indexes = [WEEKDAYS.index(d) for d in days]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{_day_name(days[0])}–{_day_name(days[-1])}"
    return ", ".join(_day_name(d) for d in days)


def describe_hours(channel: Channel) -> str:
    if channel.hours == "always":
        return str(_l("24 hours a day, every day"))
    if not channel.hours:
        if channel.type in ("web", "email"):
            return ""
        return str(_l("Opening hours not published: check their website"))
    spans = [
        f"{_day_range(span.days)} {span.opens:%H:%M}–{span.closes:%H:%M}" for span in channel.hours
    ]
    text = "; ".join(spans)
    if channel.bank_holidays == "closed":
        text += " " + str(_l("(closed on bank holidays)"))
    return text


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        channel_type_name=channel_type_name,
        channel_link_text=channel_link_text,
        reasons_text=reasons_text,
        describe_hours=lambda c: Markup.escape(describe_hours(c)),
        area_names=area_names,
        AREA_NAMES=AREA_NAMES,
        AUDIENCE_NAMES=AUDIENCE_NAMES,
        TOPIC_NAMES=TOPIC_NAMES,
    )
