"""Typed readers for settings taken from the environment; a bad value fails loudly at start-up."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else value.strip()


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envurl(name: str, schemes: tuple[str, ...]) -> str | None:
    value = envstr(name)
    if value is None:
        return None
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}, not {value!r}")
    return value


def load_env_file(path) -> None:
    """Read KEY=value lines from a local .env file; the real environment always wins."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ImproperlyConfigured(f"{path}:{number}: expected KEY=value, got {line!r}")
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def envrate(name: str, default: str) -> str:
    """A request rate as DRF's throttles read it: a number, a slash and second, minute, hour or day ("60/min")."""
    value = envstr(name, default)
    number, _, period = value.partition("/")
    if not (number.isdigit() and period[:1] in ("s", "m", "h", "d")):
        raise ImproperlyConfigured(f"{name} must look like 60/min (per second, min, hour or day), not {value!r}")
    return value


def envheader(name: str, value: str) -> tuple[str, str] | None:
    """A request header as Django names it in request.META (HTTP_X_FORWARDED_PROTO), paired with the value
    that it must carry; unset: None."""
    header = envstr(name)
    if header is None:
        return None
    if not re.fullmatch(r"HTTP_[A-Z0-9_]+", header):
        raise ImproperlyConfigured(
            f"{name} must name a request header as Django does, e.g. HTTP_X_FORWARDED_PROTO, not {header!r}"
        )
    return header, value
