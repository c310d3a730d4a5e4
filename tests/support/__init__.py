"""What tests share: the school they build, coin bodies, socket helpers (import from here,
not from conftest modules)."""
