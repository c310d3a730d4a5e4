"""The weekly winner: drawing and redrawing (draws.py), reading and verifying draws
(reading.py), rewards (rewards.py), the automatic draw after the week (scheduler.py) and the
winners' exports (exports.py)."""
