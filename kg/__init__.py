"""dipkg: a knowledge graph of Russia–China diplomatic events built from news articles.

``from kg import KnowledgeGraph`` is the Python API (kg.api); it is imported on first use, so
``import kg`` stays fast.
"""
from __future__ import annotations

__all__ = ["KnowledgeGraph", "Entity"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
