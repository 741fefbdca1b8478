"""The register's models: number series, cases, parties, access grants, documents and files."""

from .cases import Case, CaseAccessGrant, CaseStatus, Party, RecordType
from .documents import Direction, Document, DocumentFile
from .series import CONTINUOUS, NumberSeries, SeriesCounter

__all__ = [
    "CONTINUOUS",
    "Case",
    "CaseAccessGrant",
    "CaseStatus",
    "Direction",
    "Document",
    "DocumentFile",
    "NumberSeries",
    "Party",
    "RecordType",
    "SeriesCounter",
]
