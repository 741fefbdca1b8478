"""Start-up check: every process the record types are filed under exists and is an active process (P).

Runs with every management command. Before the plan is loaded (an empty database, or before the
first migrate) it only warns, so `migrate` and `check` still work.
"""

from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from classification.models import Node
from classification.rules import Kind
from records.register.filing import configured_codes


@register("records")
def check_filing_processes(app_configs=None, **kwargs):
    codes = configured_codes()
    listed = ", ".join(sorted(set(codes.values())))
    try:
        if not Node.objects.exists():
            return [
                Warning(
                    "Klassificeringsstrukturen är inte inläst; processerna som arbetsorder, installationsärenden och "
                    f"teambeslut registreras på ({listed}) kan inte kontrolleras ännu.",
                    hint="Läs in planen med import_classification eller load_demo.",
                    id="records.W001",
                )
            ]
        nodes = {n.code: n for n in Node.objects.filter(code__in=set(codes.values()))}
    except DatabaseError:
        return [
            Warning(
                "Databasen är inte migrerad; registreringsprocesserna kontrolleras efter migrate.", id="records.W002"
            )
        ]
    errors = []
    today = timezone.localdate()
    for key, code in sorted(codes.items()):
        node = nodes.get(code)
        if node is None:
            problem = "finns inte i klassificeringsstrukturen"
        elif node.kind != Kind.PROCESS:
            problem = f"är en {node.kind}, inte en process (P)"
        elif node.valid_to is not None and node.valid_to <= today:
            problem = f"har upphört ({node.valid_to.isoformat()})"
        else:
            continue
        errors.append(
            Error(
                f"{key} ska registreras på processen {code}, men {code} {problem}.",
                hint=f"Ändra ORDNA_FILING i inställningarna till en aktiv process, t.ex. {{'{key}': '2.9.1'}}.",
                obj="ORDNA_FILING",
                id="records.E001",
            )
        )
    return errors
