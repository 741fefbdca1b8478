"""StreamField blocks of a guide: steps, callouts, status tables, questions and answers, links."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class StepBlock(blocks.StructBlock):
    """One numbered step; the number comes from the step's place among the guide's steps."""

    heading = blocks.CharBlock(label=_("Rubrik"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("Bild"), required=False)
    image_caption = blocks.CharBlock(label=_("Bildtext"), required=False, max_length=250)

    class Meta:
        label = _("Steg")
        icon = "list-ol"
        template = "cms/blocks/step.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Typ"),
        choices=[("note", _("Observera")), ("warning", _("Varning"))],
        default="note",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Ruta")
        icon = "warning"
        template = "cms/blocks/callout.html"


class StatusRowBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Status eller typ"), max_length=120)
    meaning = blocks.TextBlock(label=_("Betydelse"))

    class Meta:
        label = _("Rad")


class StatusTableBlock(blocks.StructBlock):
    """A table like "Förklaring av statusens betydelse" in the contractor's quick guide."""

    heading = blocks.CharBlock(label=_("Rubrik"), required=False, max_length=200)
    first_column = blocks.CharBlock(label=_("Rubrik för första kolumnen"), default=_("Status"), max_length=60)
    rows = blocks.ListBlock(StatusRowBlock(), label=_("Rader"), min_num=1)

    class Meta:
        label = _("Statustabell")
        icon = "table"
        template = "cms/blocks/status_table.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Fråga"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Svar"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Fråga och svar")


class QuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), required=False, default=_("Frågor och svar"), max_length=200)
    items = blocks.ListBlock(QuestionBlock(), label=_("Frågor"), min_num=1)

    class Meta:
        label = _("Frågor och svar")
        icon = "help"
        template = "cms/blocks/questions.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Länktext"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Sida"), required=False)
    url = blocks.URLBlock(label=_("Webbadress"), required=False)

    class Meta:
        label = _("Länk")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Välj en sida eller ange en webbadress (inte båda).")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), required=False, default=_("Relaterat"), max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Länkar"), min_num=1)

    class Meta:
        label = _("Relaterade länkar")
        icon = "link"
        template = "cms/blocks/related_links.html"


class GuideBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Textavsnitt"), features=["h2", "h3", *RICH_TEXT_FEATURES], template="cms/blocks/text.html"
    )
    step = StepBlock()
    callout = CalloutBlock()
    status_table = StatusTableBlock()
    questions = QuestionsBlock()
    related_links = RelatedLinksBlock()
