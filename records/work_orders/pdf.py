"""A work order as PDF (reportlab): what the contractor needs on site, its notes and its events."""

from django.conf import settings
from django.utils.translation import gettext as _

from common import pdf
from records.register.timeline import build_timeline


def render_pdf(order, user) -> bytes:
    """The order as `user` may see it (the contractor sees the same page as in the portal)."""
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
        (_("Beställd"), pdf.local_time(order.ordered_at)),
        (_("Accepterad"), pdf.local_time(order.accepted_at)),
        (_("Utförd"), pdf.local_time(order.completed_at)),
    ]
    if order.is_unit:
        facts += [
            (_("Enhet"), order.unit_description),
            (_("Modell"), order.unit_model),
            (_("Serienummer"), order.unit_serial),
        ]
    title = f"{_('Arbetsorder')} {order.reference}"
    story = [
        pdf.document_title(title),
        pdf.key_values(facts, widths=(45, 125), boxed=True, style=pdf.BODY),
        pdf.spacer(6),
        pdf.heading(_("Avser"), 2),
        pdf.paragraph(order.subject),
    ]
    if order.action_performed:
        story += [pdf.heading(_("Utförd åtgärd"), 2), pdf.paragraph(order.action_performed)]
    notes = list(order.notes.select_related("author"))
    if notes:
        story.append(pdf.heading(_("Noteringar"), 2))
        for note in notes:
            who = note.author.get_full_name() or note.author.get_username() if note.author else ""
            story.append(
                pdf.paragraph(f"{pdf.local_time(note.created_at)} {who} – {note.get_kind_display()}: {note.text}")
            )
    story.append(pdf.heading(_("Händelser"), 2))
    for event in build_timeline(order.case, user):
        story.append(pdf.paragraph(f"{pdf.local_time(event.at)} {event.user or ''} – {event.summary}"))
    story += [
        pdf.spacer(6),
        pdf.paragraph(
            _("Ange referensnummer %(ref)s på fakturan, utan mellanslag eller bindestreck.") % {"ref": order.reference}
        ),
    ]
    organisation = settings.ORDNA_ORGANISATION_NAME
    return pdf.render(title, story, footer=organisation, author=organisation)
