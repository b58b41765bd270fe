"""Modules that tests/test_patch.py patches (importable as ``tests.targets``)."""
