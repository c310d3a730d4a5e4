"""Interpreter settings for serving many taps at once, measured in bench/RESULTS.md."""

import gc
import sys

# The coin writer thread and the event loop share the GIL. With Python's default 5 ms switch
# interval, every database call the writer makes (each releases the GIL) can wait up to 5 ms to
# get it back from a busy loop: a batch of a few statements took 150 ms. 0.5 ms keeps both moving.
GIL_SWITCH_INTERVAL = 0.0005
# Each tap makes thousands of short-lived objects; with the default threshold (700) the
# collector ran constantly, and its full passes over the long-lived app objects (routes,
# models, SQLAlchemy's caches) made the slowest taps slower. Objects alive once the app has
# started are frozen out of collection; young garbage is collected in larger, rarer sweeps.
GC_THRESHOLDS = (20_000, 50, 100)


def tune_for_serving() -> None:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
