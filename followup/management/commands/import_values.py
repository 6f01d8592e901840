"""python manage.py import_values --region <slug> FILE [--partial] [--economy|--investments|--costs]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from followup.imports import jobs
from followup.models import ImportJob
from regionplan.management.base import RegionCommand


class Command(RegionCommand):
    help = (
        "Läser in måttvärden (eller ekonomi/investeringar) från en xlsx- eller csv-fil med samma regler som i "
        "webbläsaren. Avslutar med felkod 1 om filen avvisas."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", help="xlsx- eller csv-fil")
        parser.add_argument("--partial", action="store_true", help="läs in de godkända raderna även om några har fel")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--economy", action="store_true", help="filen är ekonomi (Rad, Budget, Utfall, Prognos)")
        kind.add_argument(
            "--investments", action="store_true", help="filen är investeringar (Typ, Planerat, Utfall, Prognos)"
        )
        kind.add_argument(
            "--costs", action="store_true", help="filen är kostnader per kostnadsslag (Kostnadsslag, Utfall)"
        )

    def handle_region(self, region, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        if path.stat().st_size > settings.VALUE_IMPORT_MAX_BYTES:
            raise CommandError(f"Filen är för stor (högst {settings.VALUE_IMPORT_MAX_BYTES // (1024 * 1024)} MB).")
        kind = (
            ImportJob.ECONOMY
            if options["economy"]
            else ImportJob.INVESTMENTS
            if options["investments"]
            else ImportJob.COSTS
            if options["costs"]
            else ImportJob.VALUES
        )
        job = ImportJob.objects.create(
            kind=kind, trigger=ImportJob.COMMAND, source_name=path.name[:200], partial=options["partial"]
        )
        with path.open("rb") as stream:
            jobs.execute(job, stream=stream)
        self.stdout.write(f"Jobb #{job.pk}: {job.message}")
        for error in job.errors.all()[:50]:
            self.stderr.write(f"  {_where(error)}{error.message}")
        hidden = job.errors.count() - 50
        if hidden > 0:
            self.stderr.write(f"  … och {hidden} fel till (se jobb #{job.pk} i webbläsaren).")
        if job.status != ImportJob.DONE:
            raise CommandError("Filen avvisades. Inget ändrades.")


def _where(error) -> str:
    parts = []
    if error.row is not None:
        parts.append(f"rad {error.row}")
    if error.column:
        parts.append(f"kolumn {error.column}")
    return (", ".join(parts) + ": ") if parts else ""
