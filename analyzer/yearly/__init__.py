"""Year on year: the meeting's date, measures' deadlines, and problems and measures across a member's years.

- :mod:`.deadlines`  the one deadline parser (patterns: the ``act_deadline`` marker GEN001 uses)
"""
from analyzer.yearly.deadlines import Deadline, DeadlineParser, parse_deadlines, parser_for

__all__ = ["Deadline", "DeadlineParser", "parse_deadlines", "parser_for"]
