"""The outbox: work that must follow a commit, written in the committing transaction and handed to Celery after it."""
