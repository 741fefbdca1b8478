"""Every operation of /api/v1/schema/ fuzzed by schemathesis as an administrator, a reader and a contractor:
no answer is a server error, and every answer is what the schema says (status, content type, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import HOST, ROLES

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
with override_settings(ALLOWED_HOSTS=[HOST]):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


# One test per operation and role, in one transaction: what an example creates stays for the next ones (as
# on a live server) and goes when the test ends. Bounded and derandomised, so the lane takes minutes and
# finds the same things every run.
@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_answers_as_its_schema_says(case, role, fuzz_tokens, fuzz_host):
    case.call_and_validate(headers={"Authorization": f"Token {fuzz_tokens[role]}"}, checks=CHECKS)
