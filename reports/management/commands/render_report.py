"""python manage.py render_report --region <slug> --unit <code> --period 2022-T2 --kind delarsrapport --out FILE.pdf"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone, translation

from regionplan.management.base import RegionCommand
from regionplan.models import OrgUnit, Period
from reports import services
from reports.assembly import assemble
from reports.models import Report
from reports.rendering import render_pdf, render_xlsx


class Command(RegionCommand):
    help = (
        "Skapar en rapports PDF (och valfritt Excel) direkt, utan bakgrundsjobb: samma innehåll som "
        "knappen Skapa PDF. Rapporten skapas med sina avsnitt om den inte finns."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--unit", required=True, help="enhetens kod, t.ex. DRS")
        parser.add_argument("--period", required=True, help="periodens kod, t.ex. 2022-T2")
        parser.add_argument("--kind", required=True, help="tertialrapport, delarsrapport eller arsrapport")
        parser.add_argument("--out", required=True, help="PDF-filen som skrivs")
        parser.add_argument("--excel", help="skriv också tabellerna till denna xlsx-fil")

    def handle_region(self, region, *args, **options):
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Enheten '{options['unit']}' finns inte i {region.name}.")
        period = Period.objects.filter(code=options["period"]).first()
        if period is None:
            raise CommandError(f"Perioden '{options['period']}' finns inte i {region.name} (t.ex. 2022-T2).")
        kind = services.kind_by_key(options["kind"])
        if kind is None:
            known = ", ".join(k.key for k in services.region_kinds())
            raise CommandError(f"Rapporttypen '{options['kind']}' finns inte. Finns: {known}.")
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"Mappen {out.parent} finns inte.")
        report, _created = services.open_report(kind, unit, period)
        report = Report.objects.select_related("kind", "unit", "period", "region").get(pk=report.pk)
        with translation.override("sv"):
            content = assemble(report, timezone.localdate())
            rendered = render_pdf(content)
            out.write_bytes(rendered.pdf)
            if options.get("excel"):
                Path(options["excel"]).write_bytes(render_xlsx(content))
        self.stdout.write(f"{out}: {rendered.pages} sidor ({kind.name}, {unit.name}, {period.code}).")
