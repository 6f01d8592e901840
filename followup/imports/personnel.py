"""HR figures per unit and month from the HR system's export (Heroma and the like), for the
report's Väsentliga personalförhållanden (`ImportJob.PERSONNEL`).

Columns: Organisation, Månad (2022-08, a date such as 2022-08-31, or a date cell; "Period"
is read as well), and any of Årsarbetare, Bemanningsram, Tillsvidare, Visstid, Pool (the
pool staff counted in Tillsvidare and Visstid), Arbetad tid and Extratid (hours),
Sjukfrånvaro kvinnor, Sjukfrånvaro män, Sjukfrånvaro totalt (percent).

The same rules as the economy import: the whole file is checked first and a bad row rejects
it (unless the job keeps the good rows), a second run changes nothing, every changed row
reaches the audit trail. One more: the file must hold aggregates only. A column that names a
person (Personnummer, Förnamn, Anställningsnummer) or a cell that looks like a personal identity
number, in any column, refuses the whole file even when keeping good rows, the stored copy
of the file is deleted, and the messages name the place, never the number.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.imports.pipeline import (
    MAX_STORED_ERRORS,
    Lookup,
    finish,
    rejected_message,
    save_progress,
    skipped_message,
)
from followup.imports.sources import FileRejected
from followup.imports.valuerules import period_code
from followup.models import ImportJob, ImportJobError, PersonnelFigure
from regionplan.numbers import format_number, parse_number
from regionplan.tabular import RowError, TableError, match_columns, read_table

MAX_ROWS = 100_000
MAX_PERSONAL_ERRORS = 50
FIRST_YEAR = 2000

DECIMAL, WHOLE, PERCENT = "decimal", "whole", "percent"
# File column → (field, kind of number).
COLUMNS = {
    "Årsarbetare": ("annual_staff", DECIMAL),
    "Bemanningsram": ("staffing_frame", DECIMAL),
    "Tillsvidare": ("permanent", WHOLE),
    "Visstid": ("temporary", WHOLE),
    "Pool": ("pool", WHOLE),
    "Arbetad tid": ("worked_hours", DECIMAL),
    "Extratid": ("extra_hours", DECIMAL),
    "Sjukfrånvaro kvinnor": ("sick_women", PERCENT),
    "Sjukfrånvaro män": ("sick_men", PERCENT),
    "Sjukfrånvaro totalt": ("sick_total", PERCENT),
}
LARGEST = {DECIMAL: Decimal("1e9"), WHOLE: Decimal("1e7"), PERCENT: Decimal(100)}

# Header names that say a column is about a person, compared in lower case without spaces,
# dots and dashes.
PERSON_COLUMNS = {
    "personnummer",
    "personnr",
    "pnr",
    "samordningsnummer",
    "födelsedatum",
    "personnamn",
    "förnamn",
    "efternamn",
    "anställningsnummer",
    "anstnr",
    "anställningsnr",
}
_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:(?:19|20)(\d{2})|(\d{2}))(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")


def _luhn_ok(digits: str) -> bool:
    """The personal identity number's check digit (the Luhn algorithm over its ten digits)."""
    total = 0
    for i, ch in enumerate(digits):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def looks_like_personal_number(text: str) -> bool:
    """Whether a cell holds something shaped like a Swedish personal identity number or
    coordination number: (YY)YYMMDD, an optional - or +, four digits, a real month, a
    day of 1–31 (61–91 for a coordination number) and a right check digit."""
    for match in _PERSONAL_NUMBER.finditer(text or ""):
        yy = match.group(1) or match.group(2)
        month, day, last = int(match.group(3)), int(match.group(4)), match.group(5)
        if day > 60:
            day -= 60
        if 1 <= month <= 12 and 1 <= day <= 31 and _luhn_ok(f"{yy}{match.group(3)}{match.group(4)}{last}"):
            return True
    return False


def is_person_column(name: str) -> bool:
    """Whether a header names a column about a person (Personnummer, Namn, Anst.nr, ...)."""
    return re.sub(r"[\s.\-_]", "", (name or "").lower()) in PERSON_COLUMNS


def parse_figure(text: str, kind: str) -> tuple[Decimal | None, str | None]:
    """A figure cell: empty is "not given"; hours and årsarbetare are numbers of at least 0
    (``1 234,5``), employees whole numbers, sick leave a percentage 0–100 (``7,4``,
    ``7,4 %`` or a percent-formatted cell)."""
    text = (text or "").strip()
    if kind == PERCENT and text.endswith("%"):
        text = text[:-1].strip()
    if not text:
        return None, None
    value = parse_number(text)
    if value is None:
        return None, _("”%(text)s” är inget tal.") % {"text": text[:40]}
    if value < 0:
        return None, _("Får inte vara negativt.")
    if kind == PERCENT and value > LARGEST[PERCENT]:
        return None, _("En andel i procent är högst 100.")
    if value >= LARGEST[kind]:
        return None, _("Talet är för stort.")
    if kind == WHOLE:
        if value != value.to_integral_value():
            return None, _("Ska vara ett helt antal anställda.")
        return int(value), None
    return value.quantize(Decimal("0.01") if kind == PERCENT else Decimal("0.1")), None


def parse_month(text: str, today: datetime.date) -> tuple[tuple[int, int] | None, str | None]:
    """The month a row is for, as (year, month): ``2022-08`` or a date in it; a tertial or a
    year is refused (the figures are monthly), and so is a month that has not begun."""
    text = (text or "").strip()
    if not text:
        return None, _("Månad saknas.")
    parsed = period_code(text)
    if parsed is None or parsed[0] != "month":
        return None, _("”%(text)s” är ingen månad (skriv t.ex. 2022-08).") % {"text": text[:40]}
    _kind, year, month = parsed
    if not 1 <= month <= 12 or year < FIRST_YEAR:
        return None, _("”%(text)s” är ingen månad (skriv t.ex. 2022-08).") % {"text": text[:40]}
    if (year, month) > (today.year, today.month):
        return None, _("Månaden %(month)s har inte börjat.") % {"month": f"{year}-{month:02d}"}
    return (year, month), None


def check_row(values: dict[str, Decimal | None]) -> list[tuple[str | None, str]]:
    """What is wrong with a row's figures taken together: none given, or more pool staff
    than employees (the pool is counted in Tillsvidare and Visstid)."""
    if all(v is None for v in values.values()):
        return [(None, _("Raden har inga personaluppgifter."))]
    pool, permanent, temporary = values.get("pool"), values.get("permanent"), values.get("temporary")
    if pool is not None and (permanent is not None or temporary is not None):
        employed = (permanent or 0) + (temporary or 0)
        if pool > employed:
            return [
                (
                    "Pool",
                    _("%(pool)s i poolen men bara %(employed)s tillsvidare- och visstidsanställda: poolen ingår i dem.")
                    % {"pool": format_number(pool), "employed": format_number(employed)},
                )
            ]
    return []


def personal_data(header: list[str], number: int, cells: dict[str, str]) -> list[RowError]:
    """The places of a row (or of the header, row 1) that hold data about a person."""
    if number == 1:
        return [
            RowError(
                1,
                name,
                _("Kolumnen gäller enskilda personer. Filen får bara innehålla summor per enhet och månad."),
            )
            for name in header
            if is_person_column(name)
        ]
    return [
        RowError(
            number,
            column,
            _("Cellen ser ut som ett personnummer. Filen får bara innehålla summor per enhet och månad."),
        )
        for column, text in cells.items()
        if text and looks_like_personal_number(text)
    ]


def import_figures(job: ImportJob, stream, filename: str, allowed_units: set[int] | None = None) -> ImportJob:
    """Check the file, then (if clean, or keeping the good rows) apply it in one transaction.
    `allowed_units` limits the units a person's file may name (None: all)."""
    today = timezone.localdate()
    try:
        header, rows = read_table(stream, filename, max_rows=MAX_ROWS)
        month_column = "Period" if any(h.strip().lower() == "period" for h in header) else "Månad"
        personal = personal_data(header, 1, {})
        columns, errors = match_columns(header, {"Organisation": True, month_column: True})
        figures, _none = match_columns(header, dict.fromkeys(COLUMNS, False))
        if not errors and not figures:
            errors = [RowError(1, None, _("Minst en av kolumnerna %(names)s behövs.") % {"names": ", ".join(COLUMNS)})]
        if errors and not personal:
            raise FileRejected(errors)
        lookup = Lookup(allowed_units)
        parsed, read, bad_rows = {}, 0, set()
        for number, cells in rows:
            read += 1
            if len(personal) < MAX_PERSONAL_ERRORS:
                personal.extend(personal_data(header, number, cells)[: MAX_PERSONAL_ERRORS - len(personal)])
            if personal:
                continue  # the file is refused for its personal data: read on only to find it
            row_errors = []

            def fail(column, message, number=number, row_errors=row_errors):
                row_errors.append(RowError(number, column, message))

            unit_id = lookup.unit(cells[columns["Organisation"]], fail)
            month, problem = parse_month(cells[columns[month_column]], today)
            if problem:
                fail(month_column, problem)
            values = {}
            for column, (field, kind) in COLUMNS.items():
                if column in figures:
                    value, problem = parse_figure(cells[figures[column]], kind)
                    if problem:
                        fail(column, problem)
                    values[field] = value
            if not row_errors:
                for column, message in check_row(values):
                    fail(column, message)
            key = (unit_id, month)
            if not row_errors and key in parsed:
                fail(None, _("Samma organisation och månad som rad %(first)s.") % {"first": parsed[key][0]})
            if row_errors:
                errors.extend(row_errors)
                bad_rows.add(number)
            else:
                parsed[key] = (number, values)
    except TableError as exc:
        raise FileRejected([RowError(None, None, str(exc))]) from exc
    if personal:
        # Not even a stored copy of such a file is kept.
        if job.file:
            job.file.delete(save=False)
        raise FileRejected(
            [*personal, RowError(None, None, _("Filen innehåller uppgifter om enskilda personer och har tagits bort."))]
        )
    save_progress(job, rows_read=read, rows_rejected=len(bad_rows), rows_accepted=read - len(bad_rows))
    ImportJobError.objects.filter(job=job).delete()  # a retried job lists its errors once
    ImportJobError.objects.bulk_create(
        [
            ImportJobError(job=job, row=e.row, column=e.column or "", message=e.message)
            for e in errors[:MAX_STORED_ERRORS]
        ]
    )
    if errors and not job.partial:
        finish(job, ImportJob.REJECTED, rejected_message(len(errors), len(bad_rows)))
        return job
    with transaction.atomic():
        _apply(job, parsed)
        message = _("%(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade rader.") % {
            "created": job.created,
            "changed": job.changed,
            "unchanged": job.unchanged,
        }
        if errors:
            message += " " + skipped_message(len(bad_rows))
        finish(job, ImportJob.DONE, message)
    return job


def _apply(job: ImportJob, parsed: dict) -> None:
    """Create, change or leave each (unit, month); a column the file does not have leaves
    the stored figure as it was."""
    existing = {
        (f.unit_id, (f.year, f.month)): f
        for f in PersonnelFigure.objects.filter(unit_id__in={k[0] for k in parsed}, year__in={k[1][0] for k in parsed})
    }
    job.created = job.changed = job.unchanged = 0
    new = []
    for (unit_id, (year, month)), (_row, values) in parsed.items():
        figure = existing.get((unit_id, (year, month)))
        if figure is None:
            new.append(PersonnelFigure(unit_id=unit_id, year=year, month=month, job=job, **values))
            continue
        if all(getattr(figure, field) == value for field, value in values.items()):
            job.unchanged += 1
            continue
        for field, value in values.items():
            setattr(figure, field, value)
        figure.job = job
        figure.save()
        job.changed += 1
    PersonnelFigure.objects.bulk_create(new, batch_size=1000)  # audited by bulk_create itself
    job.created = len(new)
