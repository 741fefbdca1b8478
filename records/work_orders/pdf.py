"""A work order as PDF (reportlab): what the contractor needs on site, its notes and its events."""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from records.register.timeline import build_timeline


def _when(moment) -> str:
    return "" if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def render_pdf(order, user) -> bytes:
    """The order as `user` may see it (the contractor sees the same page as in the portal)."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Small"] if "Small" in styles else styles["BodyText"]

    def p(text, style=body):
        return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{_('Arbetsorder')} {order.reference}",
        author=settings.ORDNA_ORGANISATION_NAME,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    phone = f"* {order.tenant_phone}" if order.tenant_phone else ""
    facts = [
        (_("Arbetsorder"), order.reference),
        (_("Typ"), order.get_order_type_display()),
        (_("Status"), order.get_status_display()),
        (_("Objekt"), order.object_display),
        (_("Beställare"), order.orderer_display),
        (_("Hyresgäst"), order.tenant_name),
        (_("Telefon att använda"), phone),
        (_("Prio"), order.priority),
        (_("Bunt"), order.batch_id or ""),
        (_("Entreprenör"), order.contractor.name),
        (_("Beställd"), _when(order.ordered_at)),
        (_("Accepterad"), _when(order.accepted_at)),
        (_("Utförd"), _when(order.completed_at)),
    ]
    if order.is_unit:
        facts += [
            (_("Enhet"), order.unit_description),
            (_("Modell"), order.unit_model),
            (_("Serienummer"), order.unit_serial),
        ]
    table = Table([[p(label), p(value)] for label, value in facts], colWidths=[45 * mm, 125 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    story = [
        Paragraph(escape(f"{_('Arbetsorder')} {order.reference}"), styles["Title"]),
        table,
        Spacer(1, 6 * mm),
        Paragraph(_("Avser"), styles["Heading2"]),
        p(order.subject),
    ]
    if order.action_performed:
        story += [Paragraph(_("Utförd åtgärd"), styles["Heading2"]), p(order.action_performed)]
    notes = list(order.notes.select_related("author"))
    if notes:
        story.append(Paragraph(_("Noteringar"), styles["Heading2"]))
        for note in notes:
            who = note.author.get_full_name() or note.author.get_username() if note.author else ""
            story.append(p(f"{_when(note.created_at)} {who} – {note.get_kind_display()}: {note.text}", small))
    story.append(Paragraph(_("Händelser"), styles["Heading2"]))
    for event in build_timeline(order.case, user):
        story.append(p(f"{_when(event.at)} {event.user or ''} – {event.summary}", small))
    story += [
        Spacer(1, 6 * mm),
        p(
            _("Ange referensnummer %(ref)s på fakturan, utan mellanslag eller bindestreck.") % {"ref": order.reference},
            small,
        ),
    ]
    document.build(story)
    return buffer.getvalue()
