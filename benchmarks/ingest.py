"""Pages per second and peak memory of the default PDF path against pdfplumber's own extract_text.

    .venv/bin/python benchmarks/ingest.py [--pages 200] [--corpus ../shared/eval/dev/corpus] [--repeat 3]

Builds a text PDF of ``--pages`` pages with reportlab (in a temporary folder) and adds the dev
corpus PDFs when the folder exists. Each measurement runs in its own subprocess, so the peak
resident memory (ru_maxrss) of one reader does not leak into the other's figure. Prints one
table with both engines side by side and the speed ratio.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "dev" / "corpus"

# Run in a fresh interpreter: reads every file once for warm-up (imports, caches), then times
# ``repeat`` passes. Prints JSON: pages, best seconds, peak RSS in MB.
_MEASURE = r"""
import json, resource, sys, time
engine, repeat, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def run_default(path):
    from clausecheck.ingest import read_document
    return read_document(path).pages or 0

def run_pdfplumber(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)

run = run_default if engine == "default" else run_pdfplumber
pages = sum(run(path) for path in paths)
best = None
for _ in range(repeat):
    start = time.perf_counter()
    for path in paths:
        run(path)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"pages": pages, "seconds": best, "peak_mb": peak_kb / 1024}))
"""


@dataclass(frozen=True)
class Measurement:
    pages: int
    seconds: float
    peak_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def build_text_pdf(path: Path, pages: int) -> None:
    """A contract-like text PDF: numbered clauses, a running header and a page footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sentences = (
        "The Supplier shall process the Customer Data only on documented instructions from the Customer.",
        "Each party shall keep the other party's confidential information secret and use it only for this Agreement.",
        "The Supplier may not use Customer Data to train, retrain or improve any model without prior written consent.",
        "Either party may terminate this Agreement by written notice if the other party materially breaches it.",
    )
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    clause = 0
    for page in range(1, pages + 1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, height - 40, "Benchmark Services Agreement - confidential")
        pdf.drawRightString(width - 72, 30, f"Page {page} of {pages}")
        pdf.setFont("Helvetica", 10)
        y = height - 80
        while y > 80:
            clause += 1
            text = f"{clause // 10 + 1}.{clause % 10 + 1} " + " ".join(sentences[(clause + k) % 4] for k in range(3))
            line = ""
            for word in text.split():
                if pdf.stringWidth(f"{line} {word}", "Helvetica", 10) > width - 144:
                    pdf.drawString(72, y, line)
                    y -= 12
                    line = word
                else:
                    line = f"{line} {word}".strip()
            pdf.drawString(72, y, line)
            y -= 22
        pdf.showPage()
    pdf.save()


def measure(engine: str, paths: list[Path], repeat: int) -> Measurement:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, engine, str(repeat), *map(str, paths)],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return Measurement(int(data["pages"]), float(data["seconds"]), float(data["peak_mb"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the generated text PDF")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with more PDFs to read")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per measurement (best is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / f"generated-{args.pages}-pages.pdf"
        build_text_pdf(generated, args.pages)
        sets = {f"generated {args.pages}-page PDF": [generated]}
        corpus = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
        if corpus:
            sets[f"dev corpus ({len(corpus)} PDFs)"] = corpus
        header = (f"{'files':<28} {'engine':<22} {'pages':>6} {'seconds':>8} {'pages/s':>9} {'peak MB':>8} "
                  f"{'speed ratio':>11}")
        print(header)
        print("-" * len(header))
        for name, paths in sets.items():
            default = measure("default", paths, args.repeat)
            plumber = measure("pdfplumber", paths, args.repeat)
            ratio = default.pages_per_second / plumber.pages_per_second
            for engine, result, shown_ratio in (("default (pdfium)", default, f"{ratio:.1f}x"),
                                                ("pdfplumber extract_text", plumber, "1.0x")):
                print(f"{name:<28} {engine:<22} {result.pages:>6} {result.seconds:>8.3f} "
                      f"{result.pages_per_second:>9.1f} {result.peak_mb:>8.1f} {shown_ratio:>11}")


if __name__ == "__main__":
    main()
