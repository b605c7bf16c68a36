"""The wheel's configuration keeps up with the source tree.

``pyproject.toml`` lists the packages and the run-time data explicitly (the top-level ``rules/``
and ``corpora/`` folders are mapped into the package); a new subpackage or a new data folder
that is not listed would silently be missing from ``pip install .``. ``.ci/run`` builds and
installs the real wheel; these tests catch the omission without building anything.
"""
from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

import pytest

from analyzer import paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
# What stays out of the wheel: labelled corpora, samples, their build tools, folder notes.
NOT_RUNTIME = ("holdout", "samples")


def _globs_for(package: str) -> list[str]:
    return CONFIG["package-data"].get(package, [])


def _shipped(package: str, rel: str) -> bool:
    # setuptools globs each pattern from the package folder; ``**/`` spans any depth (none too)
    def matches(glob: str) -> bool:
        if glob.startswith("**/"):
            return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], glob[3:])
        return fnmatch.fnmatchcase(rel, glob) and rel.count("/") == glob.count("/")

    return any(matches(g) for g in _globs_for(package))


def test_every_python_package_is_listed():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "analyzer").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    missing = found - set(CONFIG["packages"])
    assert not missing, f"add to [tool.setuptools] packages: {sorted(missing)}"


@pytest.mark.parametrize("folder,package", [("rules", "analyzer._data.rules"),
                                            ("corpora", "analyzer._data.corpora")])
def test_runtime_data_is_mapped_into_the_package(folder, package):
    assert CONFIG["package-dir"][package] == folder
    assert package in CONFIG["packages"]
    files = [p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()]
    labelled = tuple(f"{d.name}/" for d in (ROOT / folder).iterdir()  # labelled corpora
                     if (d / "gold").is_dir() or (d / "labels.json").is_file())
    runtime = [f for f in files if not f.startswith(NOT_RUNTIME + labelled) and not f.endswith((".md", ".py"))
               and "__pycache__" not in f]
    assert runtime, f"{folder}/ holds no run-time data?"
    missing = [f for f in runtime if not _shipped(package, f)]
    assert not missing, f"not in the wheel (add a package-data glob): {missing}"


def test_labelled_corpora_stay_out_of_the_wheel():
    for package in ("analyzer._data.rules", "analyzer._data.corpora"):
        for glob in _globs_for(package):
            assert not glob.startswith(NOT_RUNTIME), glob


def test_package_data_next_to_the_code_is_listed():
    data = [p.relative_to(ROOT / "analyzer").as_posix() for p in (ROOT / "analyzer").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
            and "_data" not in p.parts]
    missing = [f for f in data if not _shipped("analyzer", f)]
    assert not missing, f"not in the wheel: {missing}"


def test_checkout_reads_the_top_level_folders():
    # In a source checkout (no analyzer/_data), the constants name the top-level folders.
    assert not (ROOT / "analyzer" / "_data").exists()
    assert paths.RULES_DIR == ROOT / "rules"
    assert paths.CORPORA_DIR == ROOT / "corpora"
    assert (paths.RULES_DIR / "themes").is_dir() and (paths.CORPORA_DIR / "lexicons").is_dir()


def test_installed_copy_wins_over_the_checkout(tmp_path, monkeypatch):
    # An installed wheel: the package folder holds _data/rules; that copy is read.
    (tmp_path / "_data" / "rules").mkdir(parents=True)
    monkeypatch.setattr(paths.resources, "files", lambda _name: tmp_path)
    assert paths._data_dir("rules") == tmp_path / "_data" / "rules"
    assert paths._data_dir("corpora") == paths.PROJECT_ROOT / "corpora"


def test_a_user_rules_directory_is_read_instead_of_the_shipped_one(tmp_path):
    import shutil

    from analyzer.rules import load_ruleset

    mine = tmp_path / "我的规则"
    shutil.copytree(paths.RULES_DIR, mine)
    (mine / "vague.yaml").unlink()  # this office does not check vague wording
    shipped, own = load_ruleset(None), load_ruleset(str(mine))
    assert any(r.code.startswith("VAG") for r in shipped.all_rules)
    assert own.all_rules and not any(r.code.startswith("VAG") for r in own.all_rules)
