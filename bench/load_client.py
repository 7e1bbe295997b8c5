"""The load benchmark's virtual users: threads speaking HTTP/1.1 to a server on loopback.

Each user loops until the deadline (or its request budget) runs out: four form saves, then one
read, in turn of the reads of its kind, pausing ``THINK_SECONDS`` on average after each answer
(each pause drawn between half and one and a half times it; each user starts at its own
moment within the first pause). A form
save is what an officer's "Lưu" sends: ``FORM_VALUES`` values of the user's commune in one
``PUT /api/units/{code}/values/{set}/{period}/`` with the user's Bearer token, each from the
version the user last read (so a 409 would be a real lost update). The writes counted are the
values accepted (the issue's "writes/s"); the forms and requests per second are shown beside.

Why a pause: a person reads the page before the next save; users without one are a stress
test (every user waits only on the server), where the latency is the queue of 50 users, not
the time of a request. ``THINK_SECONDS = 0`` gives that test.

The reads:

- a commune officer: its commune's page (the landing page) and its evaluation through the API;
- a district office: the district dashboard, the dashboard's data (JSON) and the review of the
  district's communes through the API.

Every request opens its own connection (``Connection: close``): no keep-alive bookkeeping can
then turn a server-side idle timeout into a false error. The standard library's ``http.client``
is the client: nothing to install, and its cost per request is small beside the server's.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

WRITES_PER_READ = 4
FORM_VALUES = 10  # values per form save: an officer's monthly update of a few criteria
THINK_SECONDS = 1.5  # the pause after each answer, before the user's next request
REQUEST_TIMEOUT = 60.0
MAX_REQUESTS_PER_USER_SECOND = 200  # the count bound: no user sends more than this per second
ERRORS_KEPT = 10
WRITE = f"write: PUT a form of {FORM_VALUES} values (API)"
WARM_UP = "warm-up: each read once before the clock starts"


@dataclass
class Tally:
    """What one user saw: latencies per request kind, errors, and the accepted writes per
    indicator (count, the version the server answered, the text sent)."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    accepted: dict[str, dict] = field(default_factory=dict)
    values_accepted: int = 0  # in the timed run
    warm_up_values: int = 0  # saved by the warm-up (in the database too, not in the rate)


def _reads(user: dict, plan: dict) -> list[tuple[str, str, bool]]:
    """(kind, path, with token) of the reads of this user's kind."""
    unit, query = user["read_unit"], urlencode({"set": plan["read_set"], "period": plan["period"]})
    if user["kind"] == "district":
        return [
            ("read: district dashboard (page)", f"/?unit={unit}", False),
            ("read: dashboard data (JSON)", f"/dashboard/data.json?unit={unit}", False),
            ("read: district review (API)", f"/api/units/{unit}/review/?{query}", True),
        ]
    return [
        ("read: commune page", f"/units/{unit}/?period={plan['period']}", False),
        ("read: commune evaluation (API)", f"/api/units/{unit}/evaluation/?{query}", True),
    ]


def _value_text(n: int) -> str:
    """A percent-or-number value in the Vietnamese way ("57,35"), different from the one
    written before to the same indicator (``n`` grows by one per write of the indicator), and never
    one the setup imported (those have one decimal): a write equal to the stored text would be
    "unchanged", accepted without a history row, and read as a lost write by the count."""
    return f"{n % 600 / 10 + 40.05:.2f}".replace(".", ",")


class VirtualUser(threading.Thread):
    def __init__(
        self,
        user: dict,
        plan: dict,
        port: int,
        seconds: float,
        start_at: float,
        think: float = THINK_SECONDS,
    ):
        super().__init__(daemon=True, name=user["username"])
        self.think = think
        self.user, self.plan, self.port = user, plan, port
        self.start_at, self.deadline = start_at, start_at + seconds
        self.budget = max(1, int(MAX_REQUESTS_PER_USER_SECOND * seconds))
        self.tally = Tally()
        self.versions = dict(user["versions"])

    def _request(self, method: str, path: str, headers: dict, body: bytes | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers={"Connection": "close", **headers})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def _timed(self, kind: str, method: str, path: str, headers: dict, body=None):
        started = time.perf_counter()
        try:
            status, payload = self._request(method, path, headers, body)
        except (OSError, http.client.HTTPException) as exc:
            status, payload = 0, repr(exc).encode()
        elapsed = time.perf_counter() - started
        self.tally.latencies.setdefault(kind, []).append(elapsed)
        if not 200 <= status < 300:
            self.tally.errors[kind] = self.tally.errors.get(kind, 0) + 1
            if len(self.tally.error_samples) < ERRORS_KEPT:
                text = payload[:200].decode("utf-8", "replace")
                self.tally.error_samples.append(f"{kind} {path} -> {status} {text}")
            return None
        return payload

    def _write(self, n: int, kind: str = WRITE) -> None:
        """Save the n-th form: the next ``FORM_VALUES`` indicators of the user's, in turn
        (tallied under ``kind``; its values are accepted writes whatever the kind)."""
        codes = list(self.versions)
        chosen = list(
            dict.fromkeys(codes[(n * FORM_VALUES + i) % len(codes)] for i in range(FORM_VALUES))
        )
        texts = {
            code: _value_text(self.tally.accepted.get(code, {"count": 0})["count"])
            for code in chosen
        }
        path = (
            f"/api/units/{self.user['write_unit']}/values/{self.plan['set']}/{self.plan['period']}/"
        )
        body = json.dumps(
            {
                "values": [
                    {"indicator": code, "value": texts[code], "version": self.versions[code]}
                    for code in chosen
                ]
            }
        ).encode()
        headers = {
            "Authorization": f"Bearer {self.user['token']}",
            "Content-Type": "application/json",
        }
        payload = self._timed(kind, "PUT", path, headers, body)
        if payload is None:
            return
        for stored in json.loads(payload)["values"]:
            code = stored["indicator"]
            self.versions[code] = stored["version"]
            done = self.tally.accepted.setdefault(code, {"count": 0})
            done.update(count=done["count"] + 1, version=stored["version"], raw=texts[code])
        if kind == WARM_UP:
            self.tally.warm_up_values += len(chosen)
        else:
            self.tally.values_accepted += len(chosen)

    def _read(self, kind: str, path: str, with_token: bool) -> None:
        auth = (
            {"Authorization": f"Bearer {self.user['token']}"}
            if with_token
            else {"Cookie": f"{self.plan['session_cookie']}={self.user['session']}"}
        )
        self._timed(kind, "GET", path, auth)

    def warm_up(self) -> None:
        """Each read of the user's kind once and one form save, before the clock starts
        (tallied apart as ``WARM_UP``; the saved values are accepted writes all the same): what
        a worker builds at its first request of a kind is not steady load."""
        for _kind, path, with_token in _reads(self.user, self.plan):
            self._read(WARM_UP, path, with_token)
        self._write(-1, WARM_UP)

    def run(self) -> None:
        reads = _reads(self.user, self.plan)
        # People neither start nor pause in step: each user starts at its own moment within
        # the first pause and pauses between half and one and a half times ``think`` (the mean
        # is ``think``), drawn from a generator seeded by its name (the same run each time).
        # Users started together and paused alike would stay in step, fifty requests at once
        # every pause: the latency would then be the queue of each burst.
        rng = random.Random(self.user["username"])
        self._pause(rng.uniform(0.0, self.think))
        writes = n = 0
        while n < self.budget and time.perf_counter() < self.deadline:
            if n % (WRITES_PER_READ + 1) == WRITES_PER_READ:
                self._read(*reads[(n // (WRITES_PER_READ + 1)) % len(reads)])
            else:
                self._write(writes)
                writes += 1
            n += 1
            self._pause(rng.uniform(0.5 * self.think, 1.5 * self.think))

    def _pause(self, seconds: float) -> None:
        while time.perf_counter() < self.start_at:
            time.sleep(0.001)
        if seconds > 0:
            time.sleep(max(0.0, min(seconds, self.deadline - time.perf_counter())))


def run_users(
    users: list[dict],
    plan: dict,
    port: int,
    seconds: float,
    think: float = THINK_SECONDS,
    on_start: Callable[[], None] | None = None,
) -> tuple[float, Tally]:
    """Run every user at once for ``seconds``, each pausing ``think`` seconds after each
    answer; (elapsed wall seconds, the merged tally). ``on_start`` is called once the users
    have warmed up, as the clock starts (where the CPU counters are read)."""
    threads = [VirtualUser(u, plan, port, seconds, 0.0, think) for u in users]
    warmers = [threading.Thread(target=t.warm_up, daemon=True) for t in threads]
    for w in warmers:
        w.start()
    for w in warmers:
        w.join(REQUEST_TIMEOUT * 4)
    if on_start is not None:
        on_start()
    start_at = time.perf_counter() + 0.2
    for t in threads:
        t.start_at, t.deadline = start_at, start_at + seconds
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT + 30)
    elapsed = time.perf_counter() - start_at
    merged = Tally()
    for t in threads:
        for kind, values in t.tally.latencies.items():
            merged.latencies.setdefault(kind, []).extend(values)
        for kind, count in t.tally.errors.items():
            merged.errors[kind] = merged.errors.get(kind, 0) + count
        merged.error_samples.extend(t.tally.error_samples)
        merged.accepted[t.user["username"]] = t.tally.accepted
        merged.values_accepted += t.tally.values_accepted
        merged.warm_up_values += t.tally.warm_up_values
    return elapsed, merged


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]
