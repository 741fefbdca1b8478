"""`python3 tasks.py serve`: a process-based server with DEBUG off, static files through WhiteNoise, bounded
database connections, and the passwords printed last."""

import gc
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import tasks
from tests.config.settings_probe import ROOT, settings_with

DEMO_OUTPUT = """Skapade administratören 'admin' med lösenordet: Hemligt-admin-1
Lösenordet visas bara den här gången – spara det eller byt det direkt.
Klassificeringsstruktur: 67 nya, 0 ändrade noder.
Diarium: 261 ärenden, 465 handlingar, 176 avslutade, 37 med sekretess.
Demodata är inläst.
Demoanvändare, en per roll: demo.registrator (Registrator), demo.lasare (Läsare)
Demoanvändarna (2 st.) har lösenordet: Hemligt-demo-2
Lösenordet visas bara den här gången.
"""


@pytest.fixture(autouse=True)
def no_local_env_file(monkeypatch):
    """A developer's own .env must not change what these tests see."""
    monkeypatch.setattr(tasks, "read_env_file", lambda path: {})


def test_it_reads_the_local_env_file_under_the_callers_environment(tmp_path, monkeypatch):
    monkeypatch.undo()
    env_file = tmp_path / ".env"
    env_file.write_text("# local\nDEBUG=true\nALLOWED_HOSTS='diarium.local'\nORDNA_VAR_DIR=/tmp/x\n")
    assert tasks.read_env_file(env_file) == {
        "DEBUG": "true",
        "ALLOWED_HOSTS": "diarium.local",
        "ORDNA_VAR_DIR": "/tmp/x",
    }
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    env = tasks.serve_environment({"ORDNA_VAR_DIR": str(tmp_path)}, debug=False)
    assert (env["ALLOWED_HOSTS"], env["ORDNA_VAR_DIR"], env["DEBUG"]) == ("diarium.local", str(tmp_path), "false")


def test_serve_runs_gunicorn_and_keeps_runserver_for_debugging():
    command = tasks.server_command(debug=False)
    assert command[1:] == ["-m", "gunicorn", "-c", "python:config.gunicorn"]
    assert "runserver" in tasks.server_command(debug=True)


def test_serve_turns_debug_off_and_keeps_a_local_secret_key(tmp_path):
    env = tasks.serve_environment({"ORDNA_VAR_DIR": str(tmp_path), "DEBUG": "true"}, debug=False)
    assert env["DEBUG"] == "false"
    key_file = tmp_path / "secret_key"
    assert env["SECRET_KEY"] == key_file.read_text() and len(env["SECRET_KEY"]) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    again = tasks.serve_environment({"ORDNA_VAR_DIR": str(tmp_path)}, debug=False)
    assert again["SECRET_KEY"] == env["SECRET_KEY"]  # kept: sessions survive a restart
    # Plain http on loopback, which the production defaults refuse.
    assert env["ALLOWED_HOSTS"] == "127.0.0.1,localhost,[::1]"
    assert (env["SECURE_SSL_REDIRECT"], env["SECURE_HSTS_SECONDS"], env["SECURE_COOKIES"]) == ("false", "0", "false")


def test_serve_leaves_what_the_caller_set_and_debugs_when_asked(tmp_path):
    env = tasks.serve_environment(
        {"ORDNA_VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "x"}, debug=True
    )
    assert (env["SECRET_KEY"], env["ALLOWED_HOSTS"], env["DEBUG"]) == ("k" * 60, "x", "true")
    assert not (tmp_path / "secret_key").exists()


def test_the_worker_logs_warnings_to_its_own_file_unless_asked_otherwise(tmp_path):
    command = tasks.worker_command({}, tmp_path / "worker.log")
    assert "--loglevel=WARNING" in command and f"--logfile={tmp_path / 'worker.log'}" in command
    assert "--loglevel=INFO" in tasks.worker_command({"ORDNA_WORKER_LOG_LEVEL": "INFO"}, tmp_path / "w.log")


def test_the_start_up_text_ends_with_the_passwords():
    lines = tasks.startup_text(DEMO_OUTPUT, Path("var/worker.log")).splitlines()
    assert "Ordna körs på http://127.0.0.1:8000/" in "\n".join(lines)
    assert lines[-5:] == [
        "Skapade administratören 'admin' med lösenordet: Hemligt-admin-1",
        "Lösenordet visas bara den här gången – spara det eller byt det direkt.",
        "Demoanvändare, en per roll: demo.registrator (Registrator), demo.lasare (Läsare)",
        "Demoanvändarna (2 st.) har lösenordet: Hemligt-demo-2",
        "Lösenordet visas bara den här gången.",
    ]
    assert "Diarium: 261" not in "\n".join(lines)  # the summary was printed before the server started


def test_the_gunicorn_settings_bound_the_server_and_freeze_start_up_objects(monkeypatch):
    import importlib

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    from config import gunicorn as conf

    conf = importlib.reload(conf)
    assert (conf.workers, conf.worker_class, conf.threads) == (3, "gthread", 4)
    assert conf.preload_app is True and conf.accesslog is None
    assert conf.wsgi_app == "config.wsgi:application"
    thresholds = gc.get_threshold()
    try:
        conf.when_ready(server=None)
        conf.post_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == conf.GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_database_connections_are_closed_after_each_request_by_default(tmp_path):
    databases = settings_with({"DATABASE_URL": "postgres://ordna@127.0.0.1:5432/ordna"}, tmp_path, "DATABASES")[0]
    assert databases["default"]["CONN_MAX_AGE"] == 0 and databases["default"]["CONN_HEALTH_CHECKS"] is True


# --- gunicorn for real, on a free loopback port -------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture
def gunicorn_server(tmp_path):
    """gunicorn as serve starts it (DEBUG off, loopback settings), on an empty database: the pages asked
    for here need none."""
    port = free_port()
    env = tasks.serve_environment(
        {
            "PATH": os.environ["PATH"],
            "PYTHONPATH": str(ROOT),
            "ORDNA_VAR_DIR": str(tmp_path),
            "ORDNA_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
        },
        debug=False,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:config.gunicorn"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert tasks.wait_until_answering(url, server, attempts=40), server.communicate(timeout=5)[0]
        yield url
    finally:
        tasks.stop(server)


# About 10-15 s: collectstatic and the start of two workers.
def test_gunicorn_serves_the_product_and_its_static_files_with_debug_off(gunicorn_server):
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: get(gunicorn_server), range(48)))
    assert {status for status, _, _ in answers} == {200}
    assert "Välkommen till Ordna" in answers[0][2].decode()
    status, headers, body = get(gunicorn_server + "static/ordna/site.css")
    assert status == 200 and b".site-header" in body and "max-age" in headers["Cache-Control"]
    assert time.monotonic() - started < 20
