"""The header's enums with their fixed values.

Every enum the API takes accepts a member (``Kind.AGREEMENT_KEPT``), its
int value, or its name as a string in any case (``"agreement_kept"``).
Values the API returns (a limiting factor, a step status, a cooperation
basis, ...) come back as the lower-case name: ``"person"``, ``"ok"``.
"""

import enum
import operator

from ._errors import InvalidArgument

__all__ = [
    "Param",
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
    "Status",
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


class Param(_Named):
    """Configuration parameters (``ot_param``); keyword names of Model()."""

    GAIN_RATE = 1
    LOSS_RATE = 2
    DARK_SIDE = 3
    EVIDENCE_HALF_LIFE = 4
    WEIGHT_ABILITY = 5
    WEIGHT_BENEVOLENCE = 6
    WEIGHT_INTEGRITY = 7
    PROPENSITY = 8
    CLIMATE_THRESHOLD = 9
    DISRUPTED_GAIN = 10
    ORG_PRIOR = 11
    BRIDGE_GAP = 12
    SEPARATION = 13
    DISRUPTION_WEIGHT = 14
    REPAIR_FRACTION = 15
    REPAIR_HALF_LIFE = 16
    ESCALATION_FRACTION = 17
    ESCALATION_THRESHOLD = 18
    DARK_SIDE_GAP = 19
    DARK_SIDE_MIN_EVIDENCE = 20
    COOP_TAU0 = 21
    COOP_TAU1 = 22
    COOP_RELIABILITY = 23
    COOP_MAX_UNCERTAINTY = 24
    CONSULT_MAGNITUDE = 25
    RULE_MAGNITUDE = 26
    UNILATERAL_MAGNITUDE = 27
    FAILED_ESCALATION_MAGNITUDE = 28
    KEEP_EVENTS = 29


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
