"""Table rows in a PDF read line by line: the fast engine has no table finder, but the shapes a
table leaves in its lines are easy to see.

A line with wide gaps (``Line.cells``) is cut into one piece per cell. Lines and pieces are then
gathered into runs: stretches that go down the page within one horizontal band at the usual line
distance (the lines of one cell, or of one paragraph). Short runs that stand side by side and
overlap vertically are the cells of one table row; everything else stays a line, in run order,
which also puts the halves of lines that run across two text columns back into their columns.
"""
from __future__ import annotations

from clausecheck.ingest.pdf_page import Line, PageLines, TableRow
from clausecheck.numbering import parse_label

MAX_CELL_LINES = 6  # a run of more lines beside another run is a text column, not a table cell
LOOK_BACK = 8  # how many recent runs a line may continue (the cells of one row interleave)
BAND_SLACK = 6.0  # font sizes: how much wider than the lines above a line of the same cell may be
# font sizes between the baselines of two lines in one cell: single spacing is about 1.2, the next
# row of a table starts further down (cell padding), and so does a paragraph after a blank line
MAX_CELL_PITCH = 1.45


def collect_table_rows(page: PageLines, pitch_ratio: float) -> None:
    """Move the lines of table rows from ``page.lines`` into ``page.rows``. ``pitch_ratio`` is the
    document's usual distance between baselines per point of font size."""
    lines: list[Line] = []
    for group in _side_by_side(_runs(_cut_at_cells(page.lines), pitch_ratio)):
        if len(group) > 1 and all(len(run) <= MAX_CELL_LINES for run in group):
            cells = [" ".join(line.text for line in run) for run in sorted(group, key=lambda run: run[0].left)]
            page.rows.append(TableRow(cells, min(run[0].top for run in group)))
        else:
            lines.extend(line for run in group for line in run)
    page.lines = lines


def _cut_at_cells(lines: list[Line]) -> list[Line]:
    """One line per cell for lines printed as cells, unless the wide gap only follows a numbering
    label ("1.1<tab>The Supplier ...")."""
    cut: list[Line] = []
    for line in lines:
        if len(line.cells) < 2 or _label_only(line.cells[0][2]):
            cut.append(line)
            continue
        cut.extend(Line(text, left, right, line.top, line.bottom, line.size, line.bold)
                   for left, right, text in line.cells)
    return cut


def _label_only(text: str) -> bool:
    label = parse_label(text)
    return label is not None and not label.rest


def _runs(lines: list[Line], pitch_ratio: float) -> list[list[Line]]:
    """Stretches of lines that go down the page within one horizontal band, in the order they start."""
    runs: list[list[Line]] = []
    for line in lines:
        for run in reversed(runs[-LOOK_BACK:]):
            if _continues_run(run, line, pitch_ratio):
                run.append(line)
                break
        else:
            runs.append([line])
    return runs


def _continues_run(run: list[Line], line: Line, pitch_ratio: float) -> bool:
    before = run[-1]
    size = max(before.size, line.size, 1.0)
    if not 0 < line.top - before.top <= min(pitch_ratio + 0.2, MAX_CELL_PITCH) * size:
        return False
    if not (line.left < before.right and line.right > before.left):
        return False
    # a line reaching far past the run's right edge has left the cell: text below the table
    return line.right <= max(previous.right for previous in run) + BAND_SLACK * size


def _side_by_side(runs: list[list[Line]]) -> list[list[list[Line]]]:
    """Consecutive runs grouped while each stands to the right of the one before and overlaps
    the first one vertically."""
    groups: list[list[list[Line]]] = []
    for run in runs:
        if groups and _beside(groups[-1][-1], run) and _overlap(groups[-1][0], run):
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def _beside(run: list[Line], following: list[Line]) -> bool:
    return min(line.left for line in following) >= max(line.right for line in run) - 1


def _overlap(run: list[Line], other: list[Line]) -> bool:
    """Whether the two runs share some height (cells may be aligned at the top or the bottom)."""
    top, bottom = run[0].top, run[-1].bottom
    other_top, other_bottom = other[0].top, other[-1].bottom
    return min(bottom, other_bottom) - max(top, other_top) > 0.5 * max(run[0].size, 1.0)
