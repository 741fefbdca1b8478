"""How long Celery may wait for its broker: a broker that is down or frozen delays work, never a request.

Work that must follow a commit is kept in the outbox table until it is handed over (see outbox/), so a
publish that fails costs nothing but a later attempt. A publish is therefore tried once, with short
timeouts on connecting and on every socket read and write; without them a frozen Redis (a stopped
process, a half-open connection) blocks the publishing request for as long as the operating system
keeps the connection (minutes).
"""

# Kombu's Redis consumer waits at most brpop_timeout (1 s) for a reply; the socket timeout must stay above it.
MINIMUM_TIMEOUT = 2


def transport_options(url: str, timeout: int) -> dict:
    scheme = url.split("://", 1)[0]
    if scheme in ("redis", "rediss"):
        return {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    if scheme in ("amqp", "amqps", "pyamqp"):
        return {"connect_timeout": timeout, "read_timeout": timeout, "write_timeout": timeout}
    return {}  # filesystem:// and memory:// never block


def celery_broker_options(url: str, *, timeout: int) -> dict:
    """Celery settings (lower-case names, as in app.conf) that bound every publish to the broker at `url`."""
    return {
        "broker_connection_timeout": timeout,
        "broker_transport_options": transport_options(url, timeout),
        # One attempt: a retry against a frozen broker only doubles the wait, and the outbox retries later.
        "task_publish_retry_policy": {"max_retries": 0, "interval_start": 0, "interval_step": 0, "interval_max": 0},
    }
