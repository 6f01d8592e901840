"""python manage.py import_units --region <slug> FILE: the same import as the browser's."""

from django.core.management.base import CommandError

from regionplan.management.base import RegionCommand, read_import_file
from regionplan.orgimport import import_units


class Command(RegionCommand):
    help = "Importerar organisationsträdet från en xlsx- eller csv-fil (kolumner Kod, Namn, Förälder, Typ)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", help="sökväg till .xlsx eller .csv")

    def handle_region(self, region, *args, file, **options):
        result = import_units(*read_import_file(file))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(f"{region.name}: {result.summary()}"))
