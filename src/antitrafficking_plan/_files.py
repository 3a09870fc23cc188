"""Files written whole or not at all, and files and streams read within a bound.

Writing (:func:`write_text_atomically`): the text goes to a temporary file in the target's
folder, named ``.NAME.tmp-XXXXXXXX``, which is flushed to disk (``fsync``) and then
renamed over the target; the folder is synced too, so after a crash the target is the
old or the new file, never a mix. An existing target keeps its permission bits (and, where
the system allows it, its owner and group); a new file gets the permissions ``open()``
would give it (``0o666`` less the umask). A symbolic link is written through: its target
is replaced, the link stays. A target that exists and is not a regular file (a device
such as ``/dev/null``, a FIFO, a folder) is refused, and every failure is a
:class:`~antitrafficking_plan.errors.PlanWriteError` naming the path and the reason. The
temporary file is removed on every error Python sees; one left by a writer that was killed
(``SIGKILL``) is removed by the next write to the same target (a writer holds a lock on its
temporary file, so a live writer's file is never taken).

Reading (:func:`read_file_bounded`, :func:`read_stream_bounded`): at most ``limit`` bytes
are accepted; reading stops one byte past the limit and the error names the limit. Paths
that are not regular files are refused before they are opened (a FIFO would block, a
device such as ``/dev/zero`` never ends), as are paths containing a NUL character; both
give a :class:`~antitrafficking_plan.errors.PlanLoadError`.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "out.txt")
...     write_text_atomically(path, "hello\\n")
...     read_file_bounded(path, 100), sorted(p.name for p in pathlib.Path(tmp).iterdir())
(b'hello\\n', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from typing import Any, BinaryIO, TextIO

from .errors import PlanLoadError, PlanWriteError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locks, stale files are not collected
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "json_problem",
    "make_folder",
    "read_file_bounded",
    "read_stream_bounded",
    "write_bytes_atomically",
    "write_text_atomically",
]

_CHUNK = 1 << 20
_TEMP_SUFFIX = re.compile(r"\.tmp-[0-9a-f]{8}\Z")


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"  # pragma: no cover - door files and the like


def _reason(exc: OSError) -> str:
    """An OSError as a short reason: ``"No space left on device"``."""
    return exc.strerror or str(exc)


# -- writing -----------------------------------------------------------------------------
def json_problem(source: str, exc: Any) -> str:
    """What is wrong with a JSON text that ``json.loads`` refused with ``exc`` (a
    ``JSONDecodeError``), and where.

    >>> import json
    >>> try:
    ...     json.loads('{"a": "b')
    ... except json.JSONDecodeError as exc:
    ...     print(json_problem("plan.json", exc))
    plan.json is not valid JSON: unterminated string starting at line 1, column 7
    """
    what = (exc.msg[:1].lower() + exc.msg[1:]).removesuffix(" at")  # "starting at"
    return f"{source} is not valid JSON: {what} at line {exc.lineno}, column {exc.colno}"


def make_folder(path: str | os.PathLike[str]) -> None:
    """Make the folder ``path`` (and its parents) unless it is one already; anything else
    at that path, or a folder that cannot be made, is a :class:`PlanWriteError`."""
    shown = os.fsdecode(path)
    try:
        status = os.stat(shown)
    except FileNotFoundError:
        try:
            os.makedirs(shown, exist_ok=True)
        except (OSError, ValueError) as exc:
            reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
            raise PlanWriteError(shown, reason) from None
        return
    except ValueError:
        raise PlanWriteError(shown, "a path cannot contain a NUL character") from None
    if not stat.S_ISDIR(status.st_mode):
        raise PlanWriteError(
            shown, f"it exists and is {_kind(status.st_mode)}; a data package is a folder"
        )


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` whole or not at all (see the module docstring)."""
    shown = os.fsdecode(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # only text built around the model's checks
        raise PlanWriteError(
            shown, f"the text has a character UTF-8 cannot encode at position {exc.start}"
        ) from None
    write_bytes_atomically(path, data)


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see the module docstring)."""
    shown = os.fsdecode(path)
    if "\x00" in shown:
        raise PlanWriteError(shown, "the path contains a NUL character")
    try:
        _write(os.path.realpath(shown), data)
    except PlanWriteError as exc:
        raise PlanWriteError(shown, exc.reason) from None
    except OSError as exc:
        raise PlanWriteError(shown, _reason(exc)) from None


def _write(target: str, data: bytes) -> None:
    folder, name = os.path.split(target)
    folder = folder or os.curdir
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise PlanWriteError(
            target,
            f"it exists and is {_kind(existing.st_mode)}; only a regular file is replaced",
        )
    if not os.path.isdir(folder):
        if os.path.lexists(folder):
            raise PlanWriteError(target, f"{folder} is not a folder")
        raise PlanWriteError(target, f"the folder {folder} does not exist")
    _remove_stale(folder, name)
    fd, temporary = _create_temporary(folder, name)
    try:
        try:
            if existing is not None:
                _keep_attributes(fd, existing)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            if fcntl is None:  # pragma: no cover - Windows renames no open file
                os.close(fd)
                fd = -1
            # Renamed while still locked, so no other writer takes it for a dead one's.
            os.replace(temporary, target)
        finally:
            if fd >= 0:
                os.close(fd)  # releases the lock
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _create_temporary(folder: str, name: str) -> tuple[int, str]:
    """A new, locked temporary file ``.NAME.tmp-XXXXXXXX`` in ``folder``; created with
    mode ``0o666`` so the umask applies, as for ``open()``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = os.path.join(folder, f".{name}.tmp-{os.urandom(4).hex()}")
        try:
            fd = os.open(temporary, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 1 in 4 billion
            continue
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            # A writer cleaning stale files may have removed it before the lock was taken.
            if os.fstat(fd).st_ino == os.stat(temporary).st_ino:
                return fd, temporary
        except FileNotFoundError:  # pragma: no cover - that race, lost
            pass
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        os.close(fd)  # pragma: no cover - that race, lost: try another name


def _keep_attributes(fd: int, existing: os.stat_result) -> None:
    """Give the new file the replaced one's permission bits, and its owner and group
    where the system lets this process set them."""
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.fchown(fd, existing.st_uid, existing.st_gid)
            os.fchmod(fd, stat.S_IMODE(existing.st_mode))  # chown clears set-id bits


def _remove_stale(folder: str, name: str) -> None:
    """Remove temporary files of ``name`` left by writers that died (their lock is gone);
    a file whose lock is held belongs to a live writer and stays."""
    if fcntl is None:  # pragma: no cover - Windows
        return
    prefix = f".{name}"
    try:
        candidates = [
            entry.path
            for entry in os.scandir(folder)
            if entry.name.startswith(prefix)
            and _TEMP_SUFFIX.fullmatch(entry.name, len(prefix))
            and entry.is_file(follow_symlinks=False)
        ]
    except OSError:
        return
    for candidate in candidates:
        try:
            fd = os.open(candidate, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(candidate)
        except OSError:
            pass  # locked: a live writer's
        finally:
            os.close(fd)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk (not possible everywhere: Windows has no folder handles)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse, the rename stands
            os.fsync(fd)
    finally:
        os.close(fd)


# -- reading -----------------------------------------------------------------------------
def _too_large(source: str, limit: int) -> PlanLoadError:
    return PlanLoadError(
        f"{source}: more than the {limit:,} bytes a plan file may have (reading stopped "
        f"at byte {limit + 1:,})"
    )


def _read_chunks(read: Callable[[int], Any], limit: int, source: str) -> Any:
    """Bytes (or text, from a text stream) from ``read(n)`` until it returns nothing,
    refusing more than ``limit`` bytes (characters, for text)."""
    chunks: list[Any] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if chunk is None:  # a non-blocking stream with nothing to read yet
            raise PlanLoadError(f"{source}: cannot be read (it is non-blocking and empty)")
        if not chunk:
            if chunks and isinstance(chunks[0], str):
                return "".join(chunks)
            return b"".join(chunks)
        chunks.append(chunk if isinstance(chunk, str) else bytes(chunk))
        total += len(chunk)
        if total > limit:
            raise _too_large(source, limit)


def read_stream_bounded(stream: BinaryIO | TextIO, limit: int, source: str) -> bytes | str:
    """All bytes of ``stream`` (standard input, say), refusing more than ``limit``: it
    stops reading one byte past the limit, so an endless stream such as ``/dev/zero``
    ends in a :class:`PlanLoadError` naming the limit. A text stream gives text."""
    try:
        data: bytes | str = _read_chunks(stream.read, limit, source)
    except OSError as exc:
        raise PlanLoadError(f"{source}: cannot be read ({_reason(exc)})") from None
    return data


def read_file_bounded(path: str | os.PathLike[str], limit: int, what: str = "plan file") -> bytes:
    """The bytes of the regular file at ``path``, refusing more than ``limit``; anything
    but a regular file is refused before it is opened (it cannot block or run on).
    ``what`` names the file in messages ("plan file", "workbook", "status file")."""
    shown = os.fsdecode(path)
    if "\x00" in shown:
        raise PlanLoadError(f"{shown!r}: a path cannot contain a NUL character")
    try:
        _check_regular(shown, os.stat(shown), limit, what)
        # O_NONBLOCK: should a FIFO replace the file after the check, opening it does not
        # wait for a writer; the check below then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(shown, flags | getattr(os, "O_CLOEXEC", 0))
        try:
            _check_regular(shown, os.fstat(fd), limit, what)
            data: bytes = _read_chunks(lambda n: os.read(fd, n), limit, shown)
            return data
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise PlanLoadError(f"{shown}: no such {what}") from None
    except NotADirectoryError:
        raise PlanLoadError(f"{shown}: no such {what} (a part of the path is a file)") from None
    except OSError as exc:
        raise PlanLoadError(f"{shown}: cannot be read ({_reason(exc)})") from None


def _check_regular(shown: str, status: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise PlanLoadError(f"{shown}: is a directory, not a {what}")
    if not stat.S_ISREG(status.st_mode):
        raise PlanLoadError(
            f"{shown}: is {_kind(status.st_mode)}, not a regular file; a {what} must be a "
            "regular file (on the command line, '-' reads standard input)"
        )
    if status.st_size > limit:
        raise PlanLoadError(
            f"{shown}: the file is {status.st_size:,} bytes, more than the {limit:,} a "
            f"{what} may have"
        )
