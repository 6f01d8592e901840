"""Economy figures from the finance system's export, per unit and period, in kronor:

- operations (`ImportJob.ECONOMY`): columns Organisation, Period, Rad (e.g. *Personal*,
  *Köp av verksamhet/tjänster*, *Övriga kostnader*, *Verksamhetens intäkter*), Budget,
  Utfall, Prognos;
- investments (`ImportJob.INVESTMENTS`): Organisation, Period, Typ (e.g. *MT-utrustning*,
  *IT-utrustning*, *Fastigheter*), Planerat, Utfall, Prognos, and optionally *Utfall beslut
  före året* (the part of Utfall decided in earlier years; the rest was decided this year);
- costs (`ImportJob.COSTS`): Organisation, Period, Kostnadsslag (*Personal*, *Vårdmaterial*,
  ...), Utfall: the reports compare it with the same period last year. A line named
  *Nettokostnad* (or *Verksamhetens nettokostnad*) is the net cost, shown under the total.

The same rules as measure values: the whole file is checked first and a bad row rejects
it (unless the job keeps the good rows), a second run changes nothing, the job records
the counts. These files have hundreds of rows, not millions, so each changed row is saved
on its own and reaches the audit trail like a manual edit.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
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
from followup.models import EconomyFigure, ImportJob, ImportJobError
from regionplan.numbers import parse_number
from regionplan.tabular import RowError, TableError, match_columns, read_table

MAX_ROWS = 100_000
LARGEST_AMOUNT = Decimal("1e13")

# For each kind: the figure kind, the name column, and the three amount columns → fields.
LAYOUTS = {
    ImportJob.ECONOMY: (
        EconomyFigure.OPERATIONS,
        "Rad",
        {"Budget": "budget", "Utfall": "outcome", "Prognos": "forecast"},
    ),
    ImportJob.COSTS: (EconomyFigure.COSTS, "Kostnadsslag", {"Utfall": "outcome"}),
    ImportJob.INVESTMENTS: (
        EconomyFigure.INVESTMENTS,
        "Typ",
        {
            "Planerat": "budget",
            "Utfall": "outcome",
            "Prognos": "forecast",
            "Utfall beslut före året": "outcome_earlier",
        },
    ),
}


def parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    """Kronor as the finance system writes them: ``1 234 567``, ``-12 500,50``, ``1234567.5``,
    with an optional ``kr``. Empty is "not given" (None without an error)."""
    text = (text or "").strip()
    if text.lower().endswith("kr"):
        text = text[:-2].strip()
    if not text:
        return None, None
    value = parse_number(text)
    if value is None:
        return None, _("”%(text)s” är inget belopp.") % {"text": text[:40]}
    if abs(value) >= LARGEST_AMOUNT:
        return None, _("Beloppet är för stort.")
    return value.quantize(Decimal("0.01")), None


def import_figures(job: ImportJob, stream, filename: str, allowed_units: set[int] | None = None) -> ImportJob:
    """Check the file, then (if clean, or keeping the good rows) apply it in one transaction.
    `allowed_units` limits the units a person's file may name (None: all)."""
    figure_kind, name_column, amounts = LAYOUTS[job.kind]
    wanted = {"Organisation": True, "Period": True, name_column: True, **{c: False for c in amounts}}
    try:
        header, rows = read_table(stream, filename, max_rows=MAX_ROWS)
        columns, errors = match_columns(header, wanted)
        if not errors and not any(c in columns for c in amounts):
            errors = [RowError(1, None, _("Minst en av kolumnerna %(names)s behövs.") % {"names": ", ".join(amounts)})]
        if errors:
            raise FileRejected(errors)
        lookup = Lookup(allowed_units)
        parsed, errors, read, bad_rows = {}, [], 0, set()
        for number, cells in rows:
            read += 1
            row_errors = []

            def fail(column, message, number=number, row_errors=row_errors):
                row_errors.append(RowError(number, column, message))

            unit_id = lookup.unit(cells[columns["Organisation"]], fail)
            period_id, _year = lookup.period(cells[columns["Period"]], fail)
            line = cells[columns[name_column]].strip()
            if not line:
                fail(name_column, _("%(column)s saknas.") % {"column": name_column})
            elif len(line) > 100:
                fail(name_column, _("Högst 100 tecken."))
            values = {}
            for column, field in amounts.items():
                if column in columns:
                    value, problem = parse_amount(cells[columns[column]])
                    if problem:
                        fail(column, problem)
                    values[field] = value
            if not row_errors and all(v is None for v in values.values()):
                fail(None, _("Raden har inget belopp."))
            earlier, outcome = values.get("outcome_earlier"), values.get("outcome")
            if earlier is not None and (outcome is None or abs(earlier) > abs(outcome)):
                # The part decided in earlier years is a part of Utfall: it cannot be more.
                fail("Utfall beslut före året", _("Större än Utfall: delen som beslutades tidigare år ingår i Utfall."))
            key = (unit_id, period_id, line.lower())
            if not row_errors and key in parsed:
                fail(
                    None,
                    _("Samma organisation, period och %(column)s som rad %(first)s.")
                    % {"column": name_column.lower(), "first": parsed[key][0]},
                )
            if row_errors:
                errors.extend(row_errors)
                bad_rows.add(number)
            else:
                parsed[key] = (number, line, values)
    except TableError as exc:
        raise FileRejected([RowError(None, None, str(exc))]) from exc
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
        _apply(job, figure_kind, parsed)
        message = _("%(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade rader.") % {
            "created": job.created,
            "changed": job.changed,
            "unchanged": job.unchanged,
        }
        if errors:
            message += " " + skipped_message(len(bad_rows))
        finish(job, ImportJob.DONE, message)
    return job


def _apply(job: ImportJob, figure_kind: str, parsed: dict) -> None:
    existing = {
        (f.unit_id, f.period_id, f.line.lower()): f
        for f in EconomyFigure.objects.filter(
            kind=figure_kind, unit_id__in={k[0] for k in parsed}, period_id__in={k[1] for k in parsed}
        )
    }
    job.created = job.changed = job.unchanged = 0
    new = []
    for (unit_id, period_id, key_line), (_row, line, values) in parsed.items():
        figure = existing.get((unit_id, period_id, key_line))
        if figure is None:
            new.append(
                EconomyFigure(unit_id=unit_id, period_id=period_id, kind=figure_kind, line=line, job=job, **values)
            )
            continue
        if all(getattr(figure, field) == value for field, value in values.items()):
            job.unchanged += 1
            continue
        for field, value in values.items():
            setattr(figure, field, value)
        figure.job = job
        figure.save()
        job.changed += 1
    EconomyFigure.objects.bulk_create(new, batch_size=1000)  # audited by bulk_create itself
    job.created = len(new)
