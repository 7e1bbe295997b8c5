"""Backups: the whole database and the evidence files in one archive (design.md §10).

``archive`` knows the file format (a tar with a manifest and checksums), ``sqlite`` and
``postgres`` copy a database out and back in with the engine's own tools (the online backup
API, pg_dump/pg_restore), which keep every timestamp to the microsecond — ``dumpdata`` and
``loaddata`` do not.
"""

from __future__ import annotations


class BackupError(Exception):
    """A backup cannot be written or restored; the message is Vietnamese and says why."""
