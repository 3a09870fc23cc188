"""Writing files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import PlanLoadError

__all__ = ["read_bytes", "write_bytes_atomically", "write_text_atomically"]


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int, what: str) -> bytes:
    """The bytes of the file at ``path``; a missing, unreadable or too large file (more
    than ``max_bytes``) is a :class:`~antitrafficking_plan.PlanLoadError` naming ``path``
    and ``what`` it should be ("CSV file", "workbook")."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise PlanLoadError(
                f"{p}: {size:,} bytes, more than the {max_bytes:,} a {what} may have"
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise PlanLoadError(f"{p}: no such {what}") from None
    except IsADirectoryError:
        raise PlanLoadError(f"{p}: is a directory, not a {what}") from None
    except OSError as exc:
        raise PlanLoadError(f"{p}: cannot be read ({exc.strerror or exc})") from None


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder that then
    replaces it, so a failure (a full disk, an interrupted write) never leaves a truncated
    file behind."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` as :func:`write_bytes_atomically` does; an
    unencodable character fails before anything is touched."""
    write_bytes_atomically(path, text.encode("utf-8"))
