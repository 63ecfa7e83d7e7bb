"""The lock files that `make` installs from match the requirements files people edit: every
pinned package at the same version, with hashes (pip installs nothing unhashed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(path: Path) -> dict[str, str]:
    """Name (normalised as pip does) → version, for each `name==version` line of a file."""
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in PIN.findall(path.read_text(encoding="utf-8"))
    }


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_pins_what_the_requirements_pin(requirements, lock):
    wanted = pins(ROOT / requirements)
    locked = pins(ROOT / lock)
    assert len(wanted) >= 5, "the requirements file pins its packages"
    stale = {name: version for name, version in wanted.items() if locked.get(name) != version}
    assert stale == {}, f"run `make lock`: {lock} does not pin {stale}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_hashes(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert len(entries) >= 30
    unhashed = [entry.split()[0] for entry in entries if "--hash=sha256:" not in entry]
    assert unhashed == []


def test_the_runtime_and_test_locks_agree():
    runtime = pins(ROOT / "requirements.lock")
    dev = pins(ROOT / "requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
