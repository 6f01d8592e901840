"""Väsentliga personalförhållanden: the section's rules (table-driven), its content on the
demo against seed 003's figures (Division Regionstöd, delårsrapport 2022-T2), and the
demo report's PDF read back with pdftotext: the section's tables and its charts' titles and
legends are in it."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command

from regionplan import auditing, demo
from regionplan.models import Region
from regionplan.tenancy import region_scope
from reports import personnel
from reports.assembly import assemble
from reports.models import Report

D = Decimal
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
MINUS = "\u2212"


def row(unit_id, month=1, year=2022, **figures):
    return {"unit_id": unit_id, "year": year, "month": month, **figures}


PATHS = {1: "/1/", 2: "/1/2/", 3: "/1/3/", 4: "/1/2/4/"}


@pytest.mark.parametrize(
    "rows, kept",
    [
        ([row(1), row(2), row(3)], [1]),  # the division's own row includes its areas
        ([row(2), row(3)], [2, 3]),  # no row above: the areas count
        ([row(2), row(4)], [2]),  # a unit under an area with a row
        ([row(1, month=1), row(2, month=2)], [1, 2]),  # another month is another question
        ([row(2), row(3, year=2021)], [2, 3]),
    ],
)
def test_topmost_counts_no_month_twice(rows, kept):
    assert [r["unit_id"] for r in personnel.topmost(rows, PATHS)] == kept


@pytest.mark.parametrize(
    "rows, field, expected",
    [
        ([row(1, annual_staff=D(10))], "annual_staff", D(10)),
        ([row(1, annual_staff=D(10)), row(2, annual_staff=D(30))], "annual_staff", D(40)),
        ([row(1, pool=None), row(2, pool=3)], "pool", D(3)),
        ([row(1, pool=None)], "pool", None),
        ([row(1, sick_women=D("7.4"))], "sick_women", D("7.4")),
        # Weighted by årsarbetare: (10 × 4 + 30 × 8) / 40 = 7.
        ([row(1, annual_staff=D(10), sick_men=D(4)), row(2, annual_staff=D(30), sick_men=D(8))], "sick_men", D(7)),
        # Without the weights, or a unit's percentage, no combined figure is made up.
        ([row(1, sick_men=D(4)), row(2, annual_staff=D(30), sick_men=D(8))], "sick_men", None),
        ([row(1, annual_staff=D(10)), row(2, annual_staff=D(30), sick_men=D(8))], "sick_men", None),
    ],
)
def test_combine(rows, field, expected):
    assert personnel.combine(rows)[field] == expected


@pytest.mark.parametrize(
    "months, field, expected",
    [
        ({1: {"annual_staff": D(580)}, 2: {"annual_staff": D(596)}}, "annual_staff", D(588)),
        ({1: {"worked_hours": D(100)}, 2: {"worked_hours": D(50)}}, "worked_hours", D(150)),
        ({1: {"sick_total": D(6)}, 2: {"sick_total": None}}, "sick_total", D(6)),  # months without it left out
        ({1: {"sick_total": None}}, "sick_total", None),
    ],
)
def test_period_figures(months, field, expected):
    assert personnel.period_figures(months)[field] == expected


# --- on the demo -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with auditing.acting_as(label="test"):
            demo.seed(log=lambda *a: None)
        yield Region.objects.get(slug="norrbotten")
        demo.reset()


@pytest.fixture
def section(demo_db, db):
    with region_scope(demo_db):
        report = Report.objects.select_related("kind", "unit", "period", "region").get(
            kind__key="delarsrapport", unit__code="DRS", period__code="2022-T2"
        )
        content = assemble(report, datetime.date(2022, 9, 15))
        yield next(s for s in content.sections if s.key == "personal")


def test_the_section_has_the_seeds_figures(section):
    """Seed 003, "Väsentliga personalförhållanden": 588 årsarbetare against a frame of 605
    (−17) and 30 fewer than the year before; 616 tillsvidare- and 53 visstidsanställda with
    the pool's 26 in them, 10 more tillsvidare than in 2021; sick leave kvinnor 7,4 %,
    män 4,9 % (the jämställdhet table), up 1,7 points."""
    assert section.title == "Väsentliga personalförhållanden"
    summary = {r[0]: r[1:] for r in section.tables[0].rows}
    assert summary["Årsarbetare (arbetad tid), snitt per månad"] == [D(588), D(618), D(-30)]
    assert summary["Bemanningsram (årsarbetare)"][0] == D(605)
    assert summary["Årsarbetare mot bemanningsram"][0] == D(-17)
    assert summary["Tillsvidareanställda, snitt"] == [D(616), D(606), D(10)]
    assert summary["Visstidsanställda, snitt"][0] == D(53)
    assert summary["varav i poolen, snitt"][0] == D(26)
    assert summary["Sjukfrånvaro kvinnor (%)"][0] == D("7.4")
    assert summary["Sjukfrånvaro män (%)"][0] == D("4.9")
    assert summary["Sjukfrånvaro totalt (%)"] == [D("6.8"), D("5.1"), D("1.7")]


def test_sick_leave_per_month_peaks_in_february_and_falls_after_march(section):
    sick = next(t for t in section.tables if t.key == "personal-sjukfranvaro")
    months = [r[0] for r in sick.rows]
    assert months == ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug"]
    women = [r[1] for r in sick.rows]
    men = [r[2] for r in sick.rows]
    assert max(women) == women[1] and max(men) == men[1]
    assert all(w > m for w, m in zip(women, men, strict=True))  # markant högre för kvinnor
    assert women[2] > women[3] > women[4]
    chart = next(b for b in section.charts if b.table is sick)
    assert [s.label for s in chart.chart.series] == ["Kvinnor", "Män", "Totalt"]
    assert "<title>Sjukfrånvaro per månad och kön 2022</title>" in chart.svg


def test_the_staff_chart_has_the_frame_as_its_line(section):
    staff = next(b for b in section.charts if b.table.key == "personal-manad")
    assert staff.chart.target == D(605)
    assert staff.chart.target_label == "Bemanningsram 605"
    assert [s.label for s in staff.chart.series] == ["2022", "2021"]


def test_the_demo_pdf_has_the_section_tables_and_chart(demo_db, db, tmp_path):
    pdf = tmp_path / "r.pdf"
    call_command(
        "render_report",
        *("--region", "norrbotten", "--unit", "DRS", "--period", "2022-T2", "--kind", "delarsrapport"),
        *("--out", str(pdf)),
        stdout=io.StringIO(),
    )
    text = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = text.replace("\u00a0", " ")
    assert "Väsentliga personalförhållanden" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Årsarbetare (arbetad tid), snitt per månad 588,0 618,0 " + MINUS + "30,0" in lines
    assert "Årsarbetare mot bemanningsram " + MINUS + "17,0 13,0" in lines
    assert "Sjukfrånvaro totalt (%) 6,8 5,1 1,7" in lines
    assert any(line.startswith("feb 10,9 7,4 10,1 5,8") for line in lines)
    # The charts' titles and legends (SVG text is text in the PDF too).
    assert "Sjukfrånvaro per månad och kön 2022" in text
    assert "Arbetad tid omvandlat till årsarbetare per månad" in text
    assert "Bemanningsram 605" in text
    legend = next(line for line in lines if "Kvinnor" in line and "Män" in line and "Totalt" in line)
    assert legend
