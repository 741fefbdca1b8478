"""Celery never waits long for a broker: every transport gets a publish timeout and no retry loop."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def celery_settings(tmp_path, **environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings", SECRET_KEY="x", ORDNA_VAR_DIR=str(tmp_path))
    code = (
        "import django, json; django.setup(); from config.celery import app; c = app.conf;"
        "print(json.dumps({k: c[k] for k in ('broker_transport_options', 'broker_connection_timeout',"
        " 'task_publish_retry_policy', 'task_always_eager')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_redis_broker_gets_socket_timeouts_and_no_publish_retries(tmp_path):
    conf = celery_settings(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/13")
    assert conf["broker_transport_options"]["socket_timeout"] == 2
    assert conf["broker_transport_options"]["socket_connect_timeout"] == 2
    assert conf["broker_connection_timeout"] == 2
    assert conf["task_publish_retry_policy"]["max_retries"] == 0
    assert conf["task_always_eager"] is False


def test_the_timeout_is_read_from_the_environment_and_checked(tmp_path):
    conf = celery_settings(tmp_path, CELERY_BROKER_URL="amqp://guest@127.0.0.1//", CELERY_BROKER_TIMEOUT="5")
    assert conf["broker_transport_options"] == {"connect_timeout": 5, "read_timeout": 5, "write_timeout": 5}
    with pytest.raises(AssertionError, match="CELERY_BROKER_TIMEOUT"):
        celery_settings(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/13", CELERY_BROKER_TIMEOUT="0")


def test_without_a_broker_tasks_run_in_process(tmp_path):
    conf = celery_settings(tmp_path)
    assert conf["task_always_eager"] is True and "data_folder_in" in conf["broker_transport_options"]
