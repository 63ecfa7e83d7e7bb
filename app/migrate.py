"""Schema migrations: Alembic, run by `flask db upgrade` (which `make setup` runs).

The migrations live in `migrations/versions/`. A database made before migrations existed has the
feedback table but no record of a revision: it is marked as being at the first revision, then
upgraded like any other, so nothing in it is lost.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from app.config import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
BASELINE = "0001"  # the feedback table as `metadata.create_all` used to make it


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _made_before_migrations(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return "feedback" in tables and "alembic_version" not in tables


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's schema up to `revision` (from empty, or from any earlier one)."""
    with engine.begin() as connection:
        config = _config(connection)
        if _made_before_migrations(connection):
            command.stamp(config, BASELINE)
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS_DIR}")
    return head
