"""Observations in bulk: packing rows into ``ot_observation`` records.

A prepared buffer is any object with the buffer protocol (``bytes``,
``bytearray``, ``memoryview``, ``array.array``, a numpy array, a ctypes
array of ``Observation``) holding whole 32-byte records laid out as the
frozen C struct, in native byte order::

    offset  0  uint32  truster
    offset  4  uint32  trustee
    offset  8  int32   kind       (an ot_kind value, 1..8)
    offset 12  uint32  reserved   (must be 0)
    offset 16  double  magnitude  (in (0, 10]; 0 means 1)
    offset 24  double  t

which is ``struct.Struct("=IIiIdd")`` and the numpy dtype of
``observation_dtype()``.  Such a buffer goes to ``ot_observe_batch``
without a copy (bytes, and writable buffers that are C-contiguous and
8-byte aligned; anything else is copied once first).
"""

import ctypes
import operator
import struct
import sys

from ._enums import Kind
from ._errors import InvalidArgument
from ._native import OT_NONE, Observation, pointer_value

__all__ = ["RECORD", "pack_observations", "observation_dtype", "as_batch"]

RECORD = struct.Struct("=IIiIdd")
assert RECORD.size == ctypes.sizeof(Observation)

# Every spelling of a kind that observe() and the rows take, to its value.
KINDS = {}
for _k in Kind:
    KINDS[_k.value] = _k.value
    KINDS[_k.label] = _k.value
    KINDS[_k.name] = _k.value

_FIELDS = ("truster", "trustee", "kind", "t", "magnitude")
_ALIGN = ctypes.alignment(Observation)


def _row_error(rows_index, message):
    return InvalidArgument("rows[%d]: %s" % (rows_index, message), index=rows_index)


def _explain_row(i, row):
    """The precise complaint about a row that failed to pack (slow path)."""
    try:
        n = len(row)
    except TypeError:
        return _row_error(i, "a row must be a tuple (truster, trustee, kind, t[, magnitude]), not %s"
                          % type(row).__name__)
    if n not in (4, 5):
        return _row_error(i, "a row has 4 or 5 fields (truster, trustee, kind, t[, magnitude]), not %d" % n)
    for name, value in zip(_FIELDS, row):
        if name in ("truster", "trustee"):
            try:
                v = operator.index(value)
            except TypeError:
                return _row_error(i, "%s must be an id (an int), not %s" % (name, type(value).__name__))
            if not 0 <= v < OT_NONE:
                return _row_error(i, "%s = %d is not an id (ids are 0 to %d)" % (name, v, OT_NONE - 1))
        elif name == "kind":
            try:
                Kind.coerce(value, "kind")
            except (TypeError, InvalidArgument) as e:
                return _row_error(i, str(e))
        else:
            if isinstance(value, (str, bytes)) or not hasattr(type(value), "__float__"):
                return _row_error(i, "%s must be a number, not %s" % (name, type(value).__name__))
            try:
                float(value)
            except (OverflowError, ValueError, TypeError) as e:
                return _row_error(i, "%s = %r: %s" % (name, value, e))
    return _row_error(i, "cannot be packed as an ot_observation")


def _pack_rows(rows):
    """Rows of (truster, trustee, kind, t[, magnitude]) into a bytearray."""
    if not isinstance(rows, (list, tuple)):
        rows = list(rows)
    buf = bytearray(RECORD.size * len(rows))
    pack_into = RECORD.pack_into
    kinds = KINDS
    off = 0
    i = 0
    try:
        for i, row in enumerate(rows):
            if len(row) == 4:
                a, b, k, t = row
                mag = 1.0
            else:
                a, b, k, t, mag = row
            kv = kinds.get(k)
            if kv is None:
                kv = Kind.coerce(k, "kind").value
            # struct range-checks the ids (uint32) and refuses non-numbers.
            pack_into(buf, off, a, b, kv, 0, mag, t)
            off += 32
    except (struct.error, TypeError, ValueError, OverflowError):
        raise _explain_row(i, rows[i]) from None
    return buf


def pack_observations(rows):
    """Pack observations into a prepared buffer for ``Model.observe_many``.

    ``rows`` is an iterable of ``(truster, trustee, kind, t[, magnitude])``
    (kind as a ``Kind``, its value or its name) or a numpy structured
    array.  Returns a ``bytearray`` of 32-byte ``ot_observation`` records
    (see the module documentation).  A bad row raises InvalidArgument with
    ``index`` set to its position.
    """
    if _is_numpy(rows):
        return bytearray(_numpy_records(rows).tobytes())
    return _pack_rows(rows)


# ---- numpy ---------------------------------------------------------------


def _is_numpy(obj):
    np = sys.modules.get("numpy")
    return np is not None and isinstance(obj, np.ndarray)


_DTYPE = []  # observation_dtype(), made once (building a dtype costs ~10 us)


def observation_dtype():
    """The numpy dtype of one ``ot_observation`` record (needs numpy)."""
    if not _DTYPE:
        _DTYPE.append(_make_dtype())
    return _DTYPE[0]


def _make_dtype():
    import numpy as np

    return np.dtype(
        {
            "names": ["truster", "trustee", "kind", "reserved", "magnitude", "t"],
            "formats": ["=u4", "=u4", "=i4", "=u4", "=f8", "=f8"],
            "offsets": [0, 4, 8, 12, 16, 24],
            "itemsize": 32,
        }
    )


def _check_integers(np, values, name, lo, hi):
    """Integer column within [lo, hi]; else InvalidArgument at the first bad row."""
    if values.dtype.kind not in "iub":
        raise InvalidArgument("field %s must hold integers, not %s" % (name, values.dtype))
    if len(values) and values.dtype.kind != "b":
        bad = (values < lo) | (values > hi)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _row_error(i, "%s = %d is out of range [%d, %d]" % (name, int(values[i]), lo, hi))
    return values


def _numpy_records(arr):
    """A C-contiguous array of observation_dtype() for a structured array."""
    import numpy as np

    dt = observation_dtype()
    if arr.ndim != 1:
        raise InvalidArgument("a numpy array of observations must be one-dimensional, not of shape %s" % (arr.shape,))
    if arr.dtype == dt:
        return np.ascontiguousarray(arr)
    names = arr.dtype.names or ()
    missing = [f for f in ("truster", "trustee", "kind", "t") if f not in names]
    if missing:
        raise InvalidArgument(
            "a numpy array of observations needs the fields truster, trustee, kind, t (and optionally "
            "magnitude); %s has %s" % (arr.dtype, ", ".join(names) or "no fields")
        )
    out = np.zeros(len(arr), dtype=dt)
    out["truster"] = _check_integers(np, arr["truster"], "truster", 0, OT_NONE)
    out["trustee"] = _check_integers(np, arr["trustee"], "trustee", 0, OT_NONE)
    kinds = arr["kind"]
    if kinds.dtype.kind in "iub":
        out["kind"] = _check_integers(np, kinds, "kind", -(2**31), 2**31 - 1)
    else:
        for i, k in enumerate(kinds.tolist()):
            try:
                out["kind"][i] = Kind.coerce(k, "kind").value
            except (TypeError, InvalidArgument) as e:
                raise _row_error(i, str(e)) from None
    for name in ("t", "magnitude"):
        if name not in names:
            out[name] = 1.0
            continue
        try:
            out[name] = arr[name].astype(np.float64, casting="same_kind" if arr[name].dtype.kind == "f" else "unsafe")
        except (TypeError, ValueError) as e:
            raise InvalidArgument("field %s cannot be read as float64: %s" % (name, e)) from None
    return out


# ---- handing a buffer to C --------------------------------------------------


def _records_view(obj):
    """(ctypes array of Observation or None, n, keep-alive) without a copy
    where possible."""
    if isinstance(obj, ctypes.Array) and obj._type_ is Observation:
        return obj, len(obj), obj
    if isinstance(obj, bytes):
        nbytes = len(obj)
        _whole_records(nbytes)
        if nbytes == 0:
            return None, 0, obj
        # c_char_p points into the bytes object itself: no copy.
        addr = pointer_value(ctypes.c_char_p(obj))
        if addr % _ALIGN == 0:
            return (Observation * (nbytes // 32)).from_address(addr), nbytes // 32, obj
        return _copied(obj)
    view = memoryview(obj)
    _whole_records(view.nbytes)
    if view.nbytes == 0:
        return None, 0, obj
    if view.readonly or not view.c_contiguous:
        return _copied(view)
    records = (Observation * (view.nbytes // 32)).from_buffer(view)
    if ctypes.addressof(records) % _ALIGN:
        return _copied(view)
    return records, len(records), view


def _whole_records(nbytes):
    if nbytes % RECORD.size:
        raise InvalidArgument(
            "a prepared buffer holds whole 32-byte ot_observation records; %d bytes is %d records and %d "
            "bytes over" % (nbytes, nbytes // RECORD.size, nbytes % RECORD.size)
        )


def _copied(view):
    copy = bytearray(view.tobytes() if isinstance(view, memoryview) else view)
    records = (Observation * (len(copy) // 32)).from_buffer(copy)
    return records, len(records), copy


def as_batch(rows):
    """What ot_observe_batch needs for any accepted form of rows:
    (records or None, n, keep-alive)."""
    if _is_numpy(rows):
        if rows.dtype.names is None:
            raise InvalidArgument(
                "a numpy array of observations must be a structured array (see orgtrust.observation_dtype()), "
                "not of dtype %s" % rows.dtype
            )
        return _records_view(_numpy_records(rows))
    if isinstance(rows, (bytes, ctypes.Array)):
        return _records_view(rows)
    try:
        memoryview(rows)
    except TypeError:  # not a buffer: rows of tuples
        return _records_view(_pack_rows(rows))
    return _records_view(rows)

