"""Load the demo data of every app (each app's `demo.load`), create an administrator, and give the demo
users (demo.*) a password, shown once, so that each role can be tried."""

import importlib
import importlib.util
import secrets

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from common.commands import SwedishCommand

DEMO_USER_PREFIX = "demo."


class Command(SwedishCommand):
    help = "Läs in demodata (klassificeringsstruktur och, för varje app, exempelposter) och skapa en administratör."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-username", default="admin", help="Användarnamn för administratören som skapas (standard admin)."
        )

    def handle(self, *args, admin_username, **options):
        self._create_administrator(admin_username)
        # Apps load in INSTALLED_APPS order, which is their dependency order.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name.startswith(("django.", "wagtail")) or importlib.util.find_spec(module_name) is None:
                continue
            with transaction.atomic():
                importlib.import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata är inläst."))
        self._give_demo_users_a_password()

    def _create_administrator(self, username):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administratören {username!r} finns redan (lösenordet visas bara när kontot skapas).")
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email="", password=password, first_name="Admin")
        self.stdout.write(
            self.style.WARNING(
                f"Skapade administratören {username!r} med lösenordet: {password}\n"
                "Lösenordet visas bara den här gången – spara det eller byt det direkt."
            )
        )

    def _give_demo_users_a_password(self):
        """One password for all demo users that have none yet (hashed once: it is the same for all)."""
        User = get_user_model()
        waiting = [
            user
            for user in User.objects.filter(username__startswith=DEMO_USER_PREFIX).prefetch_related("groups")
            if not user.has_usable_password()
        ]
        if not waiting:
            return
        password = secrets.token_urlsafe(12)
        User.objects.filter(pk__in=[user.pk for user in waiting]).update(password=make_password(password))
        first_of_role = {}
        for user in sorted(waiting, key=lambda u: u.username):
            for group in user.groups.all():
                first_of_role.setdefault(group.name, user.username)
        roles = ", ".join(f"{username} ({role})" for role, username in first_of_role.items())
        self.stdout.write(f"Demoanvändare, en per roll: {roles}")
        self.stdout.write(
            self.style.WARNING(
                f"Demoanvändarna ({len(waiting)} st.) har lösenordet: {password}\nLösenordet visas bara den här gången."
            )
        )
