"""A short load test of the service: /v1/evaluate with one record and with 1,000, against uvicorn on 127.0.0.1.

It starts ``fighterlaw``'s service in a process of its own on a free port of 127.0.0.1 (nothing else is ever
addressed), sends a bounded number of requests from a few client threads (each phase also stops at a time bound),
and prints requests per second and latency percentiles for each phase, beside a baseline measured in the same run:
the same records answered by ``fl.evaluate_many`` and written as JSON in this process, without HTTP. Every request
must answer 200 with one report per record; any other answer is counted as failed and makes the script exit with
status 1. Timing is only reported, never asserted.

Run it from the project root (the ``serve`` extra installed)::

    python benchmarks/service.py            # 400 requests of 1 record, 20 of 1,000, 4 client threads
    python benchmarks/service.py --quick    # 100 and 5
    python benchmarks/service.py --threads 1    # one client: the latency of a request alone
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

import fighterlaw as fl

HOST: Final = "127.0.0.1"
AS_OF: Final = date(2026, 6, 1)
EXAMPLES: Final = Path(__file__).parent.parent / "examples" / "people.jsonl"
SERVER: Final = """
import sys, uvicorn
from fighterlaw.serve import Settings, create_app
port = int(sys.argv[1])
uvicorn.run(create_app(Settings(port=port)), host="127.0.0.1", port=port, access_log=False, log_level="warning")
"""


def records(count: int) -> list[dict[str, Any]]:
    """``count`` records: the examples over and over, each with an id of its own."""
    examples = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**examples[index % len(examples)], "id": f"r-{index}"} for index in range(count)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/v1/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the service did not start within 30 s")


@dataclass
class Phase:
    """One phase: a request body sent ``requests`` times from ``threads`` threads, for at most ``seconds``."""

    name: str
    body: bytes
    expected: int
    requests: int
    threads: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def run(self, port: int) -> None:
        lock = threading.Lock()
        sent = 0
        deadline = time.monotonic() + self.seconds

        def client() -> None:
            nonlocal sent
            while True:
                with lock:
                    if sent >= self.requests or time.monotonic() > deadline:
                        return
                    sent += 1
                began = time.perf_counter()
                # A connection of its own for each request: one left idle past the server's keep-alive is closed.
                failure = self.ask(http.client.HTTPConnection(HOST, port, timeout=self.seconds))
                took = time.perf_counter() - began
                with lock:
                    self.latencies.append(took)
                    if failure:
                        self.failures.append(failure)

        began = time.perf_counter()
        workers = [threading.Thread(target=client) for _ in range(self.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        self.elapsed = time.perf_counter() - began

    def ask(self, connection: http.client.HTTPConnection) -> str | None:
        try:
            connection.request("POST", "/v1/evaluate", self.body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
        except OSError as error:
            return f"{type(error).__name__}: {error}"
        finally:
            connection.close()
        if response.status != 200:
            return f"HTTP {response.status}: {data[:200]!r}"
        answered = len(json.loads(data)["reports"])
        return None if answered == self.expected else f"{answered} reports for {self.expected} records"

    def report(self, baseline: float) -> str:
        done = len(self.latencies)
        ms = sorted(latency * 1000 for latency in self.latencies)
        cut = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
        per_record = self.elapsed / max(done * self.expected, 1) * 1e6
        return (
            f"{self.name:<16} {done:>5} requests in {self.elapsed:6.2f} s: {done / self.elapsed:8.1f} requests/s, "
            f"{done * self.expected / self.elapsed:9.0f} records/s; latency ms p50 {cut[49]:7.1f} p90 {cut[89]:7.1f} "
            f"p99 {cut[98]:7.1f} max {ms[-1]:7.1f}; {per_record:6.0f} us a record against {baseline:6.0f} us "
            f"in process (x{per_record / baseline:.2f}); failed: {len(self.failures)}"
        )


def baseline(batch: Sequence[dict[str, Any]], rounds: int = 3) -> float:
    """Microseconds a record to answer ``batch`` and write the answers as JSON in this process: the service's floor."""
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        json.dumps({"reports": [outcome.to_dict() for outcome in fl.evaluate_many(batch, as_of=AS_OF)]})
        best = min(best, time.perf_counter() - began)
    return best / len(batch) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests (100 and 5)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (4)")
    args = parser.parse_args(argv)
    one, thousand = records(1), records(1000)
    body = {"as_of": AS_OF.isoformat()}
    phases = [
        Phase("1 record", json.dumps({**body, "records": one}).encode(), 1, 100 if args.quick else 400, args.threads,
              30),
        Phase("1,000 records", json.dumps({**body, "records": thousand}).encode(), 1000, 5 if args.quick else 20,
              args.threads, 120),
    ]  # fmt: skip
    print(f"fighterlaw {fl.__version__} service on {HOST}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    floors = {1: baseline(one * 50), 1000: baseline(thousand, rounds=1)}
    port = free_port()
    server = start(port)
    try:
        for phase in phases:
            phase.run(port)
            print(phase.report(floors[phase.expected]))
    finally:
        server.terminate()
        server.wait(10)
    failed = [failure for phase in phases for failure in phase.failures]
    for failure in failed[:10]:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
