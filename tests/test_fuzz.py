"""A short, seeded run of the mutation fuzzer (benchmarks/fuzz.py): no input
raises anything but a project error, and no value changes when written back.
The long run (>=100k YAML inputs, >=10k texts) is the same script with more
inputs; its figures are in the closing notes of issue 12."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_fuzz():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("factcheck_fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["factcheck_fuzz"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fuzz_short_seeded_run(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fuzz = load_fuzz()
    code = fuzz.main(["--inputs", "2000", "--texts", "200", "--seed", "12", "--out", str(tmp_path / "findings")])
    out = capsys.readouterr().out
    assert "2000 YAML inputs" in out
    assert code == 0, out + "".join(p.read_text() for p in sorted((tmp_path / "findings").glob("*.trace"))[:2])


def test_the_fuzzer_finds_and_minimizes_a_crash(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The harness itself works: a planted bug is bucketed and its input minimized."""
    fuzz = load_fuzz()
    real = fuzz.run_text

    def planted(text: str, work: Path, tally) -> None:  # type: ignore[no-untyped-def]
        if "[要[" in text:
            raise IndexError("planted")
        real(text, work, tally)

    monkeypatch.setattr(fuzz, "run_text", planted)
    code = fuzz.main(["--inputs", "10", "--texts", "300", "--seed", "5", "--out", str(tmp_path / "findings")])
    assert code == 1
    reproducers = sorted((tmp_path / "findings").glob("crash-*.txt"))
    assert reproducers and "[要[" in reproducers[0].read_text(encoding="utf-8")
    assert len(reproducers[0].read_text(encoding="utf-8")) <= 10  # minimized to about the marker
    assert "IndexError" in capsys.readouterr().out
