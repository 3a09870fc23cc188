"""Writing files whole or not at all, and reading files and streams within a bound
(``antitrafficking_plan._files``), through the public writers and readers."""

from __future__ import annotations

import errno
import io
import os
import stat
import threading
from pathlib import Path

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import _files, codec
from antitrafficking_plan.errors import PlanLoadError, PlanWriteError
from antitrafficking_plan.export import to_csv, to_json

PLAN = atp.load_plan()
TEXT = codec.dumps_plan(PLAN)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- writing ---------------------------------------------------------------------------------
def test_an_existing_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")
    for mode in (0o644, 0o600, 0o640, 0o604):
        path.chmod(mode)
        atp.dump_plan(PLAN, path)
        assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == TEXT


def test_a_new_file_follows_the_umask_like_open(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atp.dump_plan(PLAN, tmp_path / "new.json")
        with open(tmp_path / "by_open.json", "w", encoding="utf-8"):
            pass
    finally:
        os.umask(old)
    made = stat.S_IMODE((tmp_path / "new.json").stat().st_mode)
    assert made == stat.S_IMODE((tmp_path / "by_open.json").stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_as_root_an_existing_file_keeps_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")
    os.chown(path, 12345, 23456)
    atp.dump_plan(PLAN, path)
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "data" / "plan.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atp.dump_plan(PLAN, link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == TEXT
    assert _names(real.parent) == ["plan.json"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    atp.dump_plan(PLAN, link)
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text(encoding="utf-8") == TEXT


def test_dev_null_is_refused_and_stays_a_device() -> None:
    with pytest.raises(PlanWriteError) as info:
        atp.dump_plan(PLAN, "/dev/null")
    assert str(info.value) == (
        "cannot write /dev/null: it exists and is a character device; only a regular file "
        "is replaced"
    )
    assert info.value.path == "/dev/null"
    assert isinstance(info.value, OSError)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_data_package_is_not_written_over_a_file() -> None:
    with pytest.raises(PlanWriteError) as info:
        atp.dump_plan(PLAN, "/dev/null", format="datapackage")
    assert str(info.value) == (
        "cannot write /dev/null: it exists and is a character device; a data package is a folder"
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_and_a_directory_are_refused_as_targets(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PlanWriteError, match="is a FIFO"):
        atp.dump_plan(PLAN, fifo)
    with pytest.raises(PlanWriteError, match="is a directory"):
        to_csv(PLAN.activities, tmp_path)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _names(tmp_path) == ["fifo"]


def test_a_missing_folder_and_a_nul_are_write_errors(tmp_path: Path) -> None:
    with pytest.raises(PlanWriteError, match="does not exist"):
        atp.dump_plan(PLAN, tmp_path / "absent" / "plan.json")
    with pytest.raises(PlanWriteError, match="NUL character"):
        atp.dump_plan(PLAN, str(tmp_path / "a\x00b.json"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_write_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PlanWriteError, match="Permission denied"):
            atp.dump_plan(PLAN, folder / "plan.json")
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_no_temporary_file_is_left_when_a_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(PlanWriteError) as info:
        atp.dump_plan(PLAN, path)
    monkeypatch.undo()
    assert str(info.value) == f"cannot write {path}: No space left on device"
    assert path.read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["plan.json"]


def test_no_temporary_file_is_left_on_an_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        to_json(PLAN.activities, tmp_path / "acts.json")
    assert _names(tmp_path) == []


def test_the_next_write_removes_a_dead_writers_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    stale = tmp_path / ".plan.json.tmp-0123abcd"  # as a killed writer leaves it: unlocked
    stale.write_text("half a pl", encoding="utf-8")
    other = tmp_path / ".other.json.tmp-0123abcd"  # another target's: not ours to take
    other.write_text("x", encoding="utf-8")
    lookalike = tmp_path / ".plan.json.tmp-mine"  # not of the pattern
    lookalike.write_text("x", encoding="utf-8")
    atp.dump_plan(PLAN, path)
    assert _names(tmp_path) == [".other.json.tmp-0123abcd", ".plan.json.tmp-mine", "plan.json"]


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    live = tmp_path / ".plan.json.tmp-89abcdef"
    with open(live, "w", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        atp.dump_plan(PLAN, tmp_path / "plan.json")
        assert live.exists()


def test_concurrent_writers_each_leave_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    texts = [f"{n}\n" * 50_000 for n in range(4)]
    failures: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(5):
                _files.write_text_atomically(path, text)
        except BaseException as exc:  # pragma: no cover - shown by the assertion
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert path.read_text(encoding="utf-8") in texts
    assert _names(tmp_path) == ["out.txt"]


# -- reading ---------------------------------------------------------------------------------
def test_dev_zero_as_a_path_is_refused_before_reading() -> None:
    with pytest.raises(PlanLoadError) as info:
        atp.load_plan("/dev/zero")
    assert str(info.value) == (
        "/dev/zero: is a character device, not a regular file; a plan file must be a regular "
        "file (on the command line, '-' reads standard input)"
    )


def test_a_fifo_path_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    thread = threading.Thread(target=lambda: _catch(fifo, result), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "load_plan waited on a FIFO"
    assert isinstance(result[0], PlanLoadError)
    assert "is a FIFO (named pipe), not a regular file" in str(result[0])


def _catch(path: Path, into: list[BaseException]) -> None:
    try:
        atp.load_plan(path)
    except BaseException as exc:
        into.append(exc)


def test_a_fifo_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: a regular file at ``stat`` time, a FIFO at ``open`` time."""
    path = tmp_path / "plan.json"
    path.write_text(TEXT, encoding="utf-8")
    real_stat = os.stat

    def stat_then_swap(name: str, *args: object, **kwargs: object) -> os.stat_result:
        status = real_stat(name)
        if name == str(path) and not kwargs and not args:
            path.unlink()
            os.mkfifo(path)
        return status

    monkeypatch.setattr(os, "stat", stat_then_swap)
    with pytest.raises(PlanLoadError, match="is a FIFO"):
        atp.load_plan(path)


def test_a_nul_in_a_path_is_a_load_error() -> None:
    with pytest.raises(PlanLoadError, match="a path cannot contain a NUL character"):
        atp.load_plan("plan\x00.json")


class Zeros(io.RawIOBase):
    """An endless stream of zero bytes that counts what it hands out."""

    served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        view[:] = bytes(len(view))
        self.served += len(view)
        return len(view)


def test_an_endless_stream_stops_one_byte_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "MAX_PLAN_BYTES", 4096)
    zeros = Zeros()
    with pytest.raises(PlanLoadError) as info:
        codec.read_plan_stream(zeros)  # type: ignore[arg-type]
    assert zeros.served == 4097  # not a byte more was read
    assert str(info.value) == (
        "standard input: more than the 4,096 bytes a plan file may have (reading stopped at "
        "byte 4,097)"
    )
    with open("/dev/zero", "rb") as zero, pytest.raises(PlanLoadError, match="more than the"):
        codec.read_plan_stream(zero)


def test_a_stream_within_the_limit_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = TEXT.encode("utf-8")
    monkeypatch.setattr(codec, "MAX_PLAN_BYTES", len(data))
    assert codec.read_plan_stream(io.BytesIO(data)) == PLAN
    with pytest.raises(PlanLoadError, match="more than the"):
        codec.read_plan_stream(io.BytesIO(data + b" "))


def test_a_file_that_grows_past_its_size_is_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b" " * 100)
    real_stat, real_fstat = os.stat, os.fstat

    def empty(status: os.stat_result) -> os.stat_result:  # as if it had been empty
        return os.stat_result((status.st_mode, *status[1:6], 0, *status[7:]))

    monkeypatch.setattr(os, "stat", lambda name: empty(real_stat(name)))
    monkeypatch.setattr(os, "fstat", lambda fd: empty(real_fstat(fd)))
    with pytest.raises(PlanLoadError, match="more than the 50 bytes"):
        _files.read_file_bounded(path, 50)


def test_a_file_larger_than_the_limit_is_refused_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(codec, "MAX_PLAN_BYTES", 1000)
    with pytest.raises(PlanLoadError, match="more than the 1,000 a plan file may have"):
        atp.load_plan(path)


def test_a_stream_that_fails_is_a_load_error() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(PlanLoadError, match=r"standard input: cannot be read \(Input/output"):
        codec.read_plan_stream(io.BufferedReader(Broken()))
