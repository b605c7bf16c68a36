"""draftcheck: review self-examination drafts (对照检查材料) the way a strict reviewer would."""

__version__ = "0.1.0"
