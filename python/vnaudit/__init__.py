"""vnaudit: read Vietnamese government budget reports, extract their figures
and check their arithmetic, from Python.

    >>> import vnaudit
    >>> records = vnaudit.check("report.docx")
    >>> [r["claimed"] for r in records if r.get("verdict") == "inconsistent"]

``check`` and ``extract`` take a path (``str`` or ``os.PathLike``) or the
document's bytes, and return a list of dicts with the fields of the JSON
Lines that ``vnaudit check|extract --format jsonl`` prints (docs/CONTRACT.md):
the records come from the C library's own JSON Lines writer, so they are the
same, field for field. Exact values are ``decimal.Decimal`` (``value_dong``,
``value`` of numeric records, ``computed`` of checks); nothing is a float.
The GIL is released while the C library works.
"""

import decimal
import json
import os
import threading

from ._errors import VnauditError
from . import _vnaudit

__all__ = ["check", "extract", "to_dataframe", "Auditor", "Archive", "archive_store", "VnauditError", "__version__"]

__version__ = _vnaudit.version()

# fields holding an exact number as a decimal string, by record type ("value"
# of a date record is an ISO date and stays a string)
_DECIMAL_FIELDS = {
    "amount": ("value", "value_dong"),
    "percent": ("value",),
    "quantity": ("value",),
    "check": ("computed",),
}


def _record(line):
    rec = json.loads(line, parse_float=decimal.Decimal)
    for field in _DECIMAL_FIELDS.get(rec.get("type"), ()):
        v = rec.get(field)
        if isinstance(v, str):
            rec[field] = decimal.Decimal(v)
    return rec


class Auditor:
    """A reusable pipeline (vocabulary and patterns loaded once).

    Auditor(validate=True, vocab=None, max_input_bytes=0, threads=1):
    ``validate`` finds the arithmetic relations (``check`` records),
    ``vocab`` a directory of vocabulary tables instead of the built-in ones,
    ``max_input_bytes`` refuses larger inputs (0: the library's 512 MiB),
    ``threads`` 2 runs the validator's rules on two threads. One call runs at a
    time on one Auditor; use one per thread to run documents in parallel.
    """

    def __init__(self, validate=True, vocab=None, max_input_bytes=0, threads=1):
        self.validate = bool(validate)
        self._p = _vnaudit.Pipeline(validate=self.validate, vocab=vocab,
                                    max_input_bytes=max_input_bytes, threads=threads)

    def records(self, path_or_bytes, name=None):
        """The records of one document. ``name`` is the ``file`` of each record
        (default: the path as given, or "-" for bytes)."""
        if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
            out = self._p.run(data=path_or_bytes, label=name if name is not None else "-")
        elif isinstance(path_or_bytes, (str, os.PathLike)):
            path = os.fspath(path_or_bytes)
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            out = self._p.run(path=path, label=name if name is not None else path)
        else:
            raise TypeError("expected a path (str, os.PathLike) or bytes, not %s" % type(path_or_bytes).__name__)
        return [_record(line) for line in out.decode("utf-8").splitlines() if line]


_local = threading.local()


def _auditor(validate, options):
    key = (validate, options.get("vocab"), options.get("max_input_bytes", 0), options.get("threads", 1))
    cache = getattr(_local, "auditors", None)
    if cache is None:
        cache = _local.auditors = {}
    a = cache.get(key)
    if a is None:
        a = cache[key] = Auditor(validate, *key[1:])
    return a


_OPTIONS = {"name", "vocab", "max_input_bytes", "threads"}


def _run(validate, path_or_bytes, options):
    unknown = set(options) - _OPTIONS
    if unknown:
        raise TypeError("unknown option(s): %s" % ", ".join(sorted(unknown)))
    return _auditor(validate, options).records(path_or_bytes, options.get("name"))


def check(path_or_bytes, **options):
    """Records, checks and diagnostics of one document, as ``vnaudit check
    --format jsonl`` gives them. Options: ``name`` (the ``file`` field),
    ``vocab``, ``max_input_bytes``, ``threads`` (see Auditor). Raises
    VnauditError when the document cannot be read at all."""
    return _run(True, path_or_bytes, options)


def extract(path_or_bytes, **options):
    """The records of one document (amounts, percentages, quantities,
    references, dates), as ``vnaudit extract --format jsonl`` gives them."""
    return _run(False, path_or_bytes, options)


def to_dataframe(records):
    """A pandas DataFrame with one row per record and one column per field
    (missing fields are None; Decimal values stay Decimal, in object
    columns). Needs pandas."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("vnaudit.to_dataframe needs pandas (Debian: python3-pandas)") from e
    columns = []
    for rec in records:
        for k in rec:
            if k not in columns:
                columns.append(k)
    return pandas.DataFrame([{c: rec.get(c) for c in columns} for rec in records], columns=columns)


from .archive import Archive, archive_store   # noqa: E402  (needs Auditor above)
