"""Where the shipped data lives: rule sets in ``rules/``, lexicons and samples in ``corpora/``."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = PROJECT_ROOT / "rules"
CORPORA_DIR = PROJECT_ROOT / "corpora"
SAMPLES_DIR = CORPORA_DIR / "samples"
TEMPLATES_DIR = CORPORA_DIR / "templates"
