"""Development sessions: ``nox -s tests``, ``lint``, ``types``, ``docs``, ..."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "types", "examples", "docs"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml("pyproject.toml")


def install_group(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the whole test suite (examples and docs included)."""
    install_group(session, "tests")
    session.install("-e", ".")
    session.run("pytest", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    install_group(session, "lint")
    paths = ["src", "tests", "examples", "benchmarks", "tools", "noxfile.py"]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session(python="3.11")
def types(session: nox.Session) -> None:
    """Type-check src/ and tests/typing/ with mypy --strict and basedpyright."""
    install_group(session, "types")
    session.install("-e", ".")
    session.run("mypy")
    session.run("basedpyright")


@nox.session(python="3.11")
def examples(session: nox.Session) -> None:
    """Install the library and what the runner examples need; run every example."""
    install_group(session, "examples")
    session.install("-e", ".")
    session.run("python", "examples/run_all.py")


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the site (failing on any warning) and check it has every page.

    The ``tests`` sessions run the code blocks of the pages (tests/test_docs.py)
    but skip tests/test_site.py, which needs mkdocs: it runs here.
    """
    install_group(session, "docs", "tests")
    session.install("-e", ".")
    session.run("mkdocs", "build", "--strict")
    session.run("pytest", "-p", "no:cacheprovider", "tests/test_site.py")


@nox.session(python="3.11")
def benchmarks(session: nox.Session) -> None:
    """Run the same scenarios on fakes and unittest.mock and print ratios."""
    session.install("-e", ".")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python="3.11")
def stress(session: nox.Session) -> None:
    """Run the long-running reliability tests and print their figures.

    The stress tests (8 threads with their own loops; 100,000 concurrent awaits
    behind a gate) and the property-based tests with the ``stress`` hypothesis
    profile (2,000 examples each). The normal ``tests`` session skips the first
    and runs the second with few examples.
    """
    install_group(session, "tests")
    session.install("-e", ".")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "--run-stress",
        "--hypothesis-show-statistics",
        "tests/test_stress.py",
        "tests/test_properties.py",
        *session.posargs,
        env={"FAKES_STRESS": "1", "FAKES_HYPOTHESIS_PROFILE": "stress"},
    )


@nox.session(python="3.11")
def mutation(session: nox.Session) -> None:
    """Mutate ``src/fakes`` with mutmut and print each module's score.

    Slow (about an hour on two cores): not a default session. The settings are
    ``[tool.mutmut]`` in pyproject.toml; ``tools/mutation_score.py`` prints the
    killed / total table from mutmut's results.
    """
    install_group(session, "tests", "mutation")
    session.install("-e", ".")
    session.run("mutmut", "run", *session.posargs, success_codes=[0, 1])
    session.run("python", "tools/mutation_score.py")
