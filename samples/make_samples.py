"""Rebuild clausecheck's sample contracts from their sources in samples/src/.

    python samples/make_samples.py                 # write every sample into samples/
    python samples/make_samples.py --out /tmp/s    # write them elsewhere
    python samples/make_samples.py --only en-enterprise-dpa

Each source gives one document per variant and per format listed in its front matter; the output
is byte-for-byte reproducible (fixed dates, reportlab invariant mode, fixed zip timestamps).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(SAMPLES_DIR))

from samplegen import RENDERERS, SourceError, load_samples  # noqa: E402 (needs the path above)

SOURCE_DIR = SAMPLES_DIR / "src"


def build(out: Path, only: set[str] | None = None, sources: Path = SOURCE_DIR) -> list[Path]:
    """Render every sample source into ``out``; return the files written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source in sorted(sources.glob("*.md")):
        for sample in load_samples(source):
            if only and sample.stem not in only and source.stem not in only:
                continue
            for fmt in sample.formats:
                target = out / f"{sample.stem}.{fmt}"
                target.write_bytes(RENDERERS[fmt](sample))
                written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR, help="output folder (default: samples/)")
    parser.add_argument("--only", action="append", help="build only this sample (stem or source name)")
    args = parser.parse_args(argv)
    try:
        written = build(args.out, set(args.only) if args.only else None)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
