"""schemathesis against the served OpenAPI description (``/api/v1/openapi.json``).

Every operation, GET and POST, gets generated requests with the bearer token of an
administrator and of a viewer: no answer may be a 5xx, and every answer must be one the
description declares, with the declared content type and body schema. Half the cases
use the installation's real identifiers (a resolution, targets, tasks, figures), so the
generated bodies reach the code behind the 404s.

``make test`` runs a bounded number of examples per operation; the long run (``make
fuzz``) is the same test with more:
``CHITIEU_FUZZ_EXAMPLES=500 .venv/bin/pytest -q tests/web/test_schemathesis.py``.
"""

from __future__ import annotations

import os
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from chitieu.services import accounts
from tests.web.conftest import XVI, Site

EXAMPLES = int(os.environ.get("CHITIEU_FUZZ_EXAMPLES", "15"))
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
USERS = {"admin": "quantri", "viewer": "xem"}


def _known(site: Site) -> dict[str, st.SearchStrategy[Any]]:
    """Identifiers that exist, for the path parameters of the same name."""
    store = site.store
    resolution = store.get_resolution(XVI)
    ids = [o.id for o in store.observations("urban-unemployment", all_revisions=True) if o.id]
    return {
        "resolution_id": st.sampled_from(store.resolution_ids()),
        "target_id": st.sampled_from([t.id for t in resolution.targets]),
        "task_id": st.sampled_from(["nv2c", "dp1", "dp2", "nv9b"]),
        "observation_id": st.sampled_from(ids),
    }


def _runner(
    operation: Any,
    known: dict[str, st.SearchStrategy[Any]],
    headers: dict[str, str],
    counted: dict[str, int],
    examples: int,
) -> Any:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), real=st.booleans(), ids=st.fixed_dictionaries(known))
    def run(case: Any, real: bool, ids: dict[str, Any]) -> None:
        if real and ids:
            case.path_parameters = {**(case.path_parameters or {}), **ids}
        response = case.call(headers=headers)
        counted[operation.label] += 1
        case.validate_response(response, checks=CHECKS)

    return run


def run_operations(site: Site, who: str, examples: int) -> dict[str, int]:
    """Every operation for ``examples`` cases; the failures per operation, all listed."""
    token = accounts.new_token(site.store, USERS[who], "schemathesis", actor="test")
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", site.app)
    known = _known(site)
    failures: dict[str, str] = {}
    counted: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation: Any = result.ok()  # type: ignore[union-attr]  # an Err fails here
        counted[operation.label] = 0
        names = [p for p in known if "{" + p + "}" in operation.path]
        run = _runner(operation, {n: known[n] for n in names}, headers, counted, examples)
        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # every operation runs; all reported
            failures[operation.label] = f"{type(exc).__name__}: {str(exc)[:3000]}"
    assert failures == {}
    assert len(counted) >= 10
    return counted


@pytest.mark.parametrize("who", sorted(USERS))
def test_the_api_answers_every_generated_request_as_described(fresh_site: Site, who: str) -> None:
    counted = run_operations(fresh_site, who, EXAMPLES)
    print(f"\nschemathesis as {who}: {sum(counted.values())} requests, {len(counted)} operations")
    assert any(label.startswith("POST ") for label in counted)
    assert any(label.startswith("GET ") for label in counted)
    assert sum(counted.values()) >= len(counted) * min(EXAMPLES, 5)
