"""The benchmark data generator (bench/synthetic.py) keeps producing data chitieu can read.

bench/ is not part of the test suite, so a change in the definition format or the
loader could silently break the generator; this test generates the tiny scale, loads
it with ``chitieu load`` into SQLite (then the corrections) and evaluates it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from chitieu.cli.main import main
from chitieu.core.model import ClauseKind
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


synthetic = _module()


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", db, *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("syn") / "tiny"
    return out, synthetic.generate(out, "tiny", 1)


def test_generated_folder_loads_and_evaluates(tiny: tuple[Path, object], tmp_path: Path) -> None:
    out, summary = tiny
    db = f"sqlite:///{tmp_path / 'syn.sqlite3'}"
    assert run(db, "init").exit_code == 0
    loaded = run(db, "load", str(out))
    assert loaded.exit_code == 0, loaded.output
    assert f"{summary.rows} mới" in loaded.output  # type: ignore[attr-defined]
    revised = run(db, "load", str(out / "revisions.csv"))
    assert revised.exit_code == 0, revised.output
    assert "sửa đổi" in revised.output
    rid = synthetic.resolution_id("tiny", 1)
    shown = run(db, "evaluate", rid, "--format", "json")
    assert shown.exit_code == 0, shown.output
    result = json.loads(shown.output)
    verdicts = {t["verdict"] for t in result["targets"]}
    # figures are drawn around the targets: some are met, some are not
    assert {"achieved", "not_achieved"} <= verdicts | {"exceeded"}
    assert len(verdicts) >= 3
    with Store.open(db) as store:
        resolution = store.get_resolution(rid)
        rows = store.observations(all_revisions=True)
    kinds = {c.kind for t in resolution.targets for c in t.clauses}
    assert kinds == set(ClauseKind)
    assert any(c.each_year for t in resolution.targets for c in t.clauses)
    assert len(resolution.indicators) == 60
    assert len(resolution.areas) == summary.areas == 7  # type: ignore[attr-defined]
    # a correction equal to the figure after rounding is "unchanged" and not stored
    assert summary.rows < len(rows) <= summary.total_rows  # type: ignore[attr-defined]
    assert max(o.revision for o in rows) == 2


def test_same_seed_same_files_other_seed_other_figures(tmp_path: Path) -> None:
    a = synthetic.generate(tmp_path / "a", "tiny", 3)
    b = synthetic.generate(tmp_path / "b", "tiny", 3)
    c = synthetic.generate(tmp_path / "c", "tiny", 4)
    for name in ("resolution.yaml", "observations.csv", "revisions.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "observations.csv").read_bytes() != (
        tmp_path / "c" / "observations.csv"
    ).read_bytes()
    assert a.rows == b.rows
    assert c.rows > 0


def test_names_are_vietnamese_nfc_and_gaps_and_revisions_are_there(
    tiny: tuple[Path, object],
) -> None:
    out, _ = tiny
    text = (out / "resolution.yaml").read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert "Thành phố Hà Nội" in text
    assert "Xã " in text or "Phường " in text
    with (out / "observations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = {(r["indicator"], r["area"], r["period"]) for r in rows}
    # a yearly indicator has 10 years × 7 areas; gaps leave some out
    yearly = {k for k in keys if k[0] == "thu-nhap-1"}
    assert 0 < len(yearly) <= 70
    doubled = len(rows) - len(keys)
    assert doubled > 0  # a later official figure beside a preliminary or estimate


def test_scales_are_about_their_names_and_definitions_stay_loadable() -> None:
    # rows ≈ areas × (55 yearly indicators × 10 years + 5 milestones) × (1 − 3 %)
    for scale, expected in (("0.2m", 0.2e6), ("2m", 1.84e6), ("10m", 9.2e6)):
        provinces, communes, sets = synthetic.SCALES[scale]
        rows = (1 + provinces + communes) * sets * (55 * 10 + 5 * 0.8) * 0.97
        assert 0.9 * expected < rows < 1.1 * expected, scale
        text, _ = synthetic.resolution_yaml(scale, 1)
        assert len(text) < 500_000  # the definition loader's size limit


def test_unknown_scale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        synthetic.generate(tmp_path, "huge", 1)
