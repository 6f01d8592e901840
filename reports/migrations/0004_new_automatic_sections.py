"""The automatic sections added since a region saved its report kinds – Väsentliga
personalförhållanden (issue 16) and Uppföljning av internkontroll (issue 17) – go into its
delårsrapport and årsrapport as they do for a new region, before the charts and the
appendix; a kind the region changed to leave them out keeps its own choice only if it has
them already (nothing is removed). Reports already made keep their sections."""

from django.db import migrations

ADDED = [("personal", "Väsentliga personalförhållanden", "medarbetare"), ("internkontroll", "Uppföljning av internkontroll", "uppdrag")]
KINDS = ("delarsrapport", "arsrapport")


def add_sections(apps, schema_editor):
    ReportKind = apps.get_model("reports", "ReportKind")
    for kind in ReportKind.objects.filter(key__in=KINDS):
        sections = list(kind.sections)
        keys = [s.get("key") for s in sections]
        changed = False
        for key, title, after in ADDED:
            if key in keys:
                continue
            place = keys.index(after) + 1 if after in keys else len(sections)
            sections.insert(place, {"key": key, "title": title})
            keys.insert(place, key)
            changed = True
        if changed:
            kind.sections = sections
            kind.save(update_fields=["sections"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_reader_settings")]

    operations = [migrations.RunPython(add_sections, migrations.RunPython.noop)]
