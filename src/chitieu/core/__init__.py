"""Pure domain core: no I/O, no web or CLI imports (guarded by tests/core/test_purity.py)."""
