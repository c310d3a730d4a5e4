"""Pure rules of the scheme: plain functions over plain data; no HTTP, no SQL (ruff enforces it)."""
