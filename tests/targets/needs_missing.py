"""A module whose own import of a dependency fails."""

import fakes_missing_dependency  # noqa: F401
