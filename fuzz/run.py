"""Run the atheris fuzz harnesses for a bounded time, from one command.

    python fuzz/run.py --seconds 30            # both harnesses, 15 s each
    python fuzz/run.py --seconds 60 --only loader --corpus fuzz/corpus

Each harness runs in its own process under libFuzzer's ``-max_total_time``; the corpus
directory (a temporary one unless ``--corpus`` is given) is seeded with real deadline
spellings and a small valid plan. Crashing inputs are written to ``--artifacts``
(default: the current directory) as ``crash-<sha1>``; replay one with
``python fuzz/fuzz_loader.py crash-<sha1>``. Exit status: 0 if no harness crashed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESSES = {"deadline": HERE / "fuzz_deadline.py", "loader": HERE / "fuzz_loader.py"}

DEADLINE_SEEDS = (
    "Q4 2015",
    "Q1-Q2 2016",
    "Q4 2015-Q2 2016",
    "H1 2016",
    "first half of 2016",
    "June 2016",
    "06/2016",
    "31 December 2016",
    "31.12.2016",
    "2016-12-31",
    "2016",
    "2015-2017",
    "2015-17",
    "by end of 2016",
    "2015 onwards",
    "ongoing",
    "vazhdimisht",
    "annually",
)


def small_plan() -> str:
    """A small valid plan file: the bundled plan cut down to a few activities."""
    text = (
        resources.files("antitrafficking_plan")
        .joinpath("data", "kosovo_2015_2019.json")
        .read_text("utf-8")
    )
    data = json.loads(text)
    body = data["plan"]
    body["activities"] = body["activities"][:3]
    for activity in body["activities"]:
        activity["provenance"] = {}
    used = {c for a in body["activities"] for c in (*a["responsible"], *a["supporting"])}
    body["institutions"] = [i for i in body["institutions"] if i["code"] in used]
    body["strategic_objectives"] = body["strategic_objectives"][:1]
    body["specific_objectives"] = body["specific_objectives"][:1]
    for objective in (*body["strategic_objectives"], *body["specific_objectives"]):
        objective["provenance"] = {}
    body["cost_fragments"] = body["cost_fragments"][:1]
    body["notes"] = []
    body["repairs"] = body["repairs"][:1]
    return json.dumps(data, ensure_ascii=False)


def seed(name: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if name == "deadline":
        for i, text in enumerate(DEADLINE_SEEDS):
            (corpus / f"seed-{i}").write_text(text, encoding="utf-8")
    else:
        (corpus / "seed-plan").write_text(small_plan(), encoding="utf-8")
        (corpus / "seed-empty").write_text("{}", encoding="utf-8")


def run(name: str, seconds: int, corpus: Path, artifacts: Path) -> int:
    seed(name, corpus)
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        str(HARNESSES[name]),
        f"-max_total_time={seconds}",
        "-rss_limit_mb=2048",
        "-timeout=10",
        "-max_len=8192" if name == "loader" else "-max_len=256",
        f"-artifact_prefix={artifacts}/",
        str(corpus),
    ]
    print(f"== fuzzing {name} for {seconds} s: {' '.join(command)}", flush=True)
    return subprocess.run(command, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="total time for all harnesses")
    parser.add_argument("--only", choices=sorted(HARNESSES), help="run one harness only")
    parser.add_argument("--corpus", type=Path, help="keep the corpus here (one dir each)")
    parser.add_argument("--artifacts", type=Path, default=Path.cwd(), help="where crashes go")
    args = parser.parse_args(argv)
    names = [args.only] if args.only else sorted(HARNESSES)
    each = max(1, args.seconds // len(names))
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="atp-fuzz-") as tmp:
        for name in names:
            corpus = (args.corpus or Path(tmp)) / name
            if run(name, each, corpus, args.artifacts) != 0:
                failed.append(name)
    if failed:
        print(f"== crashes found by: {', '.join(failed)}", flush=True)
        return 1
    print("== no crashes", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
