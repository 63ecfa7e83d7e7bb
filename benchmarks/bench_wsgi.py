"""The site's WSGI app plus a bare `/__hello` endpoint, for throughput baselines only."""

from app import create_app

app = create_app()


@app.get("/__hello")
def hello() -> str:
    return "hello"
