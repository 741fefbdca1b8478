"""Wagtail admin wiring of the cms app: the publish check, the review reminder and the blocked-page view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .models import GuidePage
from .publish_check import blocking_message, check_page
from .selectors import guides_due_for_review


@hooks.register("before_publish_page")
def stop_publication_with_secrets(request, page):
    """Publishing from the editor: the form has checked already; this also covers other callers."""
    page = page.specific
    if not isinstance(page, GuidePage):
        return None
    findings = check_page(page)
    if findings:
        messages.error(request, blocking_message(findings))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def stop_bulk_publication_with_secrets(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        specific = page.specific if isinstance(page, Page) else page
        if not isinstance(specific, GuidePage):
            continue
        revision = specific.get_latest_revision()
        findings = check_page(revision.as_object() if revision else specific)
        if findings:
            messages.error(request, f"{specific.title}: {blocking_message(findings)}")
            return redirect("wagtailadmin_explore", specific.get_parent().pk)
    return None


@login_required
def publication_blocked(request, page_id):
    """Where a reviewer lands when approval was stopped by the check: says why, then opens the editor."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        return redirect("wagtailadmin_home")
    revision = page.get_latest_revision()
    findings = check_page(revision.as_object() if revision else page)
    if findings:
        messages.error(
            request,
            _("Guiden godkändes inte och publicerades inte. ") + blocking_message(findings),
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_admin_urls")
def register_cms_admin_urls():
    return [path("guider/publicering-stoppad/<int:page_id>/", publication_blocked, name="cms_publication_blocked")]


class GuidesDueForReviewPanel(Component):
    name = "guides_due_for_review"
    template_name = "cms/admin/guides_due_panel.html"
    order = 90

    def __init__(self, guides):
        self.guides = guides

    def get_context_data(self, parent_context):
        return {"guides": self.guides}

    def render_html(self, parent_context=None):
        if not self.guides:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_review_reminder(request, panels):
    guides = list(guides_due_for_review(request.user)[:20])
    if guides:
        panels.append(GuidesDueForReviewPanel(guides))
