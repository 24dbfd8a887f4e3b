"""The exceptions of dvhc: the library's errors, with its messages and stable ids."""

from __future__ import annotations

__all__ = ["CodeError", "Error", "ParseError", "TranslateError"]


class Error(ValueError):
    """An input dvhc cannot use; ``kind`` is the library's stable id of the error
    (``"empty"``, ``"too_long"``, ``"not_found"``, ``"bad_coordinates"``, …), the
    message is the library's."""

    kind: str

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class ParseError(Error):
    """An address in which no unit is recognised (``dvhc.parse``)."""


class TranslateError(Error):
    """An address that cannot be translated (``dvhc.translate``)."""


class CodeError(Error):
    """A code that is not a well-formed unit code (``dvhc.get``, ``within=``)."""
