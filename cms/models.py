"""Guide pages: the index, the guides with their processes, and the review task that checks them."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import GroupApprovalTask, Orderable, Page
from wagtail.search import index

from classification.models import Node

from .blocks import GuideBodyBlock
from .forms import GuidePageForm
from .panels import ReviewReminderPanel
from .publish_check import check_page, ensure_publishable, page_text_fields

REVIEW_INTERVAL_DAYS = 365
SEARCH_PAGE_SIZE = 20


def today() -> datetime.date:
    return timezone.localdate()


def review_due_before(on: datetime.date | None = None) -> datetime.date:
    """Guides last reviewed before this date are over a year old."""
    return (on or today()) - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


class Audience(models.TextChoices):
    REGISTRARS = "registrars", _("Registratorer")
    CONTRACTORS = "contractors", _("Entreprenörer")
    INSTALLERS = "installers", _("Installatörer")
    STAFF = "staff", _("Medarbetare")


class GuideIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.GuidePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/guide_index_page.html"

    class Meta:
        verbose_name = _("guideindex")
        verbose_name_plural = _("guideindex")

    def guides(self):
        return (
            GuidePage.objects.child_of(self).live().public().order_by("title").prefetch_related("guide_processes__node")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("malgrupp", "")
        guides = self.guides()
        if audience in Audience.values:
            guides = guides.filter(audience=audience)
        context.update(
            guides=guides,
            audiences=Audience.choices,
            selected_audience=audience,
            search_url=self.search_url(request),
        )
        return context

    def search_url(self, request=None) -> str:
        return (self.get_url(request) or "/") + self.reverse_subpage("search")

    @path("sok/", name="search")
    def search_view(self, request):
        query = request.GET.get("q", "").strip()
        results = GuidePage.objects.none()
        if query:
            results = GuidePage.objects.live().public().descendant_of(self).search(query)
        page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("sida"))
        return self.render(
            request,
            context_overrides={"query": query, "results": page, "search_url": self.search_url(request)},
            template="cms/guide_search.html",
        )


class GuidePage(Page):
    intro = models.TextField(_("ingress"), help_text=_("Ett par meningar om vad guiden hjälper till med."))
    audience = models.CharField(_("målgrupp"), max_length=20, choices=Audience.choices, default=Audience.STAFF)
    # Page.owner is Wagtail's "created by" and grants edit rights; this is who answers for the text.
    guide_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guideägare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_guides",
        limit_choices_to={"is_active": True},
        help_text=_("Den som ansvarar för att guiden stämmer."),
    )
    last_reviewed = models.DateField(
        _("senast granskad"), default=today, help_text=_("Guider ska granskas minst en gång om året.")
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("innehåll"), blank=True)

    base_form_class = GuidePageForm
    content_panels = Page.content_panels + [
        ReviewReminderPanel(heading=_("Dags att granska guiden")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("guide_owner"), FieldPanel("last_reviewed")],
            heading=_("Målgrupp och ansvar"),
        ),
        InlinePanel("guide_processes", heading=_("Processer som guiden förklarar"), label=_("Process")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("search_text"),
        index.SearchField("process_text"),
        index.FilterField("audience"),
        index.FilterField("last_reviewed"),
    ]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types: list = []
    template = "cms/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guider")

    @property
    def is_review_overdue(self) -> bool:
        return self.last_reviewed is not None and self.last_reviewed < review_due_before()

    def processes(self) -> list[Node]:
        return [link.node for link in self.guide_processes.all()]

    def search_text(self) -> str:
        """The plain text of the body, for Wagtail's index and for the staff search."""
        return "\n".join(text for _where, field, text in page_text_fields(self) if field == "body")

    def process_text(self) -> str:
        return " ".join(f"{node.code} {node.title}" for node in self.processes())

    @cached_property
    def numbered_body(self) -> list[tuple[object, int | None]]:
        """Body blocks with the running step number (None for blocks that are not steps)."""
        numbered, step = [], 0
        for block in self.body:
            if block.block_type == "step":
                step += 1
                numbered.append((block, step))
            else:
                numbered.append((block, None))
        return numbered

    def publish(self, revision, *args, **kwargs):
        # The last line of defence: admin views check earlier and show the editor why.
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)


class GuideProcess(Orderable):
    """A process of the classification plan that a guide explains; the first one is the main one."""

    page = ParentalKey(GuidePage, related_name="guide_processes", on_delete=models.CASCADE)
    node = models.ForeignKey(
        Node,
        verbose_name=_("process"),
        related_name="guide_links",
        on_delete=models.CASCADE,
        limit_choices_to={"kind": "P"},
    )

    panels = [FieldPanel("node")]

    class Meta(Orderable.Meta):
        verbose_name = _("process som guiden förklarar")
        verbose_name_plural = _("processer som guiden förklarar")
        constraints = [models.UniqueConstraint(fields=["page", "node"], name="unique_process_per_guide")]

    def __str__(self):
        return f"{self.page} → {self.node.code}"

    def get_process_url(self) -> str:
        return reverse("cms:process", args=[self.node.code])


class GuideReviewTask(GroupApprovalTask):
    """Group approval that runs the publish check before a reviewer's approval publishes the guide."""

    class Meta:
        verbose_name = _("granskning med publiceringskontroll")
        verbose_name_plural = _("granskningar med publiceringskontroll")

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.workflow_state.content_object
            latest = page.get_latest_revision().as_object()
            if check_page(latest):
                # Leave the task in progress; the reviewer is sent to a page that says why.
                return reverse("cms_publication_blocked", args=[page.pk])
        return super().on_action(task_state, user, action_name, **kwargs)
