"""Errors the user can act on: each says what was wrong and where."""
from __future__ import annotations


class KgError(Exception):
    """A problem with the user's input or set-up, reported without a traceback."""


class InputError(KgError):
    """The input folder or a file in it cannot be used."""


class DataError(KgError):
    """A data file of the project (gazetteer, ontology, query) is malformed."""

    def __init__(self, path, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
