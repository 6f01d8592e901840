"""One Excel writer (regionplan/xlsx.py): text that begins with "=" is shown as it was
written and never runs, in every export, without an apostrophe for people to see."""

import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from followup.models import ImportJob, ImportJobError
from regionplan import xlsx
from regionplan.tenancy import region_scope

FORMULA = '=HYPERLINK("http://evil.example","Klicka")'


def test_a_write_only_cell_keeps_text_as_text():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Blad")
    sheet.append(
        [xlsx.cell(sheet, FORMULA), xlsx.cell(sheet, "vanlig text"), xlsx.cell(sheet, 7.4, number_format="0.0")]
    )
    sheet.append(xlsx.header(sheet, ["Rubrik"]))
    read = load_workbook(io.BytesIO(xlsx.to_bytes(workbook)))["Blad"]
    first = [c for c in read[1]]
    assert (first[0].value, first[0].data_type) == (FORMULA, "s")
    assert first[1].value == "vanlig text" and first[2].value == 7.4
    assert read[2][0].font.bold


def test_the_import_error_file_quotes_a_formula_as_the_text_it_was(world):
    with region_scope(world.alfa):
        job = ImportJob.objects.create(source_name="värden.csv", trigger=ImportJob.UPLOAD, status=ImportJob.REJECTED)
        ImportJobError.objects.create(job=job, row=2, column="=Värde", message=f"”{FORMULA}” är inget tal.")
        ImportJobError.objects.create(job=job, row=3, column="Värde", message=FORMULA)
    response = world.client("controller").get(reverse("import_job_errors", args=["alfa", job.pk]))
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [["Rad", "Kolumn", "Fel"], [2, "=Värde", f"”{FORMULA}” är inget tal."], [3, "Värde", FORMULA]]
    assert sheet["C3"].data_type == "s" and sheet["B2"].data_type == "s"  # shown as written; no "'" was added
