"""Operations shared by every front end (CLI today, web and API later).

Front ends parse arguments and format output; what happens in between lives here, on
top of one :class:`~chitieu.store.Store` object, so the CLI and the web app can never
disagree about what "load" or "evaluate" means.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from chitieu import datasets
from chitieu.core.evaluation import evaluate_resolution
from chitieu.core.evaluation.options import EvaluationSettings
from chitieu.core.model import Resolution
from chitieu.core.observations import Observation, current
from chitieu.core.results import ResolutionResult
from chitieu.definitions import load_resolution_text
from chitieu.definitions.tasks import load_agencies_text, load_tasks_text
from chitieu.exchange.figures_csv import load_observations_csv
from chitieu.store import AddResult, SaveResult, Store


@dataclass(frozen=True)
class LoadReport:
    """What a load did: the resolution saved (if any) and the figures written."""

    source: str
    resolution: Resolution | None
    saved: SaveResult | None
    figures: AddResult | None
    dry_run: bool = False
    agencies: int | None = None  # agencies loaded from agencies.yaml
    tasks: int | None = None  # tasks and breakthroughs loaded from tasks.yaml


def load_path(
    store: Store, path: Path, *, loaded_by: str = "cli", dry_run: bool = False
) -> LoadReport:
    """Load a definition (.yaml/.yml), a figures file (.csv) or a dataset folder."""
    if path.is_dir():
        return _load_folder(store, path, path.name, loaded_by, dry_run)
    if path.suffix.lower() in (".yaml", ".yml"):
        text = path.read_text(encoding="utf-8")
        resolution = load_resolution_text(text, str(path))
        saved = store.save_resolution(
            resolution, text, str(path), loaded_by=loaded_by, dry_run=dry_run
        )
        return LoadReport(str(path), resolution, saved, None, dry_run)
    if path.suffix.lower() == ".csv":
        indicators = {i.code: i for i in store.indicators()}
        areas = [a.code for a in store.areas()]
        obs = load_observations_csv(path, indicators=indicators, areas=areas)
        added = store.add_observations(
            obs, recorded_by=loaded_by, dataset=path.name, dry_run=dry_run
        )
        return LoadReport(str(path), None, None, added, dry_run)
    raise ValueError(
        f"{path}: không nhận dạng được loại tệp (cần .yaml, .csv hoặc thư mục) "
        f"(unknown file type: expected .yaml, .csv or a dataset folder)"
    )


def load_dataset(
    store: Store, name: str, *, loaded_by: str = "cli", dry_run: bool = False
) -> LoadReport:
    """Load a shipped dataset by name (see :func:`chitieu.datasets.available`)."""
    ds = datasets.get(name)
    if ds is None:
        known = ", ".join(d.name for d in datasets.available())
        raise KeyError(f"không có bộ dữ liệu '{name}' (no dataset '{name}'); có: {known}")
    return _load_folder(store, ds.path, ds.name, loaded_by, dry_run)


def _load_folder(
    store: Store, folder: Path, name: str, loaded_by: str, dry_run: bool = False
) -> LoadReport:
    definition = folder / datasets.DEFINITION_FILE
    text = definition.read_text(encoding="utf-8")
    resolution = load_resolution_text(text, str(definition))
    figures_path = folder / datasets.OBSERVATIONS_FILE
    observations = []
    if figures_path.exists():
        observations = load_observations_csv(
            figures_path,
            indicators={i.code: i for i in resolution.indicators},
            areas=[a.code for a in resolution.areas],
        )
    # Optional companions: who reports each indicator, and the tasks ("5 rõ").
    directory = None
    plan = None
    documents: list[tuple[str, str, str]] = []
    agencies_path = folder / datasets.AGENCIES_FILE
    if agencies_path.exists():
        agencies_text = agencies_path.read_text(encoding="utf-8")
        directory = load_agencies_text(agencies_text, str(agencies_path), resolution)
        documents.append(("agencies", agencies_text, f"dataset:{name}/{agencies_path.name}"))
    tasks_path = folder / datasets.TASKS_FILE
    if tasks_path.exists():
        tasks_text = tasks_path.read_text(encoding="utf-8")
        plan = load_tasks_text(tasks_text, str(tasks_path), resolution, directory)
        documents.append(("tasks", tasks_text, f"dataset:{name}/{tasks_path.name}"))
    # Every file is validated first, then all are written in one transaction.
    saved, added = store.save_dataset(
        resolution,
        text,
        f"dataset:{name}",
        observations,
        loaded_by=loaded_by,
        dataset=name,
        dry_run=dry_run,
        agencies=directory.agencies if directory else (),
        assignments=directory.indicators if directory else None,
        documents=documents,
    )
    return LoadReport(
        name,
        resolution,
        saved,
        added if observations else None,
        dry_run,
        agencies=len(directory.agencies) if directory else None,
        tasks=len(plan.tasks) if plan else None,
    )


def evaluate(
    store: Store,
    resolution_id: str,
    settings: EvaluationSettings | None = None,
    area: str | None = None,
) -> ResolutionResult:
    """Evaluate a stored resolution with the store's current figures.

    ``area`` evaluates the targets on one district's figures instead of the city's (the
    city's targets applied to the district, as planning offices compare districts).
    """
    resolution = for_area(store.get_resolution(resolution_id), area)
    codes = {i.code for i in resolution.indicators}
    # Only approved figures count: submitted or returned ones wait for a reviewer. Only
    # the area evaluated and its successors (notes after a merger) are read: a national
    # store holds millions of figures of other areas.
    here = resolution.area
    areas = {here} | {a.code for a in resolution.areas if here in a.predecessors}
    observations = store.observations(
        all_revisions=True, approved_only=True, indicators=codes, areas=areas
    )
    return evaluate_resolution(resolution, observations, settings)


def for_area(resolution: Resolution, area: str | None) -> Resolution:
    """The resolution with its figures read for ``area`` (None: its own area)."""
    if area is None or area == resolution.area:
        return resolution
    known = [a.code for a in resolution.areas]
    if area not in known:
        raise KeyError(
            f"không có địa bàn '{area}' trong {resolution.id} (no area '{area}'); "
            f"có: {', '.join(known)}"
        )
    return dataclasses.replace(resolution, area=area)


def current_only(observations: list[Observation]) -> list[Observation]:
    """The current figure per indicator × area × period, in the given order."""
    keep = {id(o) for o in current(observations).values()}
    return [o for o in observations if id(o) in keep]


def default_as_of(resolution: Resolution, this_year: int) -> int:
    """Figures of the current year are usually plans or estimates; the last full year is
    the natural default, capped at the end of the term."""
    return min(resolution.period[1], max(resolution.period[0], this_year - 1))
