"""The JSON Schemas in docs/schemas/: current with the content types, and true of the real files
(a tool that validates content with them agrees with start-up)."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import pytest
import yaml
from jsonschema import Draft202012Validator

from app.schemas import CONTENT_TYPES, schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
CONTENT = ROOT / "content"
# Each kind and the files it describes, found here by hand (not from app/schemas.py).
FILES = {
    "service": "services/*.yaml",
    "service-translation": "*/services/*.yaml",
    "find-help": "find-help.yaml",
    "self-check": "self-check.yaml",
    "find-help-translation": "*/find-help.yaml",
    "synonyms": "synonyms.yaml",
    "page": "*/**/*.md",
}


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8")))


def as_json(data: object) -> object:
    """What a JSON tool sees: YAML's dates become strings."""
    return json.loads(json.dumps(data, default=str))


def read(path: Path) -> object:
    if path.suffix == ".md":
        return frontmatter.load(path).metadata
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_committed_schemas_are_current():
    committed = {path.stem for path in SCHEMAS.glob("*.json")}
    assert committed == set(FILES) == set(CONTENT_TYPES)
    for kind in CONTENT_TYPES:
        assert (SCHEMAS / f"{kind}.json").read_text(encoding="utf-8") == schema_text(kind), (
            f"docs/schemas/{kind}.json is out of date: run `make schemas`"
        )


@pytest.mark.parametrize("kind", sorted(FILES))
def test_every_content_file_meets_its_published_schema(kind):
    paths = sorted(CONTENT.glob(FILES[kind]))
    assert paths, FILES[kind]
    check = validator(kind)
    problems = [
        f"{path.relative_to(ROOT)}: {error.message}"
        for path in paths
        for error in check.iter_errors(as_json(read(path)))
    ]
    assert problems == []


def test_the_service_schema_refuses_what_start_up_refuses():
    check = validator("service")
    service = as_json(read(CONTENT / "services" / "samaritans.yaml"))
    assert check.is_valid(service)
    assert isinstance(service, dict)
    assert not check.is_valid({**service, "areas": ["manchester"]})
    assert not check.is_valid({**service, "step_free": True})  # not a field
    assert not check.is_valid({k: v for k, v in service.items() if k != "name"})
    phone = {**service["channels"][0], "hours": [{"days": ["mon"], "opens": "9am"}]}
    assert not check.is_valid({**service, "channels": [phone]})


def test_the_schema_command_writes_the_committed_files(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["content", "schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(path.name for path in SCHEMAS.glob("*.json"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (SCHEMAS / name).read_bytes(), name
