"""Where the shipped data lives: rule sets (``rules/``), lexicons and templates (``corpora/``).

In a source checkout (and an editable install) these are the top-level ``rules/`` and
``corpora/`` folders next to the package. An installed wheel carries the run-time part of them
inside the package, as ``analyzer/_data/rules`` and ``analyzer/_data/corpora`` (see
``[tool.setuptools]`` in ``pyproject.toml``), found here with :mod:`importlib.resources`. Every
module reads these constants; none looks for data next to its own source file.

``SAMPLES_DIR`` (the shipped sample drafts, used by notebooks and the README's first command) is
not part of the wheel: it exists in a source checkout only.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    """The packaged copy of a data folder when installed from a wheel, else the checkout's."""
    packaged = resources.files("analyzer") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return PROJECT_ROOT / name


RULES_DIR = _data_dir("rules")
CORPORA_DIR = _data_dir("corpora")
SAMPLES_DIR = PROJECT_ROOT / "corpora" / "samples"
TEMPLATES_DIR = CORPORA_DIR / "templates"
