# gunicorn settings for ntm on a shared server (PostgreSQL), read with
#   .venv/bin/gunicorn -c deploy/gunicorn.conf.py ntm.wsgi:application
# and measured by `ntm bench --only load` with exactly these settings. Each can be overridden
# from the environment (GUNICORN_CMD_ARGS="--workers 9", or the variables below).
import gc
import multiprocessing
import os

bind = os.environ.get("NTM_BIND", "127.0.0.1:8000")
# Processes, not threads, carry the load: a Django request is mostly Python, held by one GIL per
# process. gunicorn's rule of thumb, 2 per core + 1, keeps the cores busy while some wait on
# PostgreSQL.
workers = int(os.environ.get("NTM_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# One request at a time per process ("sync"), behind nginx, which buffers slow clients: a busy
# worker accepts no connection, so a quick request never waits behind a slow one in the same
# process. Threaded workers ("gthread") accept into a queue per process: measured with `ntm
# bench --only load` on 2 cores, the 95th percentile of a form save was 160-230 ms with 5 x 2
# threads and 100-120 ms with 5 sync workers (the reads' 99th 210-320 ms, and 105-190 ms).
# NTM_WORKER_CLASS=gthread with NTM_THREADS=N brings threads back.
worker_class = os.environ.get("NTM_WORKER_CLASS", "sync")
threads = int(os.environ.get("NTM_THREADS", "1"))
# A worker silent for this long is restarted: longer than the longest import the app accepts
# (NTM_IMPORT_MAX_SECONDS, 900 by default), which nginx waits for too.
timeout = int(
    os.environ.get("NTM_WORKER_TIMEOUT", float(os.environ.get("NTM_IMPORT_MAX_SECONDS", 900)) + 60)
)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The app (Django, the criteria sets) is loaded once in the master and shared by the forked
# workers: they answer at once after a (re)start and share the memory of what they read.
preload_app = True
accesslog = os.environ.get("NTM_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()


def when_ready(server):
    """Read the criteria sets (files only) in the master before workers fork, and close any
    database connection opened meanwhile: a connection must never be shared across a fork."""
    from django.db import connections

    from ntm.criteria.registry import load_registry

    load_registry()
    connections.close_all()
    # What the master loaded (Django, the app, the criteria sets) lives as long as the workers:
    # moved out of the collector's reach, it is never scanned again by a worker's full
    # collection (each one a pause of every request in flight) nor copied on write by one.
    gc.freeze()
