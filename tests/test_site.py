"""The documentation site builds under --strict and has every page of the nav.

Skipped when mkdocs is not installed: the nox ``docs`` session installs it
and runs this file, so the ``tests`` sessions stay fast.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")
yaml = pytest.importorskip("yaml")


def nav_pages(entries):
    """Every (title, Markdown path) of a nav, depth first."""
    for entry in entries:
        for title, target in entry.items():
            if isinstance(target, list):
                yield from nav_pages(target)
            else:
                yield title, target


def page_html(site: Path, page: str) -> Path:
    """Where mkdocs writes a page, with directory URLs."""
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return site / stem / "index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built once for this module."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return target


def load_nav():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return list(nav_pages(config["nav"]))


NAV = load_nav()


@pytest.mark.parametrize(("title", "page"), NAV, ids=[page for _, page in NAV])
def test_site_has_nav_page(site, title, page):
    """Each page of the nav was built, with a heading and its nav title."""
    html = page_html(site, page)

    text = html.read_text(encoding="utf-8")

    assert "<h1" in text
    assert title.replace('"', "&quot;").split(":")[0] in text


def test_site_reference_renders_the_api(site):
    """The API reference lists the public functions and the error classes."""
    text = (site / "reference" / "index.html").read_text(encoding="utf-8")

    for name in ("fakes.async_double", "fakes.on", "fakes.errors.FakesError"):
        assert name in text, name
