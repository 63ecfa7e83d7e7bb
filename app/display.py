"""Reader-facing words for data values: area, audience, topic, channel and language names,
opening hours and whether a channel is open now, and why a result is where it is.

Every name is translatable; nothing here reads the request except the locale the words are in.
Templates reach these through app/templating.py.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l

from app.content.models import WEEKDAYS, Channel
from app.directory.hours import ChannelStatus, to_london
from app.i18n import translate


def N_(message: str) -> str:  # Babel's name for it
    """Marks a message for extraction; it is translated where it is used."""
    return message


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


# Why a result is where it is (app/directory/ranking.py Reason), in a few words each. Marked with
# N_ (Babel's keyword for "translate where used") and translated by `translate` when shown.
OPEN_REASONS = {
    "phone": N_("Open now by phone"),
    "text": N_("Open now by text"),
    "chat": N_("Open now by web chat"),
    "bsl": N_("Open now by BSL video"),
    "textphone": N_("Open now by textphone"),
    "drop-in": N_("Open now to drop in"),
}
FOR_REASONS = {
    "women": N_("for women"),
    "men": N_("for men"),
    "young-people": N_("for young people"),
    "older-people": N_("for older people"),
    "lgbt": N_("for LGBT+ people"),
    "deaf": N_("for Deaf people"),
    "disabled-deaf": N_("for disabled and Deaf people"),
    "perpetrators": N_("for people worried about their own behaviour"),
    "professionals": N_("for professionals"),
    "friends-family": N_("for friends and family"),
    "parents": N_("for parents and carers"),
}
SPECIALIST_REASONS = {
    "domestic-abuse": N_("domestic abuse specialist"),
    "coercive-control": N_("coercive control specialist"),
    "economic-abuse": N_("economic abuse specialist"),
    "rape": N_("rape and sexual assault specialist"),
    "sexual-violence": N_("sexual violence specialist"),
    "stalking": N_("stalking specialist"),
    "harassment": N_("harassment specialist"),
    "spiking": N_("spiking specialist"),
    "online-abuse": N_("online abuse specialist"),
    "intimate-image-abuse": N_("intimate image abuse specialist"),
    "honour-based-abuse": N_("honour-based abuse specialist"),
    "forced-marriage": N_("forced marriage specialist"),
    "fgm": N_("FGM specialist"),
    "hate-incidents": N_("hate crime specialist"),
    "child-abuse": N_("child sexual abuse specialist"),
}


def reason_text(reason) -> str:
    """One reason (a ranking.Reason) in words."""
    words = {"open": OPEN_REASONS, "for": FOR_REASONS, "specialist": SPECIALIST_REASONS}
    if reason.kind in words:
        message = words[reason.kind].get(reason.value)
        return translate(message) if message else ""
    if reason.kind == "ages-min":
        return translate(N_("for ages %(age)s and over"), age=reason.value)
    if reason.kind == "ages-max":
        return translate(N_("for ages %(age)s and under"), age=reason.value)
    if reason.kind == "local":
        return translate(N_("in your area"))
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
    hours = channel.hours
    if hours.is_always:
        return str(_l("24 hours a day, every day"))
    if not hours.is_published:
        if channel.type in ("web", "email"):
            return ""
        return str(_l("Opening hours not published: check their website"))
    spans = [
        f"{_day_range(span.days)} {span.opens:%H:%M}–{span.closes:%H:%M}" for span in hours.spans
    ]
    text = "; ".join(spans)
    if hours.bank_holidays == "closed":
        text += " " + str(_l("(closed on bank holidays)"))
    return text


# ------------------------------------------------------------------ open now


def _day_words(moment: dt.datetime, now: dt.datetime) -> str | None:
    """ "today", "tomorrow" or None (use the weekday name)."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return None


def status_text(status: ChannelStatus, when: dt.datetime) -> str:
    """The status in the page's language: "Open now until 20:00", "Opens Monday at 09:00"."""
    now = to_london(when)
    if status.is_always:
        return translate(N_("Open now, 24 hours"))
    if status.state == "unknown":
        return translate(N_("Hours not published"))
    if status.state == "open" and status.until is not None:
        time = f"{status.until:%H:%M}"
        relative = _day_words(status.until, now)
        if relative == "tomorrow" and status.until.time() == dt.time(0, 0):
            return translate(N_("Open now until midnight"))
        if relative == "today":
            return translate(N_("Open now until %(time)s"), time=time)
        if relative == "tomorrow":
            return translate(N_("Open now until %(time)s tomorrow"), time=time)
        day = format_date(status.until.date(), "EEEE")
        return translate(N_("Open now until %(day)s at %(time)s"), day=day, time=time)
    if status.next_open is None:
        return translate(N_("Closed now"))
    time = f"{status.next_open:%H:%M}"
    relative = _day_words(status.next_open, now)
    if relative == "today":
        return translate(N_("Closed now. Opens today at %(time)s"), time=time)
    if relative == "tomorrow":
        return translate(N_("Closed now. Opens tomorrow at %(time)s"), time=time)
    day = format_date(status.next_open.date(), "EEEE")
    return translate(N_("Closed now. Opens %(day)s at %(time)s"), day=day, time=time)


# ------------------------------------------------------------------ languages


def language_label(code: str) -> str:
    """A language's name in the reader's language, with its own name where that differs."""
    if code == "bsl":
        return ""  # the template names British Sign Language (a translated string)
    locale = str(get_locale())
    try:
        language = Locale.parse(code)
        here = language.get_display_name(locale) or code
        own = language.get_display_name(code) or here
    except (UnknownLocaleError, ValueError):
        return code
    here = here[:1].upper() + here[1:]
    own = own[:1].upper() + own[1:]
    return here if here == own else f"{own} ({here})"
