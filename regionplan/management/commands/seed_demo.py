"""python manage.py seed_demo [--reset]: the two demo regions and their users."""

from django.core.management.base import BaseCommand

from regionplan import auditing, demo


class Command(BaseCommand):
    help = "Skapar demoregionerna norrbotten och vasternorrland med en användare per roll (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="ta bort demoregionerna och demoanvändarna först")

    def handle(self, *args, reset=False, **options):
        with auditing.acting_as(label="kommando seed_demo"):
            if reset:
                demo.reset()
                self.stdout.write("Tog bort demoregionerna och demoanvändarna.")
            demo.seed(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart. Logga in som t.ex. controller@norrbotten.demo med lösenordet {demo.DEMO_PASSWORD}."
            )
        )
