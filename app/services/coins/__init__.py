"""Coins: the rules for one coin and a batch of them (batch.py), the group-committing writer
behind ``POST /api/v1/coins`` (writer.py), and voiding and listing the ledger (ledger.py)."""
