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
