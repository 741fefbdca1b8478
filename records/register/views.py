"""Public and staff web pages of the register: the daily postlista and permission-checked file downloads."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from records.register import access
from records.register.models.cases import Case
from records.register.models.documents import Document, DocumentFile


def _parse_day(raw: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise Http404 from None


def _neighbour_days(day: datetime.date, today: datetime.date):
    """The nearest earlier and later days with anything registered (two aggregate queries each way)."""
    before = [
        Case.objects.filter(opened_on__lt=day).aggregate(d=Max("opened_on"))["d"],
        Document.objects.filter(registered_on__lt=day).aggregate(d=Max("registered_on"))["d"],
    ]
    after = [
        Case.objects.filter(opened_on__gt=day, opened_on__lte=today).aggregate(d=Min("opened_on"))["d"],
        Document.objects.filter(registered_on__gt=day, registered_on__lte=today).aggregate(d=Min("registered_on"))["d"],
    ]
    earlier = max((d for d in before if d), default=None)
    later = min((d for d in after if d), default=None)
    return earlier, later


def public_register(request, day: str | None = None):
    """The postlista: what was registered on one day, as the public may see it (no login)."""
    today = timezone.localdate()
    if day is None and request.GET.get("datum"):
        return redirect("records:public-register-day", day=_parse_day(request.GET["datum"]).isoformat())
    shown = _parse_day(day) if day else today
    cases = Case.objects.filter(opened_on=shown).select_related("process").order_by("series_id", "serial")
    documents = (
        Document.objects.filter(registered_on=shown)
        .select_related("case", "case__process", "document_type")
        .order_by("case__series_id", "case__year", "case__serial", "number")
    )
    # The public never has access: everything confidential is masked (user None).
    case_rows = [access.masked(case, None, with_parties=False) for case in cases]
    document_rows = [
        (
            access.masked(document.case, None, with_parties=False),
            access.present_document(
                document, document.case, access.has_full_access(None, document.case), with_files=False
            ),
        )
        for document in documents
    ]
    earlier, later = _neighbour_days(shown, today)
    context = {
        "day": shown,
        "today": today,
        "is_future": shown > today,
        "cases": case_rows,
        "documents": document_rows,
        "previous_day": shown - datetime.timedelta(days=1),
        "next_day": shown + datetime.timedelta(days=1) if shown < today else None,
        "earlier_with_entries": earlier,
        "later_with_entries": later,
    }
    return render(request, "records/postlista.html", context)


@login_required
def download_file(request, pk: int):
    """A record file, only for those allowed to see it; never served from MEDIA_URL."""
    stored = get_object_or_404(DocumentFile.objects.select_related("case", "document"), pk=pk)
    if not access.can_download(request.user, stored):
        raise PermissionDenied
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
