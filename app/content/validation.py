"""Reading content files: the one YAML reader, and the one check of what was read against a
content type (the annotated dataclasses of app/content/models.py and app/directory/guides.py),
so every malformed file stops start-up with a ContentError naming the file, the field and the
problem. `json_schema(kind)` gives the JSON Schema the docs publish (docs/schemas/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from app.content.errors import ContentError

# libyaml when available: the same safe loading, many times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

T = TypeVar("T")


def read_yaml(path: Path) -> Any:
    """A YAML file's data (plain values only), or a ContentError naming the file."""
    try:
        # Bandit cannot see that SAFE_LOADER is yaml.CSafeLoader or yaml.SafeLoader (plain data).
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # nosec B506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: cannot read YAML: {exc}") from exc


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def check(kind: type[T], data: Any, where: Path | str) -> T:
    """`data` as a `kind`, or a ContentError naming `where` and every problem, by field."""
    try:
        found: T = _adapter(kind).validate_python(data)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ContentError(f"{where}: " + "; ".join(problems(exc))) from exc
    return found


def json_schema(kind: Any) -> dict[str, Any]:
    return _adapter(kind).json_schema()


def _where(location: tuple[int | str, ...]) -> str:
    return "/".join(str(part) for part in location) or "(top level)"


def _describe(error: ErrorDetails) -> str:
    location = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{_where(location[:-1])}: {location[-1]!r} is a required property"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return (
            f"{_where(location[:-1])}: Additional properties are not allowed "
            f"({location[-1]!r} was unexpected)"
        )
    message = error["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "string_type", "bool_type", "int_type", "dataclass_type"):
        message += f", not {error['input']!r}"
    return f"{_where(location)}: {message}"


def problems(error: ValidationError) -> list[str]:
    """Each problem as "field/sub-field: what is wrong", in the order of the fields."""
    found = error.errors(include_url=False)
    return [_describe(e) for e in sorted(found, key=lambda e: [str(p) for p in e["loc"]])]
