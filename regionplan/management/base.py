"""Base for operator commands that work inside one region."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regionplan import auditing
from regionplan.models import Region
from regionplan.tenancy import region_scope


class RegionCommand(BaseCommand):
    """Takes `--region <slug>`, and runs `handle_region` inside that region's scope,
    with changes attributed to the command in the audit trail."""

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="regionens kortnamn (slug), t.ex. norrbotten")

    def handle(self, *args, **options):
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            known = ", ".join(Region.objects.order_by("slug").values_list("slug", flat=True)) or "inga"
            raise CommandError(f"Regionen '{options['region']}' finns inte. Befintliga regioner: {known}.")
        options.pop("region")
        command_name = self.__module__.rsplit(".", 1)[-1]
        with region_scope(region), auditing.acting_as(label=f"kommando {command_name}"):
            return self.handle_region(region, *args, **options)

    def handle_region(self, region, *args, **options):  # pragma: no cover - abstract
        raise NotImplementedError


def read_import_file(file: str) -> tuple[bytes, str]:
    """The bytes and name of a file to import, refused as the browser's upload would be."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"Filen {file} finns inte.")
    if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
        raise CommandError(f"Filen är för stor (högst {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB).")
    return path.read_bytes(), path.name
