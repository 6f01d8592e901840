"""The core's models: users, regions, the organisation tree, roles, calendar and audit."""

from .audit import AuditEntry
from .background import BackgroundJob, QueuedTask
from .calendar import Period, PeriodKind, ReportingYear
from .organisation import OrgUnit
from .regions import STANDARD_UNIT_KINDS, OrgUnitKind, Region
from .riskmatrix import RiskMatrix
from .roles import Role, RoleAssignment
from .users import Member, User

__all__ = [
    "AuditEntry",
    "BackgroundJob",
    "Member",
    "OrgUnit",
    "OrgUnitKind",
    "Period",
    "PeriodKind",
    "QueuedTask",
    "Region",
    "ReportingYear",
    "RiskMatrix",
    "Role",
    "RoleAssignment",
    "STANDARD_UNIT_KINDS",
    "User",
]
