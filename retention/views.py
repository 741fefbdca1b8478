"""The archivist's pages: the retention report with its chart and downloads, and the printed schedule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError

from . import services
from .forms import DrawListForm, report_filter
from .outputs import CONTENT_TYPES, download, json_pieces
from .schedule import build_schedule, flat_rows, header
from .schedule_files import schedule_pdf, schedule_xlsx
from .services.holds import HoldIndex
from .services.report import report_rows, report_summary

PAGE_ROWS = 200


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required
def report(request):
    _require(request, "retention.view_retention_report")
    form = report_filter(request.GET)
    context = {"form": form, "summary": None, "rows": [], "draw_form": None}
    if form.is_valid():
        as_of, process = form.cleaned_data["as_of"], form.cleaned_data["process"]
        wanted = request.GET.get("format")
        if wanted in CONTENT_TYPES:
            return _download(request, wanted, as_of, process)
        holds = HoldIndex()
        summary = report_summary(as_of, process, holds)
        context.update(
            {
                "summary": summary,
                "year_rows": [
                    {"label": row["year"], "count": row["count"], "held": row["held"]} for row in summary.per_year
                ],
                "process_rows": [
                    {
                        "label": f"{row['code']} {row['title']}",
                        "title": row["title"],
                        "count": row["count"],
                        "held": row["held"],
                    }
                    for row in summary.per_process
                ],
                "rows": list(report_rows(as_of, process, request.user, limit=PAGE_ROWS, holds=holds)),
                "page_rows": PAGE_ROWS,
                "query": urlencode({"as_of": as_of.isoformat(), "process": process.code if process else ""}),
                "can_draw": request.user.has_perm("retention.add_disposallist"),
                "draw_form": DrawListForm(
                    initial={
                        "as_of": as_of.isoformat(),
                        "process": process.code if process else "",
                        "name": _("Gallring %(date)s%(where)s")
                        % {"date": as_of.isoformat(), "where": f" ({process.code})" if process else ""},
                    }
                ),
                "holds": holds.holds,
            }
        )
    return render(request, "retention/report.html", context)


def _download(request, wanted: str, as_of, process):
    rows = report_rows(as_of, process, request.user)
    filename = f"gallringsrapport-{as_of.isoformat()}{'-' + process.code if process else ''}.{wanted}"
    if wanted != "json":
        return download(wanted, rows, filename, title=_("Gallringsrapport per %(date)s") % {"date": as_of.isoformat()})
    response = StreamingHttpResponse(json_pieces(rows), content_type=CONTENT_TYPES[wanted])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def draw_list(request):
    _require(request, "retention.add_disposallist")
    form = DrawListForm(request.POST)
    back = (
        reverse("retention:report")
        + "?"
        + urlencode({"as_of": request.POST.get("as_of", ""), "process": request.POST.get("process", "")})
    )
    if not form.is_valid():
        messages.error(request, _("Kontrollera listans namn och datum."))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    try:
        disposal_list = services.draw_disposal_list(
            name=data["name"],
            as_of=data["as_of"],
            process=data["process"] or None,
            note=data["note"],
            user=request.user,
        )
    except DomainError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(back)
    messages.success(
        request,
        _("Gallringslistan ”%(name)s” är upprättad med %(n)d ärenden.")
        % {"name": disposal_list.name, "n": disposal_list.items.count()},
    )
    return HttpResponseRedirect(reverse("admin:retention_disposallist_change", args=[disposal_list.pk]))


@login_required
def schedule(request):
    _require(request, "retention.view_retentionrule")
    lines = build_schedule()
    wanted = request.GET.get("format")
    if wanted == "pdf":
        response = HttpResponse(schedule_pdf(lines), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="informationshanteringsplan.pdf"'
        return response
    if wanted == "xlsx":
        response = HttpResponse(schedule_xlsx(lines), content_type=CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = 'attachment; filename="informationshanteringsplan.xlsx"'
        return response
    return render(request, "retention/schedule.html", {"lines": lines, "header": header(), "rows": flat_rows(lines)})
