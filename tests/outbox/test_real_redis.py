"""Against a real Redis, started by the test on a port of its own (never the shared server): a stopped or a
frozen broker delays the follow-up work of a registration, and never the registrar's answer."""

import base64
import json
import shutil
import signal
import socket
import subprocess
import time

import kombu.pools
import pytest
import redis
from rest_framework.test import APIClient

from config.broker import celery_broker_options
from config.celery import app as celery_app
from outbox import publishing, tasks
from outbox.models import OutboxEntry
from retention.models import CaseRetention
from search.models import Entry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None, reason="redis-server is not installed (apt install redis-server)"
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server: no persistence, so a restart loses whatever was queued."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def run_queued(self) -> int:
        """Be the worker: take every message off Celery's queue and run it through Celery's tracer."""
        client = redis.Redis(port=self.port, socket_timeout=5)
        count = 0
        while (raw := client.rpop("celery")) is not None:
            message = json.loads(raw)
            args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
            headers = message["headers"]
            celery_app.tasks[headers["task"]].apply(args=args, kwargs=kwargs, task_id=headers["id"])
            count += 1
        return count


def reset_connections():
    """Close and forget the pooled broker connections (kombu keeps them in a global registry, keyed by
    broker), so the next publish connects to the broker now configured and later tests get fresh pools."""
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_server(monkeypatch):
    server = RedisServer()
    server.start()
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("broker_url", "broker_transport_options", "task_always_eager")}
    saved.update({key: conf[key] for key in ("broker_connection_timeout", "task_publish_retry_policy")})
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)  # Celery lets the environment win over its settings
    conf.update(celery_broker_options(server.url, timeout=2), broker_url=server.url, task_always_eager=False)
    reset_connections()
    publishing.breaker.reset()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.thaw()
            server.stop()
        conf.update(saved)
        reset_connections()
        publishing.breaker.reset()


@pytest.fixture
def api(registrar):
    client = APIClient()
    client.force_authenticate(registrar)
    return client


def register(api, capture):
    started = time.monotonic()
    with capture(execute=True):
        response = api.post("/api/v1/records/", {"process": "2.9.1", "title": "Fuktskada"}, format="json")
    return response, time.monotonic() - started


def pending():
    return OutboxEntry.objects.filter(dispatched_at__isnull=True)


def test_a_registration_while_redis_is_stopped_answers_201_and_is_indexed_after_a_restart(
    api, seed_plan, redis_server, django_capture_on_commit_callbacks
):
    redis_server.stop()
    response, seconds = register(api, django_capture_on_commit_callbacks)
    assert response.status_code == 201 and seconds < 5
    case_id = response.json()["id"]
    assert sorted(pending().values_list("task_name", flat=True)) == ["retention.recompute_case", "search.index_case"]
    assert not Entry.objects.filter(case_id=case_id).exists()

    redis_server.start()
    assert tasks.redispatch_outbox() == 2
    assert redis_server.run_queued() == 2
    assert Entry.objects.filter(case_id=case_id).exists() and CaseRetention.objects.filter(case_id=case_id).exists()
    assert not OutboxEntry.objects.filter(completed_at__isnull=True).exists()


def test_a_registration_while_redis_is_frozen_answers_201_within_seconds_and_is_indexed_after_it_thaws(
    api, seed_plan, redis_server, django_capture_on_commit_callbacks
):
    redis_server.freeze()
    response, seconds = register(api, django_capture_on_commit_callbacks)
    assert response.status_code == 201 and seconds < 6  # a 2 s socket timeout, once
    case_id = response.json()["id"]
    assert pending().count() == 2
    # The socket timeout answered, not the outbox's deadline on a hung publishing thread.
    assert "Timeout reading from socket" in " ".join(pending().values_list("last_error", flat=True))

    redis_server.thaw()
    assert tasks.redispatch_outbox() == 2
    assert redis_server.run_queued() >= 2  # a push the frozen server took in late arrives too: tasks are idempotent
    assert Entry.objects.filter(case_id=case_id).exists() and CaseRetention.objects.filter(case_id=case_id).exists()
    assert not OutboxEntry.objects.filter(completed_at__isnull=True).exists()


def test_the_socket_timeout_bounds_a_publish_to_a_frozen_redis(redis_server):
    redis_server.freeze()
    started = time.monotonic()
    with pytest.raises(Exception, match="Timeout"):
        celery_app.send_task("ordna.ping")
    assert time.monotonic() - started < 4
