#!/usr/bin/env python3
"""One entry point for people and CI: installs what Ordna needs, then runs it or its tests.

    python3 tasks.py serve      # install, migrate, load demo data, run on http://127.0.0.1:8000/
    python3 tasks.py test       # install and run the test suite (extra arguments go to pytest)

Needs only Python 3.11 and access to the package registry: the virtual environment is created
in .venv and refreshed whenever pyproject.toml changes.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
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


def serve():
    ensure_environment()
    manage = [PY, "manage.py"]
    run(*manage, "migrate", "--no-input")
    run(*manage, "load_demo")
    worker = subprocess.Popen(
        [str(PY), "-m", "celery", "-A", "config", "worker", "--beat", "--pool=solo", "--loglevel=WARNING"],
        cwd=ROOT,
    )
    try:
        print("\nOrdna körs på http://127.0.0.1:8000/  (avsluta med Ctrl+C)\n", flush=True)
        subprocess.run([str(a) for a in (*manage, "runserver", "127.0.0.1:8000")], check=False, cwd=ROOT)
    except KeyboardInterrupt:
        pass
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)


def test(args):
    ensure_environment()
    env = dict(os.environ)
    result = subprocess.run([str(PY), "-m", "pytest", *args], check=False, cwd=ROOT, env=env)
    # pytest exits 5 when nothing was collected: that is a failure of the suite, not a pass.
    sys.exit(1 if result.returncode == 5 else result.returncode)


def main():
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve()
    elif command == "test":
        test(rest)
    elif command == "install":
        ensure_environment()
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    main()
