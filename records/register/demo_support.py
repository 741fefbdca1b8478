"""Helpers the demo data of every feature shares: fictitious people and companies, small files, backdated playing."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from common import clock, identity_numbers

STREETS = ["Solgatan", "Molngatan", "Regngatan", "Demogatan", "Testvägen", "Exempelgränd"]


def organisation_number(prefix6: str, n: int) -> str:
    return f"{prefix6}-{identity_numbers.with_check_digit(f'{prefix6}{n:03d}')[6:]}"


def demo_user(username, first, last, group):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "is_staff": True, "email": f"{username}@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def demo_pdf(name: str, text: str):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 760, text)
    page.drawString(72, 740, "Fiktiv demohandling.")
    page.save()
    return SimpleUploadedFile(name, buffer.getvalue(), "application/pdf")


def demo_png():
    data = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return SimpleUploadedFile("bild.png", data, "image/png")


class Timeline:
    """Events played in time order, each as if it happened at its moment."""

    def __init__(self):
        self.events = []

    def at(self, moment, action):
        self.events.append((moment, len(self.events), action))

    def play(self):
        now = timezone.now()
        for moment, _n, action in sorted(self.events, key=lambda e: (e[0], e[1])):
            with clock.backdated(min(moment, now)):
                action()
