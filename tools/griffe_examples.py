"""Render the ``Example:`` sections of the docstrings as code, like ``Examples:``.

The project's docstrings use a Google-style ``Example:`` section (singular)
of doctests; griffe only reads ``Examples:`` as code, and would show the
singular as prose. This extension, loaded by mkdocstrings (see mkdocs.yml),
renames the section before the docstring is parsed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Treat ``Example:`` as ``Examples:`` in every docstring."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        """Rename the section in the docstring of each loaded object."""
        docstring = obj.docstring
        if docstring is not None:
            docstring.value = _EXAMPLE.sub(r"\1Examples:", docstring.value)
