"""Languages: chosen from the URL, offered from Accept-Language at `/`, never kept in a cookie."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from app.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def test_root_redirects_to_the_browsers_language_without_a_cookie(client):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/")
    assert "Set-Cookie" not in response.headers
    assert "Accept-Language" in response.headers["Vary"]


def test_root_falls_back_to_english_for_unknown_languages(client):
    response = client.get("/", headers={"Accept-Language": "xx-YY"})
    assert response.headers["Location"].endswith("/en/")


def _key(message) -> str:
    """A message's id (a plural message by its singular)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_language_has_a_compiled_catalogue_or_is_english():
    others = [code for code in LANGUAGES if code != "en"]
    assert others, "the site has languages besides English"
    for code in others:
        folder = ROOT / "translations" / code / "LC_MESSAGES"
        with (folder / "messages.po").open("rb") as po:
            written = {_key(m) for m in read_po(po) if m.id and m.string and not m.fuzzy}
        # The compiled catalogue (make setup compiles it) holds every translated message.
        with (folder / "messages.mo").open("rb") as mo:
            compiled = {_key(m) for m in read_mo(mo) if m.id}
        assert written and written <= compiled, code


def test_committed_message_catalogue_is_up_to_date(tmp_path):
    """Every interface string in the code is in translations/messages.pot.

    If this fails, run `make update-messages`."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(fresh, "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert wanted == committed


def test_translations_are_remembered_per_language_and_follow_a_forced_locale(app):
    from flask_babel import force_locale

    from app.i18n import translate

    for _ in range(2):  # the second time from memory
        with app.test_request_context("/pl/services"):
            app.preprocess_request()
            assert translate("Find a service") == "Znajdź wsparcie"
            with force_locale("sk"):
                assert translate("Find a service") == "Nájsť službu"
            assert translate("You live in %(area)s", area="Derby") == "Mieszkasz w rejonie: Derby"
        with app.test_request_context("/en/services"):
            app.preprocess_request()
            assert translate("Find a service") == "Find a service"


def test_templates_translate_with_variables_escaped_and_safe_html_kept(app):
    """`_()` and `ngettext()` in templates (app/i18n.py template_gettext): the translation is safe
    HTML, text put into it is escaped (a search for "<script>" shows as text), markup the
    template marks safe stays markup, and "%%" is always a per cent sign."""
    from markupsafe import Markup

    render = app.jinja_env.from_string
    with app.test_request_context("/pl/services"):
        app.preprocess_request()
        assert render('{{ _("Find a service") }}').render() == "Znajdź wsparcie"
        page = render('{{ _("You live in %(area)s", area=where) }}').render(where="<b>x</b>")
        assert page == "Mieszkasz w rejonie: &lt;b&gt;x&lt;/b&gt;"
        keys = render('{{ _("then press %(keys)s", keys=k) }}').render(
            k=Markup("<strong>55</strong>")
        )
        assert "<strong>55</strong>" in keys and "&lt;" not in keys
    with app.test_request_context("/en/services"):
        app.preprocess_request()
        assert render('{{ _("100%% free") }}').render() == "100% free"
        found = render('{{ ngettext("%(num)s service", "%(num)s services", n) }}')
        assert found.render(n=1) == "1 service" and found.render(n=3) == "3 services"
