"""Celery tasks of retention, where Celery's autodiscovery looks for them (declared in `services/jobs.py`)."""

from .services.jobs import (
    recompute_case_retention,
    recompute_retention_scope,
    resume_interrupted_disposals,
    run_disposal_list,
)

__all__ = [
    "recompute_case_retention",
    "recompute_retention_scope",
    "resume_interrupted_disposals",
    "run_disposal_list",
]
