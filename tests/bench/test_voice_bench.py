"""The bench's voice section (bench/measure.py voice_measures, run by `--quick` on 20 s): a
speech-like signal made at bench time, published as the build does, within its budgets."""

from __future__ import annotations

import pytest

pytest.importorskip("av", reason="PyAV is not installed (pip install av)")

from bench.measure import VOICE_OPUS_KB_PER_MINUTE, voice_lines, voice_measures  # noqa: E402


def test_voice_measures_are_within_budget_and_said_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing written beside the repository
    measures = voice_measures(8.0)
    assert measures["before_play"] == 0
    assert 0 < measures["opus_kb_per_minute"] <= VOICE_OPUS_KB_PER_MINUTE
    assert measures["mp3_kb_per_minute"] > measures["opus_kb_per_minute"]
    assert all(abs(v + 16) <= 1 for v in measures["lufs"].values())
    assert measures["processing_s_per_minute"] > 0
    lines = voice_lines(measures)
    assert len(lines) == 5 and "OVER BUDGET" not in " ".join(lines)
    assert list(tmp_path.iterdir()) == []
    over = voice_lines({**measures, "opus_kb_per_minute": 250.0, "before_play": 12})
    assert sum("OVER BUDGET" in line for line in over) == 2
