"""A broker stand-in behind Celery's publish: up (messages kept, delivered on demand), down (refuses) or frozen."""

import threading

import pytest
from kombu.exceptions import OperationalError
from kombu.messaging import Producer

from config.celery import app as celery_app


class FakeBroker:
    """What kombu's Producer.publish meets: a broker that is up, down (connection refused) or frozen (no answer)."""

    def __init__(self):
        self.mode = "up"
        self.messages = []  # (task name, task id, args, kwargs), in the order they were published
        self.calls = 0
        self.release = threading.Event()

    def publish(self, producer, body, *args, headers=None, **kwargs):
        self.calls += 1
        if self.mode == "down":
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        if self.mode == "frozen":
            self.release.wait(30)
            raise OperationalError("Timeout reading from socket")
        task_args, task_kwargs, _embed = body
        self.messages.append((headers["task"], headers["id"], task_args, task_kwargs))

    def deliver(self) -> int:
        """Run every published message as a worker would (Celery's tracer, signals included)."""
        messages, self.messages = self.messages, []
        for name, task_id, args, kwargs in messages:
            celery_app.tasks[name].apply(args=args, kwargs=kwargs, task_id=task_id)
        return len(messages)

    def task_names(self) -> list[str]:
        return [name for name, *_ in self.messages]


@pytest.fixture
def broker(monkeypatch):
    """A broker is configured (tasks are published, not run in-process); it starts up and can go down or freeze."""
    from outbox import publishing

    fake = FakeBroker()

    def publish(producer, body, *args, **kwargs):  # kombu calls it as a method of each Producer
        return fake.publish(producer, body, *args, **kwargs)

    monkeypatch.setattr(Producer, "publish", publish)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    publishing.breaker.reset()
    try:
        yield fake
    finally:
        fake.release.set()
        celery_app.conf.task_always_eager = eager
        publishing.breaker.reset()
