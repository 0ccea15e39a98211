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
