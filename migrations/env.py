"""Alembic runs the migrations on the connection `app.migrate` hands it (`flask db upgrade`)."""

from alembic import context

from app.db import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
