"""Pleinmunt: reward coins for a calmer schoolyard."""

__version__ = "0.1.0"
