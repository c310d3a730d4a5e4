"""The realtime hub: every live board event goes through it to the kiosks."""
