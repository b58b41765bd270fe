"""Patching: ``patch_async`` and what it is built from.

``target`` finds and judges what a dotted path names, ``registry`` keeps the
installed patches and restores them in LIFO order, ``patcher`` is one patch
and its lifetime (``with``, ``async with``, decorator), ``decorator`` wraps
test functions, and ``patch`` is the public ``patch_async`` entry point.
"""
