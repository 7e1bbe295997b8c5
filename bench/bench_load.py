"""Load benchmark (issue 13, item 5): many users writing values and reading pages at once,
against the app under its production server (gunicorn, ``deploy/gunicorn.conf.py``) on
PostgreSQL, on loopback only, bounded in time (``seconds``) and count (each user's budget).

1. A scratch database: next to ``NTM_TEST_DATABASE_URL``/``DATABASE_URL`` if given, else in a
   throwaway cluster (``bench.pgdatabase``); ``database="sqlite"`` uses a scratch SQLite file
   (the test suite's SQLite pass), and is labelled so.
2. ``ntm init`` (the national units), then ``bench.load_setup``: values for ``n_communes``
   communes, the users, their tokens and sessions.
3. gunicorn on 127.0.0.1 and a free port; ``users`` threads for ``seconds``
   (``bench.load_client``); gunicorn stopped.
4. Every accepted write counted back from the database (history rows, versions, texts).

Rows: writes per second (ratio = measured / the 200/s bound, ok at >= 1), p50/p95/p99 per
request kind (ratio = p99 / the 0.5 s bound, ok at <= 1), errors (must be 0) and the
counted-back writes (must equal the accepted ones). Whatever else runs on the machine shares
its cores with both the server and the users: compare ratios between runs, not seconds.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench import load_client
from bench.cpu import tree_cpu_seconds
from bench.pgdatabase import NoPostgres, Scratch, scratch_database

ROOT = Path(__file__).resolve().parents[1]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
TARGET_WRITES_PER_SECOND = 200.0
TARGET_P99_SECONDS = 0.5
DEFAULT_USERS = 50
DEFAULT_SECONDS = 60.0
DEFAULT_COMMUNES = 2_000
SERVER_START_SECONDS = 60.0


def _env(database_url: str | None, var_dir: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "NTM_PRODUCTION")
    }
    env.update(
        NTM_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="ntm.settings",
        PYTHONPATH=os.pathsep.join(
            filter(None, [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise RuntimeError(f"{' '.join(args[1:4])} failed: {tail}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], var_dir: str) -> Iterator[tuple[int, str, int]]:
    """Yield (port, settings line, master pid) of gunicorn serving the app with the production
    settings."""
    port = _free_port()
    Path(var_dir, "static").mkdir(parents=True, exist_ok=True)
    log = Path(var_dir, "gunicorn.log")
    server_env = {**env, "NTM_BIND": f"127.0.0.1:{port}"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "ntm.wsgi:application"],
            env=server_env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(server, port, log)
        yield port, _settings_line(server_env), server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _settings_line(env: dict[str, str]) -> str:
    code = f"import runpy; c = runpy.run_path({str(GUNICORN_CONF)!r}); "
    code += "print(c['workers'], c['worker_class'], c['threads'])"
    out = _run([sys.executable, "-c", code], env).split()
    return f"gunicorn {out[0]} workers × {out[2]} threads ({out[1]})"


def _wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-800:]}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in {SERVER_START_SECONDS:.0f} s")


@contextlib.contextmanager
def _database(database: str) -> Iterator[Scratch | None]:
    if database == "sqlite":
        yield None
        return
    with scratch_database() as scratch:
        yield scratch._replace(where=f"PostgreSQL, {scratch.where}")


def bench_load(
    n_communes: int = DEFAULT_COMMUNES,
    users: int = DEFAULT_USERS,
    seconds: float = DEFAULT_SECONDS,
    database: str = "postgres",
    think: float = load_client.THINK_SECONDS,
) -> list[dict]:
    """Run the load benchmark; rows as ``ntm bench`` prints them (one per figure). ``think``:
    each user's pause after each answer (0: a stress test, users wait only on the server)."""
    import psycopg

    try:
        return _bench(n_communes, users, seconds, database, think)
    except subprocess.CalledProcessError as exc:  # initdb or pg_ctl
        detail = f"{exc.cmd[-1]}: {(exc.stderr or b'').decode(errors='replace')[-400:]}"
        return [{"step": "load benchmark did not run", "ok": False, "detail": detail}]
    except (NoPostgres, RuntimeError, OSError, psycopg.Error) as exc:
        return [{"step": "load benchmark did not run", "ok": False, "detail": str(exc)}]


def _bench(n_communes: int, users: int, seconds: float, database: str, think: float) -> list[dict]:
    with (
        tempfile.TemporaryDirectory(prefix="ntm-bench-load-") as var_dir,
        _database(database) as scratch,
    ):
        env = _env(scratch.url if scratch else None, var_dir)
        plan_path = Path(var_dir, "plan.json")
        started = time.perf_counter()
        _run([sys.executable, "-m", "ntm", "init", "--quiet"], env)
        _run(
            [sys.executable, "-m", "bench.load_setup", "setup", str(plan_path)]
            + ["--communes", str(n_communes), "--users", str(users)],
            env,
        )
        setup_seconds = time.perf_counter() - started
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
        db_pid = scratch.postmaster_pid if scratch else None
        with gunicorn(env, var_dir) as (port, server, server_pid):
            started_cpu: dict = {}

            def read_counters() -> None:  # after the warm-up: steady load only
                started_cpu.update(_cpu(server_pid, db_pid), client=time.process_time())

            elapsed, tally = load_client.run_users(
                plan["users"], plan, port, seconds, think, on_start=read_counters
            )
            cpu = {k: _minus(v, started_cpu[k]) for k, v in _cpu(server_pid, db_pid).items()}
            cpu["client"] = time.process_time() - started_cpu["client"]
        accepted_path = Path(var_dir, "accepted.json")
        accepted_path.write_text(json.dumps(tally.accepted), encoding="utf-8")
        count_args = ["count", str(plan_path), str(accepted_path)]
        out = _run([sys.executable, "-m", "bench.load_setup", *count_args], env)
        counted = json.loads(out.strip().splitlines()[-1])
    where = scratch.where if scratch else "SQLite (scratch file; not the PostgreSQL figure)"
    where_line = (
        f"{where}; {server}; {users} users, {seconds:g} s, {think:g} s pause after each "
        "answer, loopback"
    )
    setup_row = {
        "step": f"setup: ntm init + {plan['communes']:,} communes, {plan['values']:,} values",
        "seconds": setup_seconds,
        "detail": where_line,
    }
    return [setup_row, *rows(elapsed, tally, counted, think), cpu_row(tally, cpu)]


def _cpu(server_pid: int, db_pid: int | None) -> dict[str, float | None]:
    return {"server": tree_cpu_seconds(server_pid), "database": tree_cpu_seconds(db_pid)}


def _minus(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


def cpu_row(tally: load_client.Tally, cpu: dict[str, float | None]) -> dict:
    """CPU per request of the timed run (the counters are read after the warm-up) and what the
    machine's cores would carry at this mix with nothing else running: an estimate, not a
    measurement."""
    requests = sum(len(v) for k, v in tally.latencies.items() if k != load_client.WARM_UP)
    writes = tally.values_accepted  # values: the throughput row's unit
    per = {k: v / requests for k, v in cpu.items() if v is not None and requests}
    shown = ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in per.items())
    row: dict = {"step": "CPU per request (server, database, client)", "detail": shown}
    row.update({f"cpu_{k}_seconds": v for k, v in per.items()})
    # The users would run elsewhere: the server's and the database's CPU alone set capacity.
    used = per.get("server", 0.0) + per.get("database", 0.0)
    if used and requests:
        cores = os.cpu_count() or 1
        capacity = cores / used * writes / requests
        unseen = "" if "database" in per else " (database CPU not seen: a server of its own)"
        row.update(
            per_second=capacity,
            ratio=capacity / TARGET_WRITES_PER_SECOND,
            detail=f"{shown}; {cores} cores to the server and database alone would carry "
            f"~{capacity:,.0f} values written/s at this mix{unseen}: an estimate from CPU time, "
            "not a measurement",
        )
    return row


def rows(
    elapsed: float,
    tally: load_client.Tally,
    counted: dict,
    think: float = load_client.THINK_SECONDS,
) -> list[dict]:
    """The figures of one run: throughput, latency per kind, errors, writes counted back."""
    forms = len(tally.latencies.get(load_client.WRITE, [])) - tally.errors.get(load_client.WRITE, 0)
    accepted = tally.values_accepted
    all_requests = sum(len(v) for k, v in tally.latencies.items() if k != load_client.WARM_UP)
    errors = sum(tally.errors.values())
    per_second = accepted / elapsed if elapsed else 0.0
    pause = f"{think:g} s pause after each answer"
    out = [
        {
            "step": "throughput: accepted writes per second",
            "seconds": elapsed,
            "count": accepted,
            "per_second": per_second,
            "ratio": per_second / TARGET_WRITES_PER_SECOND,
            "target": f">= {TARGET_WRITES_PER_SECOND:g} writes/s",
            "ok": per_second >= TARGET_WRITES_PER_SECOND,
            "detail": f"{forms:,} forms of {load_client.FORM_VALUES} values, "
            f"{forms / elapsed:,.1f} forms/s; {all_requests:,} requests in all, "
            f"{all_requests / elapsed:,.1f}/s; {pause}",
        }
    ]
    for kind in sorted(tally.latencies, key=lambda k: (k != load_client.WRITE, k)):
        values = tally.latencies[kind]
        if kind == load_client.WARM_UP:
            out.append(
                {
                    "step": kind,
                    "seconds": max(values),
                    "count": len(values),
                    "errors": tally.errors.get(kind, 0),
                    "detail": f"slowest {max(values) * 1000:.0f} ms, not in the figures above",
                }
            )
            continue
        p50, p95, p99 = (load_client.percentile(values, p) for p in (50, 95, 99))
        out.append(
            {
                "step": f"latency, {kind}",
                "seconds": p99,
                "count": len(values),
                "p50": p50,
                "p95": p95,
                "p99": p99,
                "errors": tally.errors.get(kind, 0),
                "ratio": p99 / TARGET_P99_SECONDS,
                "target": f"p99 < {TARGET_P99_SECONDS:g} s",
                "ok": p99 < TARGET_P99_SECONDS,
                "detail": f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                f"p99 {p99 * 1000:.0f} ms, n={len(values):,}",
            }
        )
    out.append(
        {
            "step": "errors (any answer but 2xx, or no answer)",
            "count": errors,
            "target": "= 0",
            "ok": errors == 0,
            "detail": "; ".join(tally.error_samples[:3]),
        }
    )
    lost = counted["accepted"] - counted["counted"]
    out.append(
        {
            "step": "accepted writes counted back from the database",
            "count": counted["counted"],
            "accepted": counted["accepted"],
            "warm_up": tally.warm_up_values,
            "target": "= accepted, none lost",
            "ok": lost == 0
            and not counted["mismatched"]
            and counted["accepted"] == accepted + tally.warm_up_values,
            "detail": f"{counted['accepted']:,} accepted ({tally.warm_up_values:,} in the "
            f"warm-up), {counted['counted']:,} history rows, "
            f"{len(counted['mismatched'])} values differing"
            + (f" ({', '.join(counted['mismatched'][:3])})" if counted["mismatched"] else ""),
        }
    )
    stale = counted.get("stale", [])
    out.append(
        {
            "step": "stored results after the run equal a fresh evaluation",
            "count": len(stale),
            "target": "= 0 differing",
            "ok": not stale,
            "detail": f"{len(stale)} differing" + (f" ({', '.join(stale[:3])})" if stale else ""),
        }
    )
    return out


if __name__ == "__main__":
    for row in bench_load(users=int(sys.argv[1]), seconds=float(sys.argv[2])):
        print(row)
