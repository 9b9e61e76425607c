"""Errors a user can act on. The API maps each type to one HTTP status in one place."""


class AssistantError(Exception):
    """Base class: the message is shown to the user as it is, so write it for them (in Dutch)."""


class InvalidInputError(AssistantError):
    """The request or file is malformed or out of bounds (HTTP 422/400). `fields` maps a form field's
    name to its own Dutch message, for forms that show each problem next to its input."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class NotFoundError(AssistantError):
    """The named document, persona, conversation or draft does not exist (HTTP 404)."""


class ConflictError(AssistantError):
    """The request clashes with the current state, e.g. a persona id that is taken (HTTP 409)."""


class IndexNotReadyError(AssistantError):
    """No index has been built yet; run an ingest first (HTTP 503)."""
