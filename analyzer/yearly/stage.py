"""The year-on-year stage of the pipeline: meeting dates, then stale deadlines, for every draft."""
from __future__ import annotations

from datetime import date
from typing import Sequence

from analyzer.model import BatchResult, Document

from .deadlines import parser_for
from .findings import stale_deadlines
from .meeting import assign


def year_on_year(result: BatchResult, ruleset=None, meeting_date: date | None = None,
                 history: Sequence[Document] = ()) -> None:
    """Set the meeting dates of ``result`` and add the year-on-year findings to its drafts
    (``history``: earlier drafts of the members, from ``--history`` and the history store)."""
    result.meeting_date = assign(result.documents, meeting_date)
    parser = parser_for(ruleset)
    for res in result.documents:
        res.findings.extend(stale_deadlines(res, parser))
