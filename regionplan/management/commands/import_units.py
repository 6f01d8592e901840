"""python manage.py import_units --region <slug> FILE: the same import as the browser's."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from regionplan.management.base import RegionCommand
from regionplan.orgimport import import_units


class Command(RegionCommand):
    help = "Importerar organisationsträdet från en xlsx- eller csv-fil (kolumner Kod, Namn, Förälder, Typ)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", help="sökväg till .xlsx eller .csv")

    def handle_region(self, region, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
            raise CommandError(f"Filen är för stor (högst {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB).")
        result = import_units(path.read_bytes(), path.name)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(f"{region.name}: {result.summary()}"))
