"""The real content passes the content checker, and contact details are never typed into prose."""

from __future__ import annotations


def test_flask_content_check_passes(app):
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output


def test_every_service_has_a_source_and_low_confidence_numbers_carry_a_check(store):
    for service in store.services.values():
        assert service.source_url.startswith("http")
        for channel in service.channels:
            if channel.confidence == "low":
                assert channel.check, f"{service.key}.{channel.id}: low confidence needs a check"
