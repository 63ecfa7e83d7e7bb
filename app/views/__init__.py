"""Blueprints: one module each. `register(app)` wires them all; views read the objects built at
start-up through app/state.py and never import each other or the factory."""

from flask import Flask
from werkzeug.routing import Map

from app.views import api, feedback, finder, pages, root, search, services, unsafe_places

BLUEPRINTS = (
    root.bp,
    pages.bp,
    search.bp,
    feedback.bp,
    unsafe_places.bp,
    services.bp,
    finder.bp,
    api.bp,
)


def register(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def route_map() -> Map:
    """The site's routes alone, for building links where no app runs (tests, benchmarks)."""
    app = Flask(__name__)
    register(app)
    return app.url_map
