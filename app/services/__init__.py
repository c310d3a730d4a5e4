"""Operations on the database: keyword-only verbs (``void_coin``, ``erase_child`` ...).

The operation owns the commit: it validates through app.domain, writes, records board events
and audit entries, and commits once. Live events go to the hub only after that commit
(app/services/events.py), never for data that might roll back.
"""
