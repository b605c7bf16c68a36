from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SAMPLES = ROOT / "corpora" / "samples"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not beside the project")
    return DEV


@pytest.fixture(scope="session", autouse=True)
def _private_user_data(tmp_path_factory):
    """The default history store lives in the user's data directory: point it at a scratch folder for
    the whole session, so that no test (nor a command a test runs) reads or writes the user's store."""
    import os

    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("user-data"))
    yield
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before
