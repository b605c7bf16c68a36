"""Year on year: the meeting's date, measures' deadlines, and problems and measures across a member's years.

- :mod:`.meeting`    the meeting date (given or inferred) of each draft and of the batch
- :mod:`.deadlines`  the one deadline parser (patterns: the ``act_deadline`` marker GEN001 uses)
- :mod:`.config`     the data file ``rules/batch/yearly.yaml``
"""
from analyzer.yearly.deadlines import Deadline, DeadlineParser, parse_deadlines, parser_for
from analyzer.yearly.meeting import assign as assign_meeting_dates
from analyzer.yearly.meeting import date_option, parse_date

__all__ = ["Deadline", "DeadlineParser", "parse_deadlines", "parser_for", "assign_meeting_dates",
           "date_option", "parse_date"]
