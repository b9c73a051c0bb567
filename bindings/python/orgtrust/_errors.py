"""Exceptions: one class per ``ot_status`` of the C library.

Every failing C call becomes an exception carrying the status code and the
text of ``ot_last_error()`` (which names the function, the argument and the
value).  Checks the bindings make themselves before calling into C (a closed
model, an id that does not fit ``ot_id``) raise the same classes with a
message of their own.
"""

__all__ = [
    "Error",
    "InvalidArgument",
    "OutOfMemory",
    "NotFound",
    "AlreadyExists",
    "TimeOrder",
    "StateError",
    "StoreError",
    "FormatError",
    "NotSupported",
    "LimitError",
    "StoreBusy",
    "error_for_status",
]


class Error(Exception):
    """A call into liborgtrust failed.

    Attributes:
        status: the ``ot_status`` code (a negative int, e.g. -1 for
            ``OT_EINVAL``).
        detail: the library's message (``ot_last_error()``), or the
            bindings' own message for checks made in Python.
        index: for ``observe_many`` / ``pack_observations``, the index of
            the first bad row (nothing was applied); otherwise None.
    """

    status = None

    def __init__(self, detail, status=None, index=None):
        super().__init__(detail)
        if status is not None:
            self.status = status
        self.detail = detail
        self.index = index


class InvalidArgument(Error, ValueError):
    """OT_EINVAL: an argument is out of range, NaN, or not allowed."""

    status = -1


class OutOfMemory(Error, MemoryError):
    """OT_ENOMEM: an allocation failed; nothing changed."""

    status = -2


class NotFound(Error, LookupError):
    """OT_ENOTFOUND: an id, tie or record does not exist."""

    status = -3


class AlreadyExists(Error):
    """OT_EEXIST: the thing to create exists already."""

    status = -4


class TimeOrder(Error):
    """OT_ETIME: an event's time is earlier than the model's time."""

    status = -5


class StateError(Error):
    """OT_ESTATE: not allowed in the current state (also: a closed model)."""

    status = -6


class StoreError(Error):
    """OT_EIO: reading or writing a file or store failed."""

    status = -7


class FormatError(Error):
    """OT_EFORMAT: input data (scenario, store file) is malformed."""

    status = -8


class NotSupported(Error):
    """OT_ENOTSUP: not supported by this build or configuration."""

    status = -9


class LimitError(Error):
    """OT_ELIMIT: a size or count limit was exceeded."""

    status = -10


class StoreBusy(StoreError):
    """OT_EBUSY: the store is locked by another writer (a StoreError, as
    liborgtrust 1.0 reported it with OT_EIO); the call may be tried again."""

    status = -11


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


_BY_STATUS = {cls.status: cls for cls in _all_subclasses(Error)}


def error_for_status(status, detail, index=None):
    """The exception for a negative C status (a plain ``Error`` for a code
    this version of the bindings does not know)."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        return Error(detail, status, index)
    return cls(detail, status, index)
