"""The report of scripts/bench-scale: every cell's ratios to the sqlite3 references measured beside
it, the worst cell of each SPEC 11 bound, the national month's cost per jobseeker against the
same mix at the cells' size, and the HTTP lines.

    scale-report.py RESULTS CPUS HTTP_RESULTS HTTP_CELL HTTP_RATE SIZE NATIONAL

RESULTS lines: CELL STEP KIND SECONDS PEAK_KB, KIND `relance` or `reference`; a cell is
`SHAPE:MISSED:JOURNAL@N`. Exits 0 whether bounds are met or not: the report says which were missed.
"""

import json
import statistics
import sys
from collections import defaultdict

BOUND = 2.0          # SPEC 11: imports and ticks within 2x of their reference
GROWTH = 1.25        # SPEC 11: cost per jobseeker grows at most 25% from 1,000,000
MEMORY_MB = 300
STEPS = ["import", "open-tick", "declarations", "month-tick", "close-tick"]
WHAT = {"import": "import jobseekers", "open-tick": "tick: open period", "declarations": "import declarations",
        "month-tick": "tick: month's steps", "close-tick": "tick: close + escalate"}
# The reference of each step (the step of the same cell measured with KIND `reference`) and its name.
REFERENCE = {"import": ("import", ".import"), "declarations": ("declarations", ".import"),
             "open-tick": ("keyed-insert", "keyed insert"), "month-tick": ("keyed-insert", "keyed insert"),
             "close-tick": ("keyed-insert", "keyed insert")}


def size(cell):
    return int(cell.rsplit("@", 1)[1])


def bounded(step, cell, national):
    """SPEC 11 bounds the month's steps in the national month only (a tick that catches the whole
    month up at once is not one of the cells' operations)."""
    return step != "month-tick" or size(cell) == national


def main():
    results, cpus, http_results, http_cell, http_rate, cell_size, national = sys.argv[1:8]
    cell_size, national, http_rate = int(cell_size), int(national), float(http_rate)
    t = defaultdict(dict)    # (cell, step) -> kind -> (seconds, peak MB)
    cells = []
    for line in open(results):
        if not line.strip():
            continue
        cell, step, kind, seconds, rss = line.rstrip("\n").split("\t")
        t[(cell, step)][kind] = (float(seconds), int(rss) / 1024)
        if cell not in cells:
            cells.append(cell)
    failed, worst = [], {}
    print()
    print(f"relance at scale (SPEC 11), {cpus} CPUs; cells SHAPE:MISSED:JOURNAL@JOBSEEKERS; times in seconds")
    print(f"{'cell':<26}{'measure':<24}{'relance s':>10}{'peak MB':>9}{'reference':>14}{'ref s':>8}"
          f"{'ratio':>7}{'bound':>7}  verdict")
    for cell in cells:
        for step in STEPS:
            if "relance" not in t[(cell, step)]:
                continue
            seconds, mb = t[(cell, step)]["relance"]
            ref_step, ref_name = REFERENCE[step]
            ref_seconds = t[(cell, ref_step)]["reference"][0]
            ratio = seconds / ref_seconds
            verdicts = []
            if bounded(step, cell, national):
                verdicts.append("ok" if ratio <= BOUND else "MISSED")
                if ratio > BOUND:
                    failed.append(f"{WHAT[step]} {cell}: {ratio:.2f}x > {BOUND}")
                if ratio > worst.get(step, (0, None))[0]:
                    worst[step] = (ratio, cell)
            if mb >= MEMORY_MB:
                failed.append(f"{WHAT[step]} {cell}: peak {mb:.0f} MB >= {MEMORY_MB} MB")
            verdicts.append("mem ok" if mb < MEMORY_MB else "MEM MISSED")
            bound = f"≤{BOUND}" if bounded(step, cell, national) else "-"
            print(f"{cell:<26}{WHAT[step]:<24}{seconds:>10.2f}{mb:>9.0f}{ref_name:>14}{ref_seconds:>8.2f}"
                  f"{ratio:>7.2f}{bound:>7}  " + ", ".join(verdicts))
    print()
    print("worst cell of each bound")
    for step in STEPS:
        if step in worst:
            ratio, cell = worst[step]
            print(f"  {WHAT[step]:<24}{ratio:>6.2f}x  {cell:<26}{'ok' if ratio <= BOUND else 'MISSED'}")
    growth(t, cells, cell_size, national, failed)
    http(http_results, http_cell, http_rate, t, failed)
    print()
    if failed:
        print("SPEC 11 bounds missed:")
        for line in failed:
            print("  " + line)
    else:
        print("every SPEC 11 bound above is met")


def growth(t, cells, cell_size, national, failed):
    """Cost per jobseeker of the national month against the mixed cell of the cells' size."""
    small = next((c for c in cells if c.startswith("mixed:") and size(c) == cell_size), None)
    large = next((c for c in cells if size(c) == national and national != cell_size), None)
    if not small or not large:
        return
    print()
    print(f"cost per jobseeker from {cell_size:,} to {national:,} (mixed data; SPEC 11: at most ×{GROWTH})")
    for step in STEPS:
        if "relance" not in t[(small, step)] or "relance" not in t[(large, step)]:
            continue
        per_small = t[(small, step)]["relance"][0] / cell_size
        per_large = t[(large, step)]["relance"][0] / national
        factor = per_large / per_small
        print(f"  {WHAT[step]:<24}{per_small * 1e6:>8.2f} µs → {per_large * 1e6:>8.2f} µs  ×{factor:.2f}  "
              f"{'ok' if factor <= GROWTH else 'MISSED'}")
        if factor > GROWTH:
            failed.append(f"{WHAT[step]}: cost per jobseeker ×{factor:.2f} from {cell_size} to {national}")


def http(http_results, http_cell, http_rate, t, failed):
    """The HTTP lines (SPEC 11, section 12's interface), measured on the database of one cell."""
    rows = [line.rstrip("\n").split("\t") for line in open(http_results) if line.strip()]
    rounds = [row for row in rows if row[0] == "http-rate"]
    if rounds:
        healthz = [float(row[2]) for row in rounds]
        posts = [float(row[3]) for row in rounds]
        ratio = statistics.median(posts) / statistics.median(healthz)
        print()
        print(f"HTTP interface (relance serve, cell {http_cell}), wrk with 32 connections, median of "
              f"{len(rounds)} alternated rounds")
        print(f"{'request':<34}{'requests/s':>12}   rounds")
        print(f"{'GET /healthz':<34}{statistics.median(healthz):>12.0f}   " + " ".join(f"{v:.0f}" for v in healthz))
        print(f"{'POST /v1/declarations (new ones)':<34}{statistics.median(posts):>12.0f}   "
              + " ".join(f"{v:.0f}" for v in posts))
        print(f"declarations / healthz : {ratio:6.2f}   (SPEC 11: at least 0.25)  {'ok' if ratio >= 0.25 else 'MISSED'}")
        if ratio < 0.25:
            failed.append(f"HTTP declarations / healthz: {ratio:.2f} < 0.25")
    for _, answered, stored, slack in (row for row in rows if row[0] == "http-stored"):
        answered, stored, slack = int(answered), int(stored), int(slack)
        committed = answered <= stored <= answered + slack
        print(f"answered 201: {answered}, rows in the database: {stored} "
              f"(at most {slack} more: requests cut by the end of a round)  {'ok' if committed else 'MISSED'}")
        if not committed:
            failed.append(f"HTTP declarations: {answered} answered 201, {stored} in the database")
    for _, seconds, load in (row for row in rows if row[0] == "http-close"):
        load = json.loads(load)
        alone = t[(http_cell, "close-tick")]["relance"][0]
        ratio = float(seconds) / alone
        answered = sum(load["statuses"].get(code, 0) for code in ("200", "201"))
        errors = load["requests"] - answered
        print()
        print(f"closing tick of cell {http_cell} while declarations arrive at {http_rate:.0f}/s over HTTP")
        print(f"closing tick alone {alone:.2f} s, under load {float(seconds):.2f} s: {ratio:.2f}×  "
              f"(SPEC 11: at most 3)  {'ok' if ratio <= 3 else 'MISSED'}")
        latency_ok = load["p99_ms"] < 500 and errors == 0
        print(f"declarations: {load['requests']} sent at {load['rate']}/s, answers {load['statuses']}, "
              f"{errors} errors; latency p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, max {load['max_ms']} ms  "
              f"(SPEC 11: p99 < 500 ms, no error)  {'ok' if latency_ok else 'MISSED'}")
        if ratio > 3:
            failed.append(f"closing under HTTP load: {ratio:.2f}× > 3")
        if not latency_ok:
            failed.append(f"declarations during the closing: p99 {load['p99_ms']} ms, {errors} errors")


if __name__ == "__main__":
    main()
