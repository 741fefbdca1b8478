"""Idempotency keys of the API: a retried create returns what the first request created, never a second one."""
