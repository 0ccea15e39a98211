"""The OpenAPI document tells the truth: schemathesis generates requests from it for every API route, valid and
invalid ones, and checks each answer against it (no undocumented status, no body that breaks its declared schema,
no server error)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from newsprism.serve import ServeOptions, create_app  # noqa: E402

# Generated cases per operation and mode: enough to reach every documented status, few enough for well under a
# minute in all (analyses run on the generated texts).
MAX_EXAMPLES = 25
# The ASGI client of schemathesis names its host "testserver".
HOSTS = ("127.0.0.1", "localhost", "testserver")


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    app = create_app(
        tmp_path_factory.mktemp("fuzz") / "fuzz.db", ServeOptions(analysis_processes=0, allowed_hosts=HOSTS)
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_answer_matches_the_openapi_document(schema, mode):
    operations = _operations(schema)
    assert len(operations) >= 8
    calls: list[str] = []
    strategy = st.one_of([operation.as_strategy(generation_mode=mode) for operation in operations])

    @given(strategy)
    @settings(
        max_examples=MAX_EXAMPLES * len(operations),
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,  # the same cases every run, so a failure reproduces
    )
    def check(case) -> None:
        # A request the schema allows may still be refused (422) for what no JSON schema can say: a text of
        # blanks only, a date string that names no date; every such answer is checked against its declared body.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])
        calls.append(case.operation.label)

    check()
    print(f"{mode.value}: {len(calls)} cases over {len(set(calls))} operations")
    # Invalid requests exist only for operations with parameters or a body to break.
    assert len(set(calls)) == len(operations) if mode is GenerationMode.POSITIVE else len(set(calls)) >= 4


# Requests a fuzzer rarely makes up: the ids of stored stories and articles, and every filter of the list.
STORED_CASES = [
    ("GET /api/stories", {}, {"q": "bridge", "lean": "lean-left", "from": "2025-06-01", "limit": 3}),
    ("GET /api/stories", {}, {"sort": "covered", "offset": 1, "blindspot": "right", "outlet": "Eastbank Gazette"}),
    ("GET /api/stories/{story_id}", {"story_id": "s-bridge"}, {}),
    ("GET /api/stories/{story_id}/comparison", {"story_id": "s-bridge"}, {"article": ["bridge-0", "bridge-1"]}),
    ("GET /api/stories/{story_id}/comparison", {"story_id": "s-filler-00"}, {}),
    ("GET /api/articles/{article_id}", {"article_id": "hostile-1"}, {}),
    ("GET /api/outlets", {}, {}),
]


@pytest.fixture(scope="module")
def stored_schema(tmp_path_factory, bridge_analyses):
    from test_pages import pages_app

    app = pages_app(tmp_path_factory.mktemp("stored") / "stored.db", bridge_analyses, allowed_hosts=HOSTS)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(("label", "path", "query"), STORED_CASES)
def test_answers_about_stored_stories_match_the_openapi_document(stored_schema, label, path, query):
    operation = stored_schema.find_operation_by_label(label)
    response = operation.Case(path_parameters=path, query=query).call_and_validate()
    assert response.status_code in (200, 409)
