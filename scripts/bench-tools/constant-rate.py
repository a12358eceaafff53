#!/usr/bin/env python3
"""Posts declarations to `relance serve` at a constant rate and records each one's latency.

wrk sends as fast as the server answers; SPEC 11 asks instead for declarations at a fixed rate
(200 per second) while a tick closes a period. Request i is due at start + i / rate, whatever
the answers before it: a worker thread (keep-alive connection of its own) takes it when free,
and its latency is counted from the instant it was due, so that a server that stalls makes the
queue, and the latencies, grow (no coordinated omission).

    constant-rate.py --port P --ids FILE --period 2026-11 --declared-at ISO --rate 200 --stop-file F
Runs until the file F exists (or --seconds have passed), then prints one JSON object: requests,
answers by status, errors, and latency percentiles in milliseconds. With --timeline FILE, also
each request's due time (ms from the start) and latency, one a line: where in a tick the slow
answers fall (BENCHMARKS.md).
"""
import argparse
import http.client
import json
import os
import queue
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ids", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--declared-at", required=True)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--stop-file")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--timeline", help="also write each request's due time and latency (ms) to this file")
    args = parser.parse_args()
    token = os.environ["BENCH_HTTP_TOKEN"]
    ids = [line.strip() for line in open(args.ids) if line.strip()]
    due = queue.Queue()
    lock = threading.Lock()
    latencies, statuses, errors, timeline = [], {}, [], []

    ready = threading.Barrier(args.workers + 1)

    def worker():
        # Connected before the first request is due: the schedule measures requests, not the
        # opening of 32 connections at once.
        connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        connection.connect()
        ready.wait()
        while True:
            job = due.get()
            if job is None:
                return
            index, due_at = job
            body = json.dumps({
                "jobseeker_id": ids[index % len(ids)], "period": args.period, "declared_at": args.declared_at,
                "acts": [{"date": args.declared_at[:10], "type": "candidature", "label": "Entretien d'embauche"}],
            })
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
                connection.request("POST", "/v1/declarations", body=body, headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection = None
                status, failure = None, type(error).__name__
            latency = (time.monotonic() - due_at) * 1000
            with lock:
                latencies.append(latency)
                timeline.append((due_at, latency))
                if status is None:
                    errors.append(failure)
                else:
                    statuses[status] = statuses.get(status, 0) + 1

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in workers:
        thread.start()
    ready.wait()
    start = time.monotonic()
    index = 0
    while time.monotonic() - start < args.seconds and not (args.stop_file and os.path.exists(args.stop_file)):
        due_at = start + index / args.rate
        delay = due_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        due.put((index, due_at))
        index += 1
    elapsed = time.monotonic() - start
    for _ in workers:
        due.put(None)
    for thread in workers:
        thread.join()
    ordered = sorted(latencies)
    if args.timeline:
        with open(args.timeline, "w") as out:
            out.writelines(f"{(due_at - start) * 1000:.0f}\t{latency:.1f}\n" for due_at, latency in sorted(timeline))

    def percentile(fraction):
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1) if ordered else None

    print(json.dumps({
        "requests": index, "seconds": round(elapsed, 2), "rate": round(index / elapsed, 1) if elapsed else 0,
        "statuses": {str(key): value for key, value in sorted(statuses.items())}, "errors": len(errors),
        "p50_ms": percentile(0.50), "p99_ms": percentile(0.99), "max_ms": round(ordered[-1], 1) if ordered else None,
    }))


if __name__ == "__main__":
    main()
