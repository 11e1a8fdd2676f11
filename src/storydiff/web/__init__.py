"""The web face: an upload page, shareable stored reports and a REST API (FastAPI)."""

from storydiff.web.app import create_app

__all__ = ["create_app"]
