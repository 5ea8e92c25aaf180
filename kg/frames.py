"""SPARQL results as typed pandas DataFrames, and Python values as RDF terms for bound parameters.

Typing is per column: a column whose values all share one datatype gets the matching pandas dtype
(xsd:date -> datetime64, xsd:gYearMonth / xsd:gYear -> Period, integers -> int64, decimals and
doubles -> float64, booleans -> bool; integers and booleans with unbound cells -> Int64 / boolean);
IRIs become their string; anything mixed stays text.
"""
from __future__ import annotations

import datetime as dt
import decimal

import pandas as pd
import pyoxigraph as ox

from .errors import InputError

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                                   "unsignedShort", "unsignedByte")}
FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def term_value(term) -> object:
    """A term as a plain Python value: IRIs and literals as their lexical form, blank nodes as ``_:id``."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return str(term)
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _datatype(term) -> str | None:
    if isinstance(term, ox.Literal):
        return term.datatype.value
    return None


def typed_column(terms: list) -> pd.Series:
    """One result column, converted to the pandas dtype its (shared) datatype calls for."""
    values = [term_value(t) for t in terms]
    present = [t for t in terms if t is not None]
    kinds = {_datatype(t) if isinstance(t, ox.Literal) else type(t).__name__ for t in present}
    if len(kinds) == 1 or (kinds and kinds <= INTEGER_TYPES | FLOAT_TYPES):
        kind = next(iter(kinds)) if len(kinds) == 1 else XSD + "double"
        try:
            return _convert(values, kind)
        except (ValueError, TypeError, OverflowError, ArithmeticError):
            pass  # a malformed lexical form: keep the text rather than fail the whole query
    return pd.Series(values, dtype="object")


def _convert(values: list, kind: str) -> pd.Series:
    gaps = any(v is None for v in values)  # unbound cells: pandas' nullable dtypes
    if kind in INTEGER_TYPES:
        return pd.Series([None if v is None else int(v) for v in values], dtype="Int64" if gaps else "int64")
    if kind in FLOAT_TYPES:
        return pd.Series([None if v is None else float(v) for v in values], dtype="float64")
    if kind == XSD + "boolean":
        flags = [None if v is None else v in ("true", "1") for v in values]
        return pd.Series(flags, dtype="boolean" if gaps else "bool")
    if kind in (XSD + "date", XSD + "dateTime"):
        return pd.Series(pd.to_datetime(values, errors="raise", format="ISO8601"))
    if kind in (XSD + "gYearMonth", XSD + "gYear"):
        freq = "M" if kind.endswith("gYearMonth") else "Y"
        return pd.Series([None if v is None else pd.Period(v, freq=freq) for v in values], dtype=f"period[{freq}]")
    return pd.Series(values, dtype="object")


def results_frame(results) -> pd.DataFrame | bool:
    """SELECT -> DataFrame with typed columns; ASK -> bool; CONSTRUCT/DESCRIBE -> subject/predicate/object."""
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        return bool(results)
    if isinstance(results, ox.QueryTriples):
        rows = [(term_value(t.subject), term_value(t.predicate), term_value(t.object)) for t in results]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"], dtype="object")
    names = [v.value for v in results.variables]
    rows = [[row[n] for n in names] for row in results]
    return pd.DataFrame({n: typed_column([r[i] for r in rows]) for i, n in enumerate(names)}, columns=names)


def to_term(value, name: str = "value"):
    """A Python value as the RDF term it binds: str -> plain literal, int/float/bool/date -> typed literal.

    IRIs are passed as ``pyoxigraph.NamedNode``; a string is always a literal, whatever it contains.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, (float, decimal.Decimal)):
        datatype = XSD + ("double" if isinstance(value, float) else "decimal")
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise InputError(f"parameter {name}: cannot bind a {type(value).__name__} ({value!r}); "
                     "use a str, int, float, bool, date or pyoxigraph.NamedNode")
