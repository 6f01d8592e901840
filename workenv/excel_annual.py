"""The annual follow-up of SAM as xlsx (regionplan.xlsx): one row per unit and question with
the answer (its word on its status colour), the comment, and whether and when the unit
signed. Three queries whatever the subtree's size."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.models import OrgUnit
from workenv import queries, rules_annual
from workenv.models import AnnualAnswer, AnnualFollowup


def export(unit, year: int) -> bytes:
    questions = queries.active_questions()
    units = list(OrgUnit.objects.filter(path__startswith=unit.path).order_by("path"))
    followups = {f.unit_id: f for f in AnnualFollowup.objects.filter(year=year, unit__path__startswith=unit.path)}
    answers = {
        (a.followup.unit_id, a.question_id): a
        for a in AnnualAnswer.objects.filter(
            followup__year=year, followup__unit__path__startswith=unit.path
        ).select_related("followup")
    }
    labels = {rules_annual.YES: _("Ja"), rules_annual.PARTLY: _("Delvis"), rules_annual.NO: _("Nej")}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx.sheet_names([_("Årlig uppföljning %(year)s") % {"year": year}])[0])
    sheet.append(xlsx.header(sheet, [_("Enhet"), _("Kod"), _("Fråga"), _("Svar"), _("Kommentar"), _("Signerad")]))
    for each in units:
        followup = followups.get(each.pk)
        signed = followup.signed_on.isoformat() if followup and followup.signed_on else _("Nej")
        for question in questions:
            answer = answers.get((each.pk, question.pk))
            if answer and answer.answer:
                shown = xlsx.status_cell(sheet, rules_annual.STATUS_OF[answer.answer], labels[answer.answer])
            else:
                shown = xlsx.cell(sheet, _("Ej besvarad"))
            sheet.append(
                [
                    xlsx.cell(sheet, each.name),
                    xlsx.cell(sheet, each.code),
                    xlsx.cell(sheet, question.text, wrap=True),
                    shown,
                    xlsx.cell(sheet, answer.comment if answer else "", wrap=True),
                    xlsx.cell(sheet, signed),
                ]
            )
    return xlsx.to_bytes(book)
