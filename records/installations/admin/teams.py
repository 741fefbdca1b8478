"""Teams and team decisions in the admin: registering, members in and out (the owner), the decisions list."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from common import clock
from records.installations import access as who
from records.installations.admin.forms import DecisionForm, MemberForm, TeamRegistrationForm
from records.installations.admin.installer_cases import case_files, serve_case_file
from records.installations.lifecycle import TEAM
from records.installations.models.decisions import TeamDecision
from records.installations.models.teams import Team
from records.installations.services import decisions as decision_service
from records.installations.services import teams as service
from records.installations.services.decisions import Attachment
from records.register.access import person
from records.register.admin import actions
from records.register.admin.detail import LifeCycleAdmin
from records.register.timeline import build_timeline

ACTIONS = [
    actions.Action(
        "add_member",
        lambda t, u, d: service.add_member(t, d["member"], u, d.get("grounds", "")),
        _("Medlemmen är tillagd i %(ref)s; beslutet är registrerat."),
        lifecycle=TEAM,
        form=MemberForm,
        form_kwargs=lambda t, u: {"team": t, "adding": True},
    ),
    actions.Action(
        "remove_member",
        lambda t, u, d: service.remove_member(t, d["member"], u, d.get("grounds", "")),
        _("Medlemmen är borttagen ur %(ref)s; beslutet är registrerat."),
        lifecycle=TEAM,
        form=MemberForm,
        form_kwargs=lambda t, u: {"team": t, "adding": False},
        warning=_("En medlem med öppna ärenden kan inte tas bort; flytta ärendena först."),
    ),
]


@admin.register(Team)
class TeamAdmin(LifeCycleAdmin):
    list_display = [
        "name",
        "company_name",
        "organisation_number",
        "owner_name",
        "competences_display",
        "is_active",
        "registered_at",
    ]
    list_filter = ["is_active", "competence_electricity", "competence_district_heating", "competence_biogas"]
    search_fields = ["name", "company_name", "organisation_number"]
    list_select_related = ["owner"]
    fields = [
        "name",
        "company_name",
        "organisation_number",
        "owner_name",
        "competences_display",
        "contact_email",
        "contact_phone",
        "is_active",
        "registered_at",
    ]
    readonly_fields = fields

    def visible(self, request, queryset):
        return who.teams_for(request.user, queryset)

    def may_view(self, request) -> bool:
        return who.handles_installer_cases(request.user) or request.user.has_perm("records.view_team")

    def has_add_permission(self, request):
        return who.is_installer(request.user) or who.handles_installer_cases(request.user)

    @admin.display(description=_("teamägare"))
    def owner_name(self, team):
        return person(team.owner)

    @admin.display(description=_("behörighet"))
    def competences_display(self, team):
        return team.competences_display

    def changelist_view(self, request, extra_context=None):
        links = (
            [{"url": reverse("admin:records_team_add"), "label": _now("Registrera nytt team"), "add": True}]
            if self.has_add_permission(request)
            else []
        )
        return super().changelist_view(request, {**(extra_context or {}), "list_links": links})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        team = self.get_object(request, object_id)
        if team is None or not self.has_view_permission(request, team):
            return super().change_view(request, object_id, form_url, extra_context)
        decision = team.decisions.filter(kind="team_registrerat").select_related("case").first()
        files = []
        if team.certificate_id:
            files = [
                {
                    "url": reverse("admin:records_team_certificate", args=[team.pk]),
                    "name": team.certificate.original_name,
                    "title": _now("Auktorisationsbevis"),
                }
            ]
        rows = [
            (
                clock.local_day(m.added_at),
                person(m.user),
                _now("ägare") if m.user_id == team.owner_id else _now("medlem"),
            )
            for m in team.memberships.select_related("user")
        ]
        rows += [
            (clock.local_day(d.decided_at), d.case.reference, d.get_kind_display(), d.grounds)
            for d in team.decisions.select_related("case")
        ]
        extra = {
            **(extra_context or {}),
            "detail_actions": actions.offered(ACTIONS, request.user, team),
            "detail_files": files,
            "detail_files_title": _now("Auktorisationsbevis"),
            "detail_rows": rows,
            "detail_rows_title": _now("Medlemmar och beslut"),
            "timeline": build_timeline(decision.case, request.user) if decision else None,
        }
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = TeamRegistrationForm(request.POST or None, request.FILES or None)

        def run(data):
            return service.register_team(
                name=data["name"],
                organisation_number=data["organisation_number"],
                company_name=data["company_name"],
                competences=data.get("competences") or [],
                certificate=data.get("certificate"),
                user=request.user,
                owner=data.get("owner"),
                contact_email=data.get("contact_email", ""),
                contact_phone=data.get("contact_phone", ""),
            )

        return actions.form_page(
            self,
            request,
            form=form,
            title=_now("Registrera nytt team"),
            run=run,
            done=_now("Teamet %(ref)s är registrerat; beslutet finns i diariet."),
            redirect_to=lambda t: reverse("admin:records_team_change", args=[t.pk]),
        )

    def certificate_view(self, request, object_id):
        team = get_object_or_404(self.get_queryset(request).select_related("certificate"), pk=object_id)
        if team.certificate is None:
            raise Http404
        return serve_case_file(team.certificate.case, team.certificate_id)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/certificate/",
                self.admin_site.admin_view(self.certificate_view),
                name="records_team_certificate",
            ),
            *actions.urls(self, ACTIONS),
            *super().get_urls(),
        ]


@admin.register(TeamDecision)
class TeamDecisionAdmin(LifeCycleAdmin):
    list_display = ["reference", "kind", "team", "decided_by_name", "decided_at", "concerned_cases"]
    list_filter = ["kind"]
    search_fields = ["case__reference", "team__name", "team__organisation_number", "installer_cases__case__reference"]
    list_select_related = ["case", "team", "decided_by"]
    fields = [
        "reference",
        "kind",
        "grounds",
        "decided_by_name",
        "decided_at",
        "team",
        "target_team",
        "member_name",
        "concerned_cases",
    ]
    readonly_fields = fields

    def visible(self, request, queryset):
        return who.decisions_for(request.user, queryset).prefetch_related("installer_cases__case")

    def may_view(self, request) -> bool:
        return who.handles_installer_cases(request.user) or request.user.has_perm("records.view_teamdecision")

    def has_add_permission(self, request):
        return who.handles_installer_cases(request.user)

    @admin.display(description=_("beslut"), ordering="case__serial")
    def reference(self, d):
        return d.case.reference

    @admin.display(description=_("beslutat av"))
    def decided_by_name(self, d):
        return person(d.decided_by) or "–"

    @admin.display(description=_("berörd installatör"))
    def member_name(self, d):
        return person(d.member) or "–"

    @admin.display(description=_("ärenden"))
    def concerned_cases(self, d):
        return ", ".join(c.case.reference for c in d.installer_cases.all()) or "–"

    def changelist_view(self, request, extra_context=None):
        links = (
            [{"url": reverse("admin:records_teamdecision_add"), "label": _now("Registrera beslut"), "add": True}]
            if self.has_add_permission(request)
            else []
        )
        return super().changelist_view(request, {**(extra_context or {}), "list_links": links})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = self.get_object(request, object_id)
        if decision is None or not self.has_view_permission(request, decision):
            return super().change_view(request, object_id, form_url, extra_context)
        extra = {
            **(extra_context or {}),
            "detail_files": case_files(decision.case, "admin:records_teamdecision_file", decision),
            "detail_files_title": _now("Bilagor"),
            "timeline": build_timeline(decision.case, request.user),
        }
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DecisionForm(request.POST or None, request.FILES or None)

        def run(data):
            return decision_service.register_decision(
                user=request.user,
                grounds=data.get("grounds", ""),
                team=data.get("team"),
                attachments=[Attachment(f.name, f) for f in data.get("attachments", [])],
            )

        return actions.form_page(
            self,
            request,
            form=form,
            title=_now("Registrera teambeslut"),
            run=run,
            done=_now("Beslutet %(ref)s är registrerat."),
            redirect_to=lambda d: reverse("admin:records_teamdecision_change", args=[d.pk]),
        )

    def file_view(self, request, object_id, file_id):
        decision = get_object_or_404(self.get_queryset(request), pk=object_id)
        return serve_case_file(decision.case, file_id)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/files/<int:file_id>/",
                self.admin_site.admin_view(self.file_view),
                name="records_teamdecision_file",
            ),
            *super().get_urls(),
        ]
