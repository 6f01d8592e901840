"""Every region's years get their twelve months, whatever periods the region reports on.

A tertial region's data warehouse delivers values by month; without the months such a
file was refused ("Perioden 2026-04 finns inte i regionens kalender"). A month's deadline
is the month's end plus the region's default days, as ensure_year gives it; only the
region's reporting kinds are read for deadlines (regionplan.models.calendar.Period).

A historical model sends no audit signal, so the migration writes the audit entries of
the periods it creates itself, as the trail would (regionplan/auditing.py).
"""

from django.db import migrations

from regionplan.periods import default_deadline, period_label, periods_for_year

ACTOR = "Uppdatering: månader som värdeperioder"


def add_months(apps, schema_editor):
    Region = apps.get_model("regionplan", "Region")
    ReportingYear = apps.get_model("regionplan", "ReportingYear")
    Period = apps.get_model("regionplan", "Period")
    AuditEntry = apps.get_model("regionplan", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = None
    for region in Region.objects.order_by("pk"):
        existing = set(Period.objects.filter(region=region).values_list("code", flat=True))
        for reporting_year in ReportingYear.objects.filter(region=region).order_by("year"):
            for spec in periods_for_year(reporting_year.year, []):
                if spec.kind != "month" or spec.code in existing:
                    continue
                deadline = default_deadline(spec.end, region.deadline_days)
                period = Period.objects.create(
                    region=region,
                    year=reporting_year,
                    kind=spec.kind,
                    number=spec.number,
                    code=spec.code,
                    start=spec.start,
                    end=spec.end,
                    deadline=deadline,
                )
                if content_type is None:
                    content_type, _created = ContentType.objects.get_or_create(app_label="regionplan", model="period")
                AuditEntry.objects.create(
                    region=region,
                    actor=None,
                    actor_label=ACTOR,
                    action="create",
                    content_type=content_type,
                    object_id=period.pk,
                    object_repr=period_label(spec.kind, spec.year, spec.number),
                    changes={
                        "år": [None, f"{reporting_year.year} [#{reporting_year.pk}]"],
                        "typ": [None, "Månad"],
                        "nummer": [None, str(spec.number)],
                        "kod": [None, spec.code],
                        "från": [None, spec.start.isoformat()],
                        "till": [None, spec.end.isoformat()],
                        "sista rapportdag": [None, deadline.isoformat()],
                    },
                )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("regionplan", "0005_user_external_id"),
    ]

    operations = [
        migrations.RunPython(add_months, migrations.RunPython.noop),
    ]
