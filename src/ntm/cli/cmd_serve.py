"""``ntm serve [--host 127.0.0.1] [--port 8000]``: serve the web app with waitress.

Static files come through WhiteNoise from the apps' folders (``WHITENOISE_USE_FINDERS``), so
no ``collectstatic`` step is needed on a fresh clone. The database is the configured one.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from ntm.cli import InputError, UsageError, setup_django

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
THREADS = 8
MSG_BAD_PORT = "cổng phải từ 1 đến 65535 (port must be 1-65535): {port}"
MSG_SERVING = "ntm đang chạy tại {url} (Ctrl+C để dừng)"
MSG_CANNOT_LISTEN = (
    "Không mở được {host}:{port} ({reason}): cổng đang bận? Hãy chọn cổng khác với --port. "
    "(Cannot listen on {host}:{port}: is the port in use? Choose another with --port.)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_server_arguments(parser)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """``--host`` and ``--port``, shared with ``ntm demo``."""
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"địa chỉ lắng nghe (mặc định {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"cổng (mặc định {DEFAULT_PORT})"
    )


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> int:
    serve(args.host, args.port)
    return 0


def serve(host: str, port: int) -> None:
    """Block serving the WSGI app until interrupted."""
    if not 0 < port < 65536:
        raise UsageError(MSG_BAD_PORT.format(port=port))
    setup_django()
    from django.conf import settings
    from waitress.server import create_server

    from ntm.wsgi import application

    # WhiteNoise serves from the apps' folders; an empty STATIC_ROOT spares a startup warning.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    try:
        server = create_server(application, host=host, port=port, threads=THREADS, ident="ntm")
    except OSError as exc:
        raise InputError(
            MSG_CANNOT_LISTEN.format(host=host, port=port, reason=exc.strerror or exc)
        ) from None
    print(MSG_SERVING.format(url=address(host, port)), flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
