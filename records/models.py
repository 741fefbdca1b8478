"""The register's models: number series, cases, parties, access grants, documents and files, and the
record types with their own life cycle (work orders, installer cases, team decisions) and messages."""

from records.installations.models.decisions import DecisionKind, TeamDecision
from records.installations.models.installer_cases import (
    InstallerCase,
    InstallerCaseNote,
    InstallerCaseStatus,
    InstallerCaseType,
    InstallerDraft,
)
from records.installations.models.teams import Competence, Team, TeamMembership
from records.messaging.models import Channel, Message, MessageStatus
from records.register.models.cases import OWN_LIFE_CYCLE, Case, CaseAccessGrant, CaseStatus, Party, RecordType
from records.register.models.documents import Direction, Document, DocumentFile
from records.register.models.series import CONTINUOUS, NumberSeries, SeriesCounter
from records.work_orders.models import (
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
