"""Layer 7: the web dashboard (FastAPI, server-rendered pages, JSON API)."""

from steppe.web.app import create_app

__all__ = ["create_app"]
