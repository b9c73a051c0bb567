"""The header's enums with their fixed values.

Every enum the API takes accepts a member (``Kind.AGREEMENT_KEPT``), its
int value, or its name as a string in any case (``"agreement_kept"``).
Values the API returns (a limiting factor, a step status, a cooperation
basis, ...) come back as the lower-case name: ``"person"``, ``"ok"``.
"""

import collections
import ctypes
import enum
import operator

from ._errors import InvalidArgument

__all__ = [
    "Param",
    "ParamInfo",
    "Count",
    "TieAttr",
    "TieClass",
    "Kind",
    "Dimension",
    "Limit",
    "Basis",
    "DisruptionKind",
    "DisruptionStatus",
    "List",
    "Advice",
    "EscalationMode",
    "StepStatus",
    "StepReason",
    "StoreFlags",
    "Response",
    "Status",
    "FuseRule",
    "ProbeWhat",
]


class _Named(enum.IntEnum):
    """An IntEnum that also takes its members' names as strings."""

    @property
    def label(self):
        """The member's name in lower case, as the API returns it."""
        return self.name.lower()

    @classmethod
    def coerce(cls, value, arg="value"):
        """The member for a member, an int value or a name (any case)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            member = cls.__members__.get(value.upper())
            if member is None:
                names = ", ".join(repr(m.label) for m in cls)
                raise InvalidArgument("%s = %r is not a %s; use one of %s" % (arg, value, cls.__name__, names))
            return member
        if isinstance(value, bool):
            raise TypeError("%s must be a %s, its int value or its name, not a bool" % (arg, cls.__name__))
        try:
            value = operator.index(value)
        except TypeError:
            raise TypeError(
                "%s must be a %s, its int value or its name, not %s" % (arg, cls.__name__, type(value).__name__)
            ) from None
        try:
            return cls(value)
        except ValueError:
            values = ", ".join("%d %s" % (m.value, m.label) for m in cls)
            raise InvalidArgument("%s = %d is not a %s (%s)" % (arg, value, cls.__name__, values)) from None

    @classmethod
    def label_of(cls, value):
        """The lower-case name of a value the library returned."""
        try:
            return cls(value).label
        except ValueError:
            return "unknown(%d)" % value


ParamInfo = collections.namedtuple("ParamInfo", "name default lo hi")
ParamInfo.__doc__ = """A parameter as the library describes it (``ot_param_info``): its
scenario key, default and valid range (``lo``/``hi`` the bounds; see the
header for the three open ones)."""


class _ParamEnum(_Named):
    """Configuration parameters (``ot_param``); keyword names of Model().

    The members come from the library's own parameter table through
    ``ot_param_info``, so a parameter the library adds is here without a copy
    to keep in step."""

    @property
    def info(self):
        """The parameter's ParamInfo (name, default, lo, hi)."""
        return _param_info(self.value)


def _param_info(value):
    from . import _native  # the library; _native needs nothing of this module

    name = ctypes.c_char_p()
    nums = [ctypes.c_double() for _ in range(3)]
    _native.lib.ot_param_info(value, ctypes.byref(name), *(ctypes.byref(x) for x in nums))
    return ParamInfo(name.value.decode("ascii"), nums[0].value, nums[1].value, nums[2].value)


def _param_members():
    """(NAME, value) for every ot_param, 1, 2, ... as long as the library
    knows the value."""
    from ._errors import InvalidArgument as _Unknown

    members, value = [], 1
    while True:
        try:
            info = _param_info(value)
        except _Unknown:
            return members
        members.append((info.name.upper(), value))
        value += 1


Param = _ParamEnum("Param", _param_members(), module=__name__, qualname="Param")


class Count(_Named):
    """What ``ot_model_count`` counts (``ot_count_what``)."""

    ORGS = 1
    ACTORS = 2
    TIES = 3
    DISRUPTIONS = 4
    EVENTS = 5


class TieAttr(_Named):
    """Tie attributes (``ot_tie_attr``)."""

    INTENSITY = 1
    AFFECT = 2
    UNCERTAINTY = 3


class TieClass(_Named):
    """Tie classes (``ot_class``)."""

    INTERNAL = 1
    VERTICAL = 2
    HORIZONTAL = 3
    DIAGONAL = 4


class Kind(_Named):
    """Observation kinds (``ot_kind``)."""

    AGREEMENT_KEPT = 1
    AGREEMENT_BROKEN = 2
    DELIVERED = 3
    FAILED_DELIVERY = 4
    WENT_BEYOND = 5
    LET_DOWN = 6
    DISCLOSED = 7
    CONCEALED = 8


class Dimension(_Named):
    """Dimensions of perceived trustworthiness (``ot_dimension``)."""

    ABILITY = 1
    BENEVOLENCE = 2
    INTEGRITY = 3


class Limit(_Named):
    """Which factor limits effective trust (``ot_limit``)."""

    PERSON = 1
    REPUTATION = 2
    BACKING = 3


class Basis(_Named):
    """Cooperation basis of a tie (``ot_basis``), weakest first."""

    AT_RISK = 1
    RELIABILITY = 2
    TRUST = 3


class DisruptionKind(_Named):
    """Disruption kinds (``ot_disruption_kind``)."""

    TASK = 1
    RELATIONAL = 2


class DisruptionStatus(_Named):
    """Disruption status (``ot_disruption_state``)."""

    OPEN = 1
    RESOLVED_LOCALLY = 2
    RESOLVED_BY_ESCALATION = 3
    WITHDRAWN = 4


class EscalationMode(_Named):
    """Escalation modes (``ot_escalation_mode``)."""

    JOINT = 1
    UNILATERAL = 2


class StepStatus(_Named):
    """Status of one escalation step (``ot_step_status``)."""

    OK = 1
    NO_SUPERIOR = 2
    COMPROMISED = 3
    NO_TIE = 4
    UNHEALTHY = 5


class StepReason(_Named):
    """Why a step is compromised (``ot_step_reason``)."""

    NONE = 0
    PARTY = 1
    DIAGONAL = 2


class Response(_Named):
    """How the other party answered a disruption (``ot_response``, since 1.1)."""

    NONE = 0
    APOLOGY = 1
    DENIAL = 2
    PROMISE = 3


class List(_Named):
    """Which disruptions ``Model.disruptions`` lists (``ot_list``)."""

    OPEN = 1
    OVERDUE = 2
    ALL = 3


class Advice(_Named):
    """What ``Model.advice`` recommends (``ot_advice``)."""

    NONE = 0
    RESOLVE = 1
    REFER = 2


class StoreFlags(enum.IntFlag):
    """Store open flags (``ot_store_flags``)."""

    CREATE = 1
    READONLY = 2


class Status(_Named):
    """Status codes (``ot_status``)."""

    OK = 0
    EINVAL = -1
    ENOMEM = -2
    ENOTFOUND = -3
    EEXIST = -4
    ETIME = -5
    ESTATE = -6
    EIO = -7
    EFORMAT = -8
    ENOTSUP = -9
    ELIMIT = -10
    EBUSY = -11


class FuseRule(_Named):
    """Fusion rules of ``orgtrust.sl.fuse`` (``ot_fuse_rule``)."""

    CUMULATIVE = 1
    AVERAGING = 2
    WEIGHTED = 3


class ProbeWhat(_Named):
    """What a timeline probe measures (``ot_probe_what``)."""

    TRUST = 1
    TRUSTWORTHINESS = 2
    EFFECTIVE_TRUST = 3
    REPUTATION = 4
    BACKING = 5
    LAYER_TRUST = 6
    DAMPING = 7
    STANDING = 8
    BRIDGE_GAP = 9
    CEILING = 10
