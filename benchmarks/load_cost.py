"""CPU time of loading a data folder (read, validate, link, rules), and where it goes.

    python benchmarks/corpus.py --plans 300 --seed 1 --out /tmp/c300
    python benchmarks/load_cost.py /tmp/c300                 # CPU seconds of generator.load.check, best of --runs
    python benchmarks/load_cost.py /tmp/c300 --profile 25    # and the top 25 functions by own time (cProfile)

It prints figures; it is not a test. The count of problems is printed too, so that two versions of
the loader can be compared on the same folder.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from generator.load import check


def main() -> None:
    """Measure and print."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("data", type=Path, help="the data folder")
    parse.add_argument("--runs", type=int, default=1, help="runs; the least CPU time is printed")
    parse.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions by own time")
    args = parse.parse_args()
    best = None
    for _ in range(args.runs):
        start = time.process_time()
        handbook, problems = check(args.data)
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    print(f"{args.data}: load {best:.2f} s CPU, {len(problems)} problem(s), "
          f"handbook {'built' if handbook is not None else 'not built'}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(check, args.data)
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
