"""Year on year: the meeting's date, measures' deadlines, and problems and measures across a member's years.

- :mod:`.meeting`    the meeting date (given or inferred) of each draft and of the batch
- :mod:`.deadlines`  the one deadline parser (patterns: the ``act_deadline`` marker GEN001 uses)
- :mod:`.findings`   YR rules (``rules/batch/yearly.yaml``) and the stale-deadline check
- :mod:`.lineage`    problems and measures against the member's earlier drafts (YR001–YR003, YR005)
- :mod:`.stage`      the pipeline's year-on-year stage
- :mod:`.config`     the data file ``rules/batch/yearly.yaml``
"""
from analyzer.yearly.deadlines import Deadline, DeadlineParser, parse_deadlines, parser_for
from analyzer.yearly.meeting import assign as assign_meeting_dates
from analyzer.yearly.meeting import date_option, parse_date
from analyzer.yearly.stage import year_on_year

__all__ = ["Deadline", "DeadlineParser", "parse_deadlines", "parser_for", "assign_meeting_dates",
           "date_option", "parse_date", "year_on_year"]
