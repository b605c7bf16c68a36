"""Parts laid out as a Word table: a header row naming the parts (存在的问题 | 原因剖析 | 整改措施 |
完成时限), one problem per row (a 整改清单, or a two-column 问题 | 原因 page).

Each column whose header names a part is that part: its cells' paragraphs become the part's items
(aspect headings inside a cell, or a row of one merged cell, group the items after them), and a
measure in a row answers the problems of its row — the layout does the pairing, as it does for a
measure written under its problem. What the heading parse made of the table's text is replaced.
"""
from __future__ import annotations

from bisect import bisect_left

from .model import Item, Section, Structure

CORE = ("problems", "causes", "measures", "criticism")
HEADER_ROWS = 3          # the header is one of the table's first rows (a title row may come first)


def cell_spans(doc) -> list[list[list[tuple[int, int, int]]]]:
    """Each table of ``doc`` as rows of (grid column, start, end) text offsets (empty cells left out)."""
    spans = doc.paragraphs
    out = []
    for grid in getattr(doc, "tables", ()):
        rows = [[(col, spans[a][0], spans[b - 1][1]) for col, a, b in row if b > a and b <= len(spans)]
                for row in grid.rows]
        out.append(rows)
    return out


def _header(text: str, rows, rules) -> tuple[int, dict[int, str]] | None:
    """The header row (its index) and the part each of its columns names, when it names two parts."""
    for r, row in enumerate(rows[:HEADER_ROWS]):
        roles: dict[int, str] = {}
        for col, a, b in row:
            cell = text[a:b].strip()
            if not cell or "\n" in cell:
                continue
            got = rules.classify(cell)
            if got and got[0] in CORE:
                roles[col] = got[0]
        if len(set(roles.values())) >= 2:
            return r, roles
    return None


def apply_tables(text: str, paras: list, st: Structure, rules, tables) -> None:
    """Replace the parse of every part table in ``tables`` (from :func:`cell_spans`) by its grid."""
    from .structure import ROLE_KIND, _section_items, _Unit

    starts = [p.start for p in paras]

    def units(a: int, b: int) -> list:
        i = bisect_left(starts, a)
        out = []
        while i < len(paras) and paras[i].start < b:
            out.append(_Unit(paras[i].start, paras[i].end, paras[i]))
            i += 1
        return out

    for rows in tables:
        found = _header(text, rows, rules)
        if found is None or found[0] + 1 >= len(rows):
            continue
        r0, roles = found
        t_start = min(a for _, a, _ in rows[r0])
        t_end = max(b for row in rows for _, _, b in row)
        inside = lambda it: t_start <= it.start < t_end   # noqa: E731
        # a column whose part was written out before the table restates it (问题 | 整改措施 after
        # the problems): its cells are no new items, and pairing matches the measures
        elsewhere = {r for r in roles.values() if any(it.start < t_start for it in st.items(ROLE_KIND[r]))}
        # a column headed 方面 names each row's aspect
        aspect_cols = {col for col, a, b in rows[r0] if col not in roles and rules.aspect.search(text[a:b])}
        # what the measures outside the table answer, by object (problem indices change below)
        answered = {id(m): [st.problems[i] for i in m.answers if i < len(st.problems)]
                    for m in st.measures if not inside(m)}
        for kind in ("problem", "cause", "measure", "criticism"):
            st.items(kind)[:] = [it for it in st.items(kind) if not inside(it)]
        for col, a, b in rows[r0]:
            role = roles.get(col)
            old = st.sections.get(role) if role else None
            if role and role not in elsewhere and (old is None or t_start <= old.start < t_end):
                st.sections[role] = Section(role=role, heading=text[a:b].strip(), start=a, end=t_end,
                                            heading_start=a, heading_end=b)
        new: dict[str, list[Item]] = {k: [] for k in ("problem", "cause", "measure", "criticism")}
        row_problems: list[Item] = []
        group = None
        for row in rows[r0 + 1:]:
            if len(row) == 1 and rules.aspect.search(text[row[0][1]:row[0][2]]) and len(units(*row[0][1:])) == 1:
                group = text[row[0][1]:row[0][2]].strip()     # a merged row naming the aspect
                continue
            got: dict[str, list[Item]] = {}
            for col, a, b in row:
                if col in aspect_cols:
                    group = text[a:b].strip()
                role = roles.get(col)
                kind = ROLE_KIND.get(role) if role and role not in elsewhere else None
                if not kind:
                    continue
                items = _section_items(text, units(a, b), kind, rules)
                for it in items:
                    it.group = it.group or group
                got.setdefault(kind, []).extend(items)
            if got.get("problem"):
                row_problems = got["problem"]
            if "problems" not in elsewhere:
                for m in got.get("measure", []):
                    m.placed = True
                    answered[id(m)] = list(row_problems)
            for kind, items in got.items():
                new[kind].extend(items)
        for kind, items in new.items():
            st.items(kind).extend(items)
            st.items(kind).sort(key=lambda it: it.start)
        index = {id(p): i for i, p in enumerate(st.problems)}
        for m in st.measures:
            if id(m) in answered:
                m.answers = sorted(index[id(p)] for p in answered[id(m)] if id(p) in index)
