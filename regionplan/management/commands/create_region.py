"""python manage.py create_region <slug> "<name>"."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from regionplan import auditing
from regionplan.models import Region
from regionplan.models.regions import RESERVED_SLUGS, slug_validator
from regionplan.orgtree import create_region


class Command(BaseCommand):
    help = "Skapar en ny region med standardinställningar (enhetstyper, tertialkalender för i år och nästa år)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="kortnamn i adresser, t.ex. jamtland")
        parser.add_argument("name", help='regionens namn, t.ex. "Region Jämtland Härjedalen"')

    def handle(self, *args, slug, name, **options):
        slug = slug.strip()
        name = name.strip()
        try:
            slug_validator(slug)
        except ValidationError as exc:
            raise CommandError(f"Ogiltigt kortnamn '{slug}': {' '.join(exc.messages)}") from None
        if slug in RESERVED_SLUGS:
            raise CommandError(f"Kortnamnet '{slug}' är reserverat av systemet; välj ett annat.")
        if not name:
            raise CommandError("Regionens namn får inte vara tomt.")
        if Region.objects.filter(slug=slug).exists():
            raise CommandError(f"Regionen '{slug}' finns redan.")
        with auditing.acting_as(label="kommando create_region"):
            region = create_region(slug, name)
        self.stdout.write(
            self.style.SUCCESS(
                f"Skapade regionen {region.name} ({region.slug}) med enhetstyper och tertialperioder. "
                f"Nästa steg: python manage.py import_units --region {region.slug} FIL"
            )
        )
