#!/usr/bin/env python3
"""How fast `clausecheck check` is: seconds per document and pages per second over the dev set
and the bundled samples (after start-up, one core), and the cold start (import + library load).

Usage:  python benchmarks/check.py [--repeat 3]
Targets (issue #3): at least 50 pages/s on one core after start-up; cold start under 1.5 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT.parent / "shared" / "eval" / "dev" / "corpus"

COLD_START = """
import time
t = time.perf_counter()
from clausecheck.pipeline import check
from clausecheck.library import load_library
from clausecheck.nlp import pipeline
library = load_library()
pipeline("en")
print(time.perf_counter() - t)
"""


def cold_start(repeat: int) -> tuple[float, float]:
    """(median in-process import + load seconds, median whole-process seconds incl. interpreter)."""
    inside, whole = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        output = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True)
        whole.append(time.perf_counter() - started)
        inside.append(float(output.stdout.strip()))
    return statistics.median(inside), statistics.median(whole)


def documents() -> list[Path]:
    found = sorted(DEV_CORPUS.glob("*.pdf")) + sorted(DEV_CORPUS.glob("*.md"))
    found += sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples").glob("*.docx"))
    return found


def page_count(path: Path) -> int:
    """Pages of the document, or of its PDF rendering when it has none (Markdown)."""
    import pypdfium2

    pdf = path if path.suffix == ".pdf" else path.with_suffix(".pdf")
    if pdf.exists():
        return len(pypdfium2.PdfDocument(str(pdf)))
    return max(1, round(len(path.read_text(errors="ignore").split()) / 500))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    inside, whole = cold_start(args.repeat)
    from clausecheck.library import load_library
    from clausecheck.nlp import pipeline
    from clausecheck.pipeline import check

    library = load_library()
    pipeline("en"), pipeline("nl")
    paths = documents()
    if not paths:
        print("no documents found (dev corpus or samples)")
        return 1
    check([paths[0]], library)  # warm the caches of the matcher and exemplars

    print(f"{'document':58} {'pages':>5} {'seconds':>8} {'pages/s':>8}")
    total_pages = 0
    total_seconds = 0.0
    for path in paths:
        pages = page_count(path)
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            check([path], library)
            runs.append(time.perf_counter() - started)
        seconds = statistics.median(runs)
        total_pages += pages
        total_seconds += seconds
        label = f"{path.parent.name}/{path.name}"
        print(f"{label[-58:]:58} {pages:>5} {seconds:>8.3f} {pages / seconds:>8.1f}")
    print()
    print(f"documents: {len(paths)}   pages: {total_pages}   seconds: {total_seconds:.2f}")
    print(f"seconds per document: {total_seconds / len(paths):.3f}")
    print(f"pages per second (one core, after start-up): {total_pages / total_seconds:.1f}   (target >= 50)")
    print(f"cold start, import + library load + spaCy: {inside:.2f} s   (target < 1.5 s)")
    print(f"cold start, whole process incl. interpreter: {whole:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
