"""Schemathesis against the app's own OpenAPI schema: generated requests to every operation,
as a signed-in teacher (who may call everything), never get a 5xx and are always answered in
the shape the schema promises. (Driven through Hypothesis directly: schemathesis's pytest
fixture loader does not run on this pytest.)"""

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.support.school import School

EXAMPLES_PER_OPERATION = 12


def test_api_answers_every_generated_request_within_its_schema(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    cookies = dict(teacher.cookies)
    checked, calls = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) == ("DELETE", "/api/v1/session"):
            continue  # would sign the fuzzing teacher out halfway

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            calls.append(case.path)
            case.call_and_validate(
                cookies=cookies, checks=[not_a_server_error, response_schema_conformance]
            )

        fuzz()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert len(checked) > 40, checked
    assert len(calls) > 5 * len(checked)
