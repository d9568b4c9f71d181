"""The exception the binding raises (imported by the C module too)."""


class VnauditError(Exception):
    """A document vnaudit could not read at all: a missing file, a broken or
    hostile container, an input over a limit. Problems inside a readable
    document are records (``diagnostic``), not exceptions.

    ``str(e)`` names the file and, when known, the line. Attributes: ``file``
    (the path or name as given), ``code`` (the library's ``vn_status``),
    ``line`` and ``col`` (1-based, 0 when unknown), ``offset`` (byte offset
    in the input as read)."""

    def __init__(self, message, file=None, code=0, line=0, col=0, offset=0):
        super().__init__(message)
        self.file = file
        self.code = code
        self.line = line
        self.col = col
        self.offset = offset
