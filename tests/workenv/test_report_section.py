"""The report section "Systematiskt arbetsmiljöarbete" (workenv/reporting.py): its tables
from the report's unit and year, and the årsrapport's PDF holding it with the figures."""

import io
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from regionplan import auditing, registry
from regionplan.models import Period
from regionplan.tenancy import region_scope
from tests.plans import YEAR
from tests.workenv.test_annual_data import build_sam
from workenv import reporting

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def built(world, unit="DIV", period=f"{YEAR}-T3"):
    with region_scope(world.alfa):
        facts = SimpleNamespace(unit=world.units[unit], period=Period.objects.get(code=period))
        return {block.key: block for block in reporting.build(facts)}


def test_the_section_is_registered_and_automatic():
    section = {s.key: s for s in registry.report_sections()}["workenv"]
    assert section.automatic and str(section.title) == "Systematiskt arbetsmiljöarbete"


@pytest.mark.django_db
def test_the_tables(world):
    questions = build_sam(world)
    blocks = built(world)
    rollup = blocks["workenv-arlig"]
    assert rollup.rows[0][0] == questions[1].text  # the question with Nej first
    assert rollup.rows[0][2:] == [0, 0, 1, 1, 0]  # Ja, Delvis, Nej, ej besvarad, ej påbörjad
    incidents = {row[0]: row[1] for row in blocks["workenv-handelser"].rows}
    assert incidents["Tillbud"] == "8" and incidents["Arbetsskada"] == "< 5"
    assert incidents["Allvarliga, inte anmälda till Arbetsmiljöverket"] == "1"
    assert [row[1] for row in blocks["workenv-atgarder"].rows] == [2, 1, 1]


@pytest.mark.django_db
def test_nothing_means_no_blocks(world):
    assert built(world) == {}


@pytest.mark.django_db
def test_the_arsrapport_pdf_has_the_section_with_the_figures(world, tmp_path):
    build_sam(world)
    pdf = tmp_path / "arsrapport.pdf"
    call_command(
        "render_report",
        "--region", "alfa", "--unit", "A-DIV", "--period", f"{YEAR}-T3", "--kind", "arsrapport", "--out", str(pdf),
        stdout=io.StringIO(),
    )  # fmt: skip
    text = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Systematiskt arbetsmiljöarbete" in text
    assert "Årlig uppföljning av SAM" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("Tillbud 8") for line in lines), [line for line in lines if "Tillbud" in line]
    assert any(line.startswith("Öppna 2") for line in lines)


@pytest.mark.django_db
def test_a_saved_kind_gets_the_section_after_internal_control_once(world):
    """reports/migrations/0005: a region's saved årsrapport without the section gets it
    after Uppföljning av internkontroll; one that has it, or another kind, is left alone."""
    from importlib import import_module

    from django.apps import apps as global_apps

    from reports.models import ReportKind

    migration = import_module("reports.migrations.0005_workenv_section")
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        ReportKind.objects.all().delete()
        old = [
            {"key": "inledning", "title": "Inledning"},
            {"key": "internkontroll", "title": "IK"},
            {"key": "bilaga", "title": "Bilaga"},
        ]
        year_kind = ReportKind.objects.create(key="arsrapport", name="Årsrapport", tertial=3, sections=old)
        other = ReportKind.objects.create(key="tertialrapport", name="Tertialrapport", tertial=1, sections=old)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        for _twice in range(2):
            migration.add_section(global_apps, None)
        keys = [s["key"] for s in ReportKind.objects.get(pk=year_kind.pk).sections]
        assert keys == ["inledning", "internkontroll", "workenv", "bilaga"]
        assert ReportKind.objects.get(pk=other.pk).sections == old
