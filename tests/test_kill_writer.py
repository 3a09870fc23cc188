"""A writer killed at any moment leaves the old or the new file, whole, and the next write
leaves no temporary file behind (``SIGKILL`` runs no cleanup: the next write to the same
target removes what the dead writer left)."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

import antitrafficking_plan as atp
from antitrafficking_plan import _files, codec

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork and SIGKILL")

PLAN = atp.load_plan()
KILLS = 50


def _writer(path: Path, texts: tuple[str, str]) -> None:  # pragma: no cover - in the child
    """Write the two plans in turn until killed, as ``dump_plan`` does (its last step)."""
    try:
        n = 0
        while True:
            _files.write_text_atomically(path, texts[n % 2])
            n += 1
    finally:
        os._exit(1)


def test_fifty_killed_writers_leave_whole_files_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    texts = (codec.dumps_plan(PLAN), codec.dumps_plan(PLAN.evolve(title="A fictional title")))
    whole = {t.encode("utf-8") for t in texts}
    atp.dump_plan(PLAN, path)
    rng = random.Random(20240612)
    killed_mid_write = 0
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _writer(path, texts)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status)
        assert os.WTERMSIG(status) == signal.SIGKILL
        assert path.read_bytes() in whole  # the old or the new file, complete
        leftover = [p.name for p in tmp_path.iterdir() if p.name != "plan.json"]
        assert all(name.startswith(".plan.json.tmp-") for name in leftover), leftover
        killed_mid_write += bool(leftover)
        atp.dump_plan(PLAN, path)  # the next write
        assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    # The kills did land during writes, so the clean-up was exercised, not just skipped.
    assert killed_mid_write > 0
