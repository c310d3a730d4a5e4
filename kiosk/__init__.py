"""The wall display: template, script and stylesheet. Shipped in the wheel as ``app.kiosk``."""

from pathlib import Path

KIOSK_DIR = Path(__file__).parent
