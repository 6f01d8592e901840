"""python manage.py sam_tally --region <slug> [--rebuild]: compare SAM's kept counts
(workenv/tally.py) with counts made from the rows, and with --rebuild make them again (after
rows were changed with SQL beside Django). Exits with an error when they differ and are not
rebuilt."""

from django.core.management.base import CommandError
from django.db import transaction

from regionplan.management.base import RegionCommand
from workenv import tally


class Command(RegionCommand):
    help = "Jämför SAM:s hållna antal med raderna (och gör om dem med --rebuild)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--rebuild", action="store_true", help="gör om antalen från raderna")

    def handle_region(self, region, *args, rebuild=False, **options):
        if rebuild:
            with transaction.atomic():
                cells = tally.rebuild(region)
            self.stdout.write(f"{region.name}: SAM:s antal gjorda om från raderna ({cells} celler).")
            return
        kept, made = tally.stored(), +tally.computed()
        if kept == made:
            self.stdout.write(f"{region.name}: SAM:s hållna antal stämmer med raderna ({len(made)} celler).")
            return
        differ = len(set(kept.items()) ^ set(made.items()))
        raise CommandError(
            f"{region.name}: {differ} av SAM:s antal stämmer inte med raderna. Kör med --rebuild för att göra om dem."
        )
