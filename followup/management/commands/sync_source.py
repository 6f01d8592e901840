"""python manage.py sync_source --region <slug> "<source name>" """

from django.core.management.base import CommandError

from followup.imports import jobs
from followup.imports.sources import SourceError
from followup.models import DataSource, ImportJob
from regionplan.management.base import RegionCommand


class Command(RegionCommand):
    help = "Kör en datakälla nu (datalager, Kolada eller inkorgsmapp) och skriver ut resultatet."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("name", help="datakällans namn")

    def handle_region(self, region, *args, **options):
        source = DataSource.objects.filter(name__iexact=options["name"].strip()).first()
        if source is None:
            known = ", ".join(DataSource.objects.order_by("name").values_list("name", flat=True)) or "inga"
            raise CommandError(f"Datakällan '{options['name']}' finns inte. Regionens datakällor: {known}.")
        if source.kind == DataSource.FOLDER:
            started = jobs.start_source(source, ImportJob.COMMAND, inline=True)  # one job per waiting file
            if not started:
                self.stdout.write("Inga filer väntar i mappen.")
            results = [ImportJob.objects.get(pk=job.pk) for job in started]
        else:
            job = ImportJob.objects.create(
                kind=ImportJob.VALUES,
                source=source,
                source_name=source.name,
                trigger=ImportJob.COMMAND,
                partial=source.partial,
            )
            try:
                jobs.execute(job)
            except SourceError as exc:
                jobs.fail(job, str(exc), source)
            results = [job]
        for job in results:
            self.stdout.write(f"Jobb #{job.pk} ({job.source_name}): {job.get_status_display()}. {job.message}")
        if any(job.status != ImportJob.DONE for job in results):
            raise CommandError("Minst ett jobb blev inte klart.")
