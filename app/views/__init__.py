"""Blueprints: one module each. `register(app)` wires them all."""

from flask import Flask, current_app

from app.content.store import ContentStore


def content() -> ContentStore:
    """The content loaded at start-up, for the current app."""
    return current_app.extensions["content"]


def register(app: Flask) -> None:
    from app.views import api, feedback, finder, pages, root, search, services, unsafe_places

    app.register_blueprint(root.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(unsafe_places.bp)
    app.register_blueprint(services.bp)
    app.register_blueprint(finder.bp)
    app.register_blueprint(api.bp)
