"""python manage.py seed_scale --region <slug> --units N --measures M --years Y

A region the size of the benchmarks: N units under one root, and for each of Y years a
root plan with M monthly measures that every unit follows (adopts). With 1,000 units, 84
measures and one year, the region can hold 1,008,000 monthly values. The region must be
new, so a real region can never be filled with scale data by mistake.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from goals.models import MeasureAdoption, PlanItem
from goals.rules import Levels
from goals.services import ensure_plan
from regionplan import auditing
from regionplan.models import OrgUnit, OrgUnitKind, Region
from regionplan.orgtree import create_region
from regionplan.tenancy import region_scope


class Command(BaseCommand):
    help = "Skapar en ny region med N enheter och M månadsmått per år som alla enheter följer (för prestandamätning)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="kortnamn för den nya regionen")
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--measures", type=int, default=84)
        parser.add_argument("--years", type=int, default=1, help="antal år bakåt från i år")

    def handle(self, *args, region, units, measures, years, **options):
        if Region.objects.filter(slug=region).exists():
            raise CommandError(f"Regionen '{region}' finns redan; seed_scale fyller bara en ny region.")
        if not (1 <= units <= 100_000 and 1 <= measures <= 10_000 and 1 <= years <= 20):
            raise CommandError("Rimliga värden: 1–100 000 enheter, 1–10 000 mått, 1–20 år.")
        this_year = timezone.localdate().year
        wanted_years = list(range(this_year - years + 1, this_year + 1))
        with auditing.acting_as(label="kommando seed_scale"), auditing.paused():
            # Scale data is generated, not entered: no audit rows for it.
            scale = create_region(region, f"Skalregion {region}", period_kinds=["month", "tertial"], years=wanted_years)
            with region_scope(scale):
                kind = OrgUnitKind.objects.order_by("-order").first()
                root = OrgUnit.objects.create(code="SKALA", name="Skalregionen", kind=kind)
                OrgUnit.objects.bulk_create([
                    OrgUnit(code=f"SK-{i:05d}", name=f"Enhet {i}", kind=kind, parent=root, depth=1,
                            external_code=f"X{i:05d}")
                    for i in range(1, units + 1)])
                self._fix_paths(root)
                unit_ids = list(OrgUnit.objects.exclude(pk=root.pk).values_list("pk", flat=True))
                for year in wanted_years:
                    plan = ensure_plan(root, year)
                    goal = PlanItem.objects.create(plan=plan, level=Levels.GOAL, code="SK-MAL", name="Skalmål")
                    for m in range(1, measures + 1):
                        measure = PlanItem.objects.create(
                            plan=plan, parent=goal, level=Levels.MEASURE, code=f"SK-M{m:04d}", name=f"Skalmått {m}",
                            external_code=f"SKX{m:04d}", measure_unit="antal", frequency="month", direction="higher")
                        MeasureAdoption.objects.bulk_create(
                            [MeasureAdoption(measure=measure, unit_id=u) for u in unit_ids], batch_size=5000)
        self.stdout.write(f"Skapade {scale.slug}: {units} enheter, {measures} mått × {years} år, "
                          f"{units * measures * years} antaganden; plats för {units * measures * years * 12} månadsvärden.")

    @staticmethod
    def _fix_paths(root: OrgUnit) -> None:
        """Bulk-created units get their materialised path from their own id, as save() would."""
        OrgUnit.objects.filter(parent=root).update(
            path=Concat(Value(root.path), Cast("id", CharField()), Value("/")), depth=root.depth + 1)
