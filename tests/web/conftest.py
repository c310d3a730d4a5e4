"""Desk page tests use the API tests' signed-in clients and school (tests/api/conftest.py)."""

from tests.api.conftest import kiosk, logger, school, teacher

__all__ = ["kiosk", "logger", "school", "teacher"]
