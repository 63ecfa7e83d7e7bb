"""Blueprints: one module each. `register(app)` wires them all."""

from flask import Flask


def register(app: Flask) -> None:
    from app.views import feedback, pages, root, services

    app.register_blueprint(root.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(services.bp)
