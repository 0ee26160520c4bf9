"""Parse time of the corpus: `python bench/parse_bench.py [--repeat N]`."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from ingest.corpus import load_catalogue

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    """Parse the corpus N times and print min, median and max wall time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        cat = load_catalogue(CORPUS)
        times.append((time.perf_counter() - start) * 1000)
    print(f"parse corpus ({len(cat.rows)} rows, {len(cat.measures)} measures), {args.repeat} runs")
    print(f"  min {min(times):.1f} ms   median {statistics.median(times):.1f} ms   max {max(times):.1f} ms")


if __name__ == "__main__":
    main()
