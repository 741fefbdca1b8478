"""Admin panels of the guide editor: the reminder shown when a guide is due for review."""

from wagtail.admin.panels import Panel


class ReviewReminderPanel(Panel):
    """Shows a warning at the top of the editor when the guide was last reviewed over a year ago."""

    @property
    def clean_name(self):
        return super().clean_name or "review_reminder"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/review_reminder_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "pk", None) and getattr(self.instance, "is_review_overdue", False))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["last_reviewed"] = self.instance.last_reviewed
            return context
