"""Benchmark of `clausecheck scan`: throughput with 1 and 2 workers, rescan time, memory.

    .venv/bin/python benchmarks/scan.py [--documents 500] [--corpus DIR] [--keep DIR]

Builds a repository of variations of the dev corpus (Markdown, PDF and DOCX renderings of real
supplier terms) in a temporary folder, then times, each in a fresh process:
a full scan with 1 worker, a full scan with 2 workers, and `clausecheck scan` on the unchanged
repository (the command as a user runs it, interpreter start-up included).

Variations: Markdown gets a reference line of its own and every third copy loses one paragraph;
DOCX gets a reference paragraph at the top of the body; PDF gets a trailing comment after %%EOF
(same text, different bytes), so no two files share a hash and nothing is cached between copies.

The clause library is copied first and used by every run, so edits to it meanwhile change nothing.
Each full scan runs --repeat times (alternating 1 and 2 workers) and the fastest counts; the load
average before it is printed, since other work on the machine slows a run down.

Pages: PDF and DOCX pages as the readers report them (DOCX: when it records a page count);
Markdown, which has no pages, counts as one page per 3,000 characters.
Targets (issue #5): 2 workers >= 1.7x one worker; rescan of 500 unchanged documents < 2 s.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("CLAUSECHECK_DEV_CORPUS", "/work/shared/eval/dev/corpus"))
CHARACTERS_PER_PAGE = 3000
MIX = (("md", 0.6), ("pdf", 0.25), ("docx", 0.15))
SPEEDUP_TARGET = 1.7
RESCAN_TARGET_S = 2.0


def build_repository(corpus: Path, root: Path, documents: int) -> dict[str, int]:
    """Write ``documents`` variations into ``root`` (50 per folder); return how many of each format."""
    rng = random.Random(5)
    counts: dict[str, int] = {}
    number = 0
    for suffix, share in MIX:
        sources = sorted(corpus.glob(f"*.{suffix}"))
        if not sources:
            raise SystemExit(f"no .{suffix} files in {corpus}")
        wanted = round(documents * share) if suffix != MIX[-1][0] else documents - number
        for index in range(wanted):
            source = sources[index % len(sources)]
            target = root / f"supplier-{number // 50:02d}" / f"{source.stem} v{number:04d}.{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_variation(source, number, rng))
            number += 1
        counts[suffix] = wanted
    return counts


def _variation(source: Path, number: int, rng: random.Random) -> bytes:
    reference = f"Reference number CC-{number:04d}."
    if source.suffix == ".md":
        paragraphs = source.read_text(encoding="utf-8").split("\n\n")
        if number % 3 == 0 and len(paragraphs) > 10:
            del paragraphs[rng.randrange(5, len(paragraphs))]
        return (reference + "\n\n" + "\n\n".join(paragraphs)).encode("utf-8")
    if source.suffix == ".docx":
        return _docx_with_paragraph(source.read_bytes(), reference)
    return source.read_bytes() + f"\n% {reference}\n".encode()


def _docx_with_paragraph(data: bytes, text: str) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "word/document.xml":
                content = re.sub(rb"(<w:body[^>]*>)", rb"\1<w:p><w:r><w:t>" + text.encode() + rb"</w:t></w:r></w:p>",
                                 content, count=1)
            copy.writestr(item, content)
    return output.getvalue()


def page_equivalents(root: Path, pages_reported: int) -> int:
    """Reported pages plus one page per 3,000 characters of the Markdown files."""
    characters = sum(len(path.read_text(encoding="utf-8")) for path in root.rglob("*.md"))
    return pages_reported + characters // CHARACTERS_PER_PAGE


@dataclass(frozen=True)
class ScanRun:
    seconds: float
    cpu_seconds: float  # the driver and its worker processes
    documents: int
    pages: int  # as the readers report them (PDF, DOCX)
    unreadable: int
    peak_rss_mb: list[int]  # per worker process
    load_before: float = 0.0


def timed_scan(repo: Path, db: Path, workers: int, environment: dict[str, str]) -> ScanRun:
    """A full scan in a fresh Python process, so every run pays the same start-up and model loading."""
    load = os.getloadavg()[0]
    process = subprocess.run([sys.executable, __file__, "--child", str(repo), str(db), str(workers)],
                             capture_output=True, text=True, check=True, env=environment)
    return ScanRun(**{**json.loads(process.stdout), "load_before": load})


def child(repo: str, db: str, workers: int) -> None:
    from clausecheck.scan import ScanConfig, run_scan

    started = time.perf_counter()
    result = run_scan(ScanConfig(paths=(repo,)), db, workers=workers)
    seconds = time.perf_counter() - started
    own, pool = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    run = ScanRun(seconds=seconds, cpu_seconds=own.ru_utime + own.ru_stime + pool.ru_utime + pool.ru_stime,
                  documents=result.documents_analysed, pages=result.pages_analysed, unreadable=result.with_errors,
                  peak_rss_mb=sorted(round(kb / 1024) for kb in result.peak_rss_kb_by_worker.values()))
    print(json.dumps(asdict(run)))


def snapshot_library(target: Path) -> Path:
    """A private copy of the clause library, so edits made to it during the run change nothing."""
    from clausecheck.library import default_library_path

    return Path(shutil.copytree(default_library_path(), target, ignore=shutil.ignore_patterns("__pycache__")))


def timed_rescan(repo: Path, db: Path, environment: dict[str, str]) -> tuple[float, str]:
    command = [str(Path(sys.executable).with_name("clausecheck")), "scan", str(repo), "--db", str(db)]
    started = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True, env=environment)
    elapsed = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"rescan failed ({process.returncode}): {process.stderr}")
    return elapsed, process.stderr.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=2, help="full scans per worker count; the best counts")
    parser.add_argument("--keep", type=Path, default=None, help="build the repository here and keep it")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child[0], arguments.child[1], int(arguments.child[2]))
        return

    workdir = arguments.keep or Path(tempfile.mkdtemp(prefix="clausecheck-scan-bench-"))
    try:
        repo = workdir / "repository"
        counts = build_repository(arguments.corpus, repo, arguments.documents)
        size_mb = sum(path.stat().st_size for path in repo.rglob("*") if path.is_file()) / 1e6
        print(f"repository: {sum(counts.values())} documents "
              f"({', '.join(f'{count} {suffix}' for suffix, count in counts.items())}), {size_mb:.1f} MB; "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        environment = {**os.environ, "CLAUSECHECK_LIBRARY": str(snapshot_library(workdir / "library"))}
        runs: dict[int, ScanRun] = {}
        for attempt in range(arguments.repeat):  # alternating, keeping each one's best: others' load varies
            for workers in (1, 2):
                run = timed_scan(repo, workdir / f"workers-{workers}-{attempt}.sqlite", workers, environment)
                if workers not in runs or run.seconds < runs[workers].seconds:
                    runs[workers] = run
        pages = page_equivalents(repo, runs[1].pages)
        print(f"\n{'workers':>7} {'seconds':>8} {'docs/s':>7} {'pages/s':>8} {'CPU s':>7} {'load before':>11} "
              f"{'peak RSS per worker (MB)':>26}")
        for workers, run in runs.items():
            print(f"{workers:>7} {run.seconds:>8.1f} {run.documents / run.seconds:>7.1f} {pages / run.seconds:>8.1f} "
                  f"{run.cpu_seconds:>7.1f} {run.load_before:>11.2f} {', '.join(map(str, run.peak_rss_mb)):>26}")
        speedup = runs[1].seconds / runs[2].seconds
        print(f"\npages: {runs[1].pages} PDF/DOCX pages + Markdown at {CHARACTERS_PER_PAGE} characters a page "
              f"= {pages}; unreadable contracts: {runs[1].unreadable}")
        print(f"speed-up with 2 workers: {speedup:.2f}x (target >= {SPEEDUP_TARGET}x: "
              f"{'met' if speedup >= SPEEDUP_TARGET else 'NOT met'})")
        # On a busy machine wall time measures the neighbours too; the CPU time each scan needed
        # gives the speed-up two otherwise idle cores would allow (perfect balance assumed).
        print(f"speed-up two idle cores would allow, from CPU time (2 x {runs[1].cpu_seconds:.1f} / "
              f"{runs[2].cpu_seconds:.1f} CPU s): {2 * runs[1].cpu_seconds / runs[2].cpu_seconds:.2f}x")
        rescans = [timed_rescan(repo, workdir / "workers-2-0.sqlite", environment) for _ in range(3)]
        best = min(seconds for seconds, _ in rescans)
        print(f"rescan, nothing changed (`clausecheck scan`, process start included), best of 3: {best:.2f} s "
              f"(target < {RESCAN_TARGET_S} s: {'met' if best < RESCAN_TARGET_S else 'NOT met'}); "
              f"all: {', '.join(f'{seconds:.2f}' for seconds, _ in rescans)} s")
        print(f"  {rescans[-1][1]}")
    finally:
        if arguments.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
