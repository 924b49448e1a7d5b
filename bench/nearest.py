"""Nearest-10 with SpatialIndex against brute force over geopy, on synthetic and real shelters.

Run: .venv/bin/python bench/nearest.py [--quick]. The brute-force baseline computes geopy's geodesic to
every row and sorts: ~0.2 ms a row here, so at 500,000 rows only a few queries are timed (each ~2 min).
Each baseline query's answer is also compared with the index's (same distances to 1 mm).
--brute N / --brute-500k N set the number of baseline queries (0 skips that baseline; bench/run_all.py --quick
skips the 500k one); --json PATH writes the key figures for bench/run_all.py.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import write_json
from geopy.distance import geodesic

from shelterapp.shelters.model import KYIV_BBOX, Kind, Shelter
from shelterapp.shelters.spatial import SpatialIndex

N = 10
REAL_CSV = Path(__file__).resolve().parents[1].parent / "shared/data/shelters/kyiv_shelters_kmda_2022.csv"
TARGET_MS = {5_000: 0.5, 500_000: 2.0}  # p50 targets for uniform synthetic rows
OUTSIDE = {"Brovary": (50.511, 30.790), "Lviv": (49.842, 24.031), "Tokyo": (35.68, 139.77)}


@dataclass
class Row:
    name: str
    rows: int
    build_s: float
    p50_ms: float
    p95_ms: float
    brute_ms: float
    brute_queries: int
    agree: bool
    target_ms: float | None
    outside_ms: dict[str, float]


def synthetic(count: int, seed: int) -> list[Shelter]:
    south, west, north, east = KYIV_BBOX
    rnd = random.Random(seed)
    return [
        Shelter(f"syn-{i}", "", "", Kind.OTHER, lat=rnd.uniform(south, north), lon=rnd.uniform(west, east))
        for i in range(count)
    ]


def real() -> list[Shelter]:
    with REAL_CSV.open(encoding="utf-8", newline="") as f:
        return [
            Shelter(r["id"], "", "", Kind.OTHER, lat=float(r["lat"]), lon=float(r["lon"])) for r in csv.DictReader(f)
        ]


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def brute_force(shelters: list[Shelter], lat: float, lon: float) -> list[tuple[float, str]]:
    return sorted((geodesic((lat, lon), (s.lat, s.lon)).meters, s.id) for s in shelters)[:N]


def measure(name: str, shelters: list[Shelter], queries: list[tuple[float, float]], brute_queries: int) -> Row:
    print(f"  {name}: building and querying...", file=sys.stderr, flush=True)
    gc.collect()
    start = time.perf_counter()
    index = SpatialIndex(shelters)
    build_s = time.perf_counter() - start
    for lat, lon in queries[:20]:  # warm up
        index.nearest(lat, lon, N)
    gc.collect()
    times = []
    for lat, lon in queries:
        start = time.perf_counter()
        index.nearest(lat, lon, N)
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    outside_ms = {}
    for place, (lat, lon) in OUTSIDE.items():
        start = time.perf_counter()
        index.nearest(lat, lon, N)
        outside_ms[place] = (time.perf_counter() - start) * 1e3
    brute_times, agree = [], True
    for k, (lat, lon) in enumerate(queries[:brute_queries], 1):
        print(f"  {name}: brute force {k}/{brute_queries}...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        expected = brute_force(shelters, lat, lon)
        brute_times.append((time.perf_counter() - start) * 1e3)
        got = index.nearest(lat, lon, N)
        agree &= len(got) == len(expected) and all(
            abs(h.distance_m - d) <= 1e-3 for h, (d, _) in zip(got, expected, strict=True)
        )
    brute_times.sort()
    brute_times = brute_times or [float("nan")]  # no baseline asked for
    return Row(
        name,
        len(shelters),
        build_s,
        percentile(times, 0.5),
        percentile(times, 0.95),
        percentile(brute_times, 0.5),
        brute_queries,
        agree,
        TARGET_MS.get(len(shelters)) if name.startswith("uniform") else None,
        outside_ms,
    )


def print_table(rows: list[Row], queries: int) -> None:
    print(f"\nnearest-{N}, {queries} random queries inside KYIV_BBOX {KYIV_BBOX} per row (p50/p95 per query)\n")
    head = (
        f"{'data':<18}{'rows':>9}{'build s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'brute ms (n)':>16}{'speedup':>10}{'same':>6}  target"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        verdict = ""
        if r.target_ms is not None:
            verdict = f"p50 < {r.target_ms:g} ms: {'PASS' if r.p50_ms < r.target_ms else 'MISS'}"
        brute = f"{r.brute_ms:,.0f} ({r.brute_queries})" if r.brute_queries else "skipped"
        speedup = f"{r.brute_ms / r.p50_ms:>9,.0f}x" if r.brute_queries else f"{'-':>10}"
        same = ("yes" if r.agree else "NO") if r.brute_queries else "-"
        print(
            f"{r.name:<18}{r.rows:>9,}{r.build_s:>9.2f}{r.p50_ms:>9.3f}{r.p95_ms:>9.3f}"
            f"{brute:>16}{speedup}{same:>6}  {verdict}"
        )
    print(f"\none query from outside the data's extent (ms): {', '.join(OUTSIDE)}")
    for r in rows:
        print(f"{r.name:<18}" + "".join(f"{r.outside_ms[p]:>12.2f}" for p in OUTSIDE))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 queries, fewer brute-force baselines")
    parser.add_argument("--brute", type=int, help="brute-force baseline queries on 5k and real rows (20/50)")
    parser.add_argument("--brute-500k", type=int, help="brute-force baseline queries on 500k rows (1/3; ~2 min each)")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH (for bench/run_all.py)")
    args = parser.parse_args(argv)
    brute = args.brute if args.brute is not None else (20 if args.quick else 50)
    brute_500k = args.brute_500k if args.brute_500k is not None else (1 if args.quick else 3)
    count = 300 if args.quick else 2_000
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"python:  {platform.python_implementation()} {platform.python_version()}")
    south, west, north, east = KYIV_BBOX
    rnd = random.Random(20220224)
    queries = [(rnd.uniform(south, north), rnd.uniform(west, east)) for _ in range(count)]
    rows = [
        measure("uniform 5k", synthetic(5_000, 1), queries, brute),
        measure("uniform 500k", synthetic(500_000, 2), queries, brute_500k),
    ]
    skipped = ""
    if REAL_CSV.is_file():
        rows.append(measure("KMDA 2022 (real)", real(), queries, brute))
    else:
        skipped = f"real-data row skipped: {REAL_CSV} is absent (it is read from ../shared, never copied)"
    print_table(rows, count)
    if skipped:
        print(f"\n{skipped}")
    fields = ("name", "rows", "p50_ms", "p95_ms", "brute_ms", "brute_queries", "agree", "target_ms")
    write_json(args.json, {"queries": count, "rows": [{f: getattr(r, f) for f in fields} for r in rows]})
    return 0 if all(r.agree for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
