"""Moved to tests/support/desk.py; these names stay here a while for branches in flight."""

from tests.support.desk import flash_text, post_form, submit, token

__all__ = ["flash_text", "post_form", "submit", "token"]
