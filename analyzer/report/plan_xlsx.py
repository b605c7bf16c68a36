"""``draftcheck plan FILE -o 整改清单.xlsx`` (the writer lives in xlsx.py)."""
from .xlsx import write_plan

__all__ = ["write_plan"]
