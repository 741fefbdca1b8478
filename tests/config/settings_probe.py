"""Settings as another process reads them from its environment (the suite's own variables stay out)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_with(environment, *args, tmp_path):
    """Run Python with only the given environment (the suite's own variables stay out)."""
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "PYTHONPATH") if key in os.environ}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ORDNA_VAR_DIR=str(tmp_path),
        **environment,
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False, timeout=120
    )


def settings_with(environment, tmp_path, *names):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr([getattr(settings, name) for name in {list(names)!r}]))"
    )
    result = run_with(environment, "-c", code, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 (our own repr of plain values)
