"""Where each record type is filed in the classification plan, and the number series it is numbered in.

Configuration with defaults from the seed plan: ORDNA_FILING (a dict in the settings) overrides a
record type's process code, or one sub-type's as "work_order.fel". Checked at start-up by
records.checks, and again whenever a case is filed (records.register.services.resolve_process).
"""

from django.conf import settings

from records.register.models.cases import RecordType
from records.register.models.series import NumberSeries

DEFAULT_FILING = {
    # Fault reports and all other work orders: maintenance and repair of the properties.
    RecordType.WORK_ORDER: "2.9.1",
    # Installers' notifications about connections to the properties' electricity.
    RecordType.INSTALLER_CASE: "2.9.1",
    # Teams are given, and lose, rights to act in the installer portal: authorisations.
    RecordType.TEAM_DECISION: "2.8.3",
}

# code, name, pattern, yearly
SERIES = {
    RecordType.WORK_ORDER: ("arbetsorder", "Arbetsorder", "AO{serial}", False),
    RecordType.INSTALLER_CASE: ("installationsarende", "Installationsärenden", "OK-{serial:07d}", False),
    RecordType.TEAM_DECISION: ("teambeslut", "Teambeslut", "TB {year}/{serial}", True),
}


def configured_codes() -> dict[str, str]:
    """Every configured key (record type, or record type.sub-type) and its process code."""
    return {**{str(k): v for k, v in DEFAULT_FILING.items()}, **getattr(settings, "ORDNA_FILING", {})}


def process_code_for(record_type: str, subtype: str | None = None) -> str:
    codes = configured_codes()
    if subtype and f"{record_type}.{subtype}" in codes:
        return codes[f"{record_type}.{subtype}"]
    return codes[str(record_type)]


def series_for(record_type: str) -> NumberSeries:
    """The record type's own series (created by a migration; recreated if a test flush removed it)."""
    code, name, pattern, yearly = SERIES[record_type]
    series, _created = NumberSeries.objects.get_or_create(
        code=code, defaults={"name": name, "pattern": pattern, "prefix": "", "yearly": yearly}
    )
    return series
