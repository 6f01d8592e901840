"""The automatic section Systematiskt arbetsmiljöarbete (issue 18) goes into a region's
saved delårsrapport and årsrapport as it does for a new region: after Uppföljning av
internkontroll (or at the end). Nothing is removed and reports already made keep their
sections. The key is data here: reports do not import the app that builds it."""

from django.db import migrations

KINDS = ("delarsrapport", "arsrapport")
KEY, TITLE, AFTER = "workenv", "Systematiskt arbetsmiljöarbete", "internkontroll"


def add_section(apps, schema_editor):
    ReportKind = apps.get_model("reports", "ReportKind")
    for kind in ReportKind.objects.filter(key__in=KINDS):
        sections = list(kind.sections)
        keys = [s.get("key") for s in sections]
        if KEY in keys:
            continue
        place = keys.index(AFTER) + 1 if AFTER in keys else len(sections)
        sections.insert(place, {"key": KEY, "title": TITLE})
        kind.sections = sections
        kind.save(update_fields=["sections"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_new_automatic_sections")]

    operations = [migrations.RunPython(add_section, migrations.RunPython.noop)]
