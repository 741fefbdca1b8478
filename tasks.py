#!/usr/bin/env python3
"""One entry point for people and CI: installs what Ordna needs, then runs it or its tests.

    python3 tasks.py serve          # install, migrate, load demo data, run on http://127.0.0.1:8000/
    python3 tasks.py serve --debug  # the same with DEBUG on and Django's runserver (or ORDNA_DEBUG=true)
    python3 tasks.py test           # install and run the test suite (extra arguments go to pytest)

Needs only Python 3.11 and access to the package registry: the virtual environment is created
in .venv and refreshed whenever pyproject.toml changes.
"""

import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".ordna-installed"


def python_311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if not found:
        sys.exit("Ordna behöver Python 3.11 (python3.11 hittades inte på PATH).")
    return found


def run(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_environment():
    if not PY.exists():
        run(python_311(), "-m", "venv", VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools", "wheel")
        run(PY, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        STAMP.write_text(wanted)
    env_file = ROOT / ".env"
    if not env_file.exists():
        # Local development defaults; a production deployment sets real environment variables.
        env_file.write_text("# Local development settings written by tasks.py (not committed).\nDEBUG=true\n")


# --- serve -----------------------------------------------------------------------------------
ADDRESS = "127.0.0.1:8000"  # ORDNA_BIND moves it
# Plain http on the loopback interface: what production settings would refuse, and safe only here.
LOOPBACK = {
    "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_COOKIES": "false",
    "ORDNA_BIND": ADDRESS,
    "ORDNA_WEB_LOG_LEVEL": "warning",
}
TRUE = {"1", "true", "yes", "on"}


def read_env_file(path: Path) -> dict:
    """KEY=value lines of the local .env (as config/env.py reads them; Django is not importable here)."""
    values = {}
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip().strip("'\"")
    return values


def local_secret_key(var_dir: Path) -> str:
    """The key kept beside the local database (settings.py makes the same file when DEBUG is on)."""
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def serve_environment(environ: dict, *, debug: bool) -> dict:
    """The environment of everything `serve` starts: the caller's and .env's settings win, except DEBUG,
    which is off unless asked for; a secret key and plain http on loopback are filled in."""
    env = {**read_env_file(ROOT / ".env"), **environ, "DEBUG": "true" if debug else "false"}
    env.pop("ORDNA_DEBUG", None)
    for key, value in LOOPBACK.items():
        env.setdefault(key, value)
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = local_secret_key(Path(env.get("ORDNA_VAR_DIR") or ROOT / "var"))
    return env


def server_command(*, debug: bool, address: str = ADDRESS) -> list:
    if debug:
        return [str(PY), "manage.py", "runserver", address]
    return [str(PY), "-m", "gunicorn", "-c", "python:config.gunicorn"]


def worker_command(environ: dict, logfile: Path) -> list:
    """Celery's worker and beat, without the banner; at WARNING unless ORDNA_WORKER_LOG_LEVEL says otherwise."""
    level = environ.get("ORDNA_WORKER_LOG_LEVEL", "WARNING")
    return [
        *(str(PY), "-m", "celery", "-A", "config", "--quiet", "worker", "--beat", "--pool=solo"),
        *(f"--loglevel={level}", f"--logfile={logfile}"),
    ]


def step(title: str, args: list, env: dict) -> str:
    """Run a start-up step with its output kept back; show it only if the step fails."""
    print(f"{title} …", flush=True)
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(result.stdout + result.stderr, flush=True)
        sys.exit(f"Start avbruten: {' '.join(str(a) for a in args[1:])} misslyckades.")
    return result.stdout


def credential_lines(demo_output: str) -> list[str]:
    """The lines of load_demo that a newcomer needs to log in: user names and one-time passwords."""
    return [line for line in demo_output.splitlines() if "lösenord" in line.lower() or line.startswith("Demoanvändare")]


def startup_text(demo_output: str, worker_log: Path, url: str = f"http://{ADDRESS}/") -> str:
    """What is printed once the server answers: where to go, then the passwords, last of all."""
    lines = [
        "",
        f"Ordna körs på {url}  (avsluta med Ctrl+C). Bakgrundsjobben loggar till {worker_log}.",
        f"Logga in på {url}admin/ (diariet) eller {url}cms/ (guiderna) som admin eller som en demoanvändare.",
        "Glömt lösenordet? .venv/bin/python manage.py changepassword admin (eller demo.registrator osv.)",
    ]
    credentials = credential_lines(demo_output)
    return "\n".join(lines + ([""] + credentials if credentials else []))


def wait_until_answering(url: str, server: subprocess.Popen, attempts: int = 60) -> bool:
    for _ in range(attempts):
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, if not with 200
        except OSError:
            time.sleep(0.5)
    return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def serve(args):
    ensure_environment()
    debug = "--debug" in args or os.environ.get("ORDNA_DEBUG", "").strip().lower() in TRUE
    env = serve_environment(dict(os.environ), debug=debug)
    manage = [str(PY), "manage.py"]
    step("Migrerar databasen", [*manage, "migrate", "--no-input"], env)
    if not debug:
        step("Samlar statiska filer", [*manage, "collectstatic", "--no-input"], env)
    demo = step("Läser in demodata", [*manage, "load_demo"], env)
    print("\n".join(line for line in demo.splitlines() if line and line not in credential_lines(demo)), flush=True)
    # The worker writes to its own file, warnings printed by Python too: nothing it says can come after
    # the passwords.
    worker_log = Path(env.get("ORDNA_VAR_DIR") or ROOT / "var") / "worker.log"
    with worker_log.open("a") as worker_output:
        worker = subprocess.Popen(
            worker_command(env, worker_log), cwd=ROOT, env=env, stdout=worker_output, stderr=subprocess.STDOUT
        )
    address = env["ORDNA_BIND"]
    server = subprocess.Popen(server_command(debug=debug, address=address), cwd=ROOT, env=env)
    try:
        if wait_until_answering(f"http://{address}/", server):
            print(startup_text(demo, worker_log, f"http://{address}/"), flush=True)
        else:
            print(f"Ordna svarade inte på http://{address}/; se utskriften ovan.", flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
        stop(worker)


def test(args):
    ensure_environment()
    env = dict(os.environ)
    result = subprocess.run([str(PY), "-m", "pytest", *args], check=False, cwd=ROOT, env=env)
    # pytest exits 5 when nothing was collected: that is a failure of the suite, not a pass.
    sys.exit(1 if result.returncode == 5 else result.returncode)


def main():
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve(rest)
    elif command == "test":
        test(rest)
    elif command == "install":
        ensure_environment()
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    main()
