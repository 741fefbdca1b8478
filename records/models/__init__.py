"""The register's models: number series, cases, parties, access grants, documents and files, and the
record types with their own life cycle (work orders, installer cases, team decisions) and messages."""

from .cases import OWN_LIFE_CYCLE, Case, CaseAccessGrant, CaseStatus, Party, RecordType
from .decisions import DecisionKind, TeamDecision
from .documents import Direction, Document, DocumentFile
from .installations import (
    InstallerCase,
    InstallerCaseNote,
    InstallerCaseStatus,
    InstallerCaseType,
    InstallerDraft,
)
from .messages import Channel, Message, MessageStatus
from .series import CONTINUOUS, NumberSeries, SeriesCounter
from .teams import Competence, Team, TeamMembership
from .work_orders import (
    TENANT_VIA_WEB,
    Contractor,
    WorkOrder,
    WorkOrderBatch,
    WorkOrderNote,
    WorkOrderStatus,
    WorkOrderType,
)

__all__ = [
    "CONTINUOUS",
    "OWN_LIFE_CYCLE",
    "TENANT_VIA_WEB",
    "Case",
    "CaseAccessGrant",
    "CaseStatus",
    "Channel",
    "Competence",
    "Contractor",
    "DecisionKind",
    "Direction",
    "Document",
    "DocumentFile",
    "InstallerCase",
    "InstallerCaseNote",
    "InstallerCaseStatus",
    "InstallerCaseType",
    "InstallerDraft",
    "Message",
    "MessageStatus",
    "NumberSeries",
    "Party",
    "RecordType",
    "SeriesCounter",
    "Team",
    "TeamDecision",
    "TeamMembership",
    "WorkOrder",
    "WorkOrderBatch",
    "WorkOrderNote",
    "WorkOrderStatus",
    "WorkOrderType",
]
