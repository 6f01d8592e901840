from django.db import migrations, models


class Migration(migrations.Migration):
    """An investment's outcome split by decision year (beslut före året / under året), as
    the delårsrapport shows it (seed 003)."""

    dependencies = [
        ("followup", "0007_personnel_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="economyfigure",
            name="outcome_earlier",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=16, null=True, verbose_name="utfall, beslut före året (kr)"
            ),
        ),
    ]
