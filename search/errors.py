"""The search app's domain exception: a message in Swedish that the boundaries show as it is."""


class SearchError(Exception):
    """A query or parameter the user can fix; `message` is shown to them unchanged."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class SearchUnavailable(SearchError):
    """The search server did not answer; the boundaries say so (503) instead of failing."""
