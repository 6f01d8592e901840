"""python manage.py import_plan --region <slug> --year <yyyy> FILE: the browser's plan import."""

from django.core.management.base import CommandError

from goals.planimport import import_plan
from regionplan.management.base import RegionCommand, read_import_file


class Command(RegionCommand):
    help = "Importerar planer för ett år från mallen (xlsx eller csv). En fil med fel avvisas i sin helhet."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, required=True, help="planåret, t.ex. 2026")
        parser.add_argument("file", help="sökväg till .xlsx eller .csv")

    def handle_region(self, region, *args, year, file, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Året {year} är orimligt; ange t.ex. 2026.")
        result = import_plan(*read_import_file(file), year)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(f"{region.name} {year}: {result.summary()}"))
