"""The annual follow-up of SAM (årlig uppföljning): the region's questionnaire, a unit's
follow-up for a year (answers saved one by one with htmx, the summary, the sign-off), the
roll-up of the units below, and its Excel export.

Who: reading VIEW on the unit; answering, the summary and signing REPORT on the unit;
reopening a signed follow-up PLAN on the unit (a controller); the questionnaire PLAN over
the whole region."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import xlsx
from regionplan.models import OrgUnit
from regionplan.params import YEARS
from regionplan.permissions import WHOLE_REGION, Action, has_permission, require
from regionplan.views.common import form_data, form_status
from workenv import excel_annual, queries, rules_annual
from workenv.forms_annual import AnswerForm, QuestionForm, SummaryForm
from workenv.models import AnnualAnswer, AnnualFollowup, AnnualQuestion

# --- the region's questionnaire -----------------------------------------------------------


def questions(request, region_slug):
    """The questionnaire: everyone with a role reads it; controllers over the region add."""
    require(request, Action.VIEW)
    may_edit = has_permission(request.roles, Action.PLAN, WHOLE_REGION)
    form = None
    if may_edit:
        form = QuestionForm(form_data(request), prefix="new")
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Frågan är tillagd."))
            return redirect("we_annual_questions", region_slug)
    elif request.method == "POST":
        require(request, Action.PLAN, WHOLE_REGION)
    context = {"questions": AnnualQuestion.objects.order_by("order", "pk"), "form": form, "may_edit": may_edit}
    return render(request, "workenv/annual_questions.html", context, status=form_status(request, form))


def question_edit(request, region_slug, pk):
    require(request, Action.PLAN, WHOLE_REGION)
    question = get_object_or_404(AnnualQuestion.objects.all(), pk=pk)
    form = QuestionForm(form_data(request), instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Frågan är sparad."))
        return redirect("we_annual_questions", region_slug)
    return render(
        request,
        "workenv/annual_question_form.html",
        {"form": form, "question": question},
        status=form_status(request, form),
    )


@require_POST
def question_defaults(request, region_slug):
    """Add the standard questions (AFS 2023:1) that the questionnaire lacks; idempotent."""
    require(request, Action.PLAN, WHOLE_REGION)
    added = queries.add_standard_questions()
    messages.success(request, _("%(n)s standardfrågor lades till.") % {"n": added})
    return redirect("we_annual_questions", region_slug)


# --- a unit's follow-up -------------------------------------------------------------------


def _unit(unit_pk, year) -> OrgUnit:
    """The unit of the URL (another region's is a 404) and a plausible year."""
    if year not in YEARS:
        raise Http404
    return get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)


def _context(request, unit, year, followup=None, forms=None, missing=None) -> dict:
    questions = queries.active_questions()
    if followup is None:
        followup = AnnualFollowup.objects.select_related("signed_by").filter(unit=unit, year=year).first()
    answers = {}
    if followup is not None:
        answers = {a.question_id: a for a in AnnualAnswer.objects.filter(followup=followup)}
    may_report = has_permission(request.roles, Action.REPORT, unit)
    signed = bool(followup and followup.signed_on)
    editable = may_report and not signed
    forms = forms or {}
    rows = []
    for question in questions:
        answer = answers.get(question.pk)
        form = forms.get(question.pk)
        if form is None and editable:
            initial = {"answer": answer.answer, "comment": answer.comment} if answer else {}
            form = AnswerForm(initial=initial, prefix=f"q{question.pk}")
        rows.append({"question": question, "answer": answer, "form": form, "status": _answer_status(answer)})
    counted = [a.answer for a in answers.values() if a.answer and a.question_id in {q.pk for q in questions}]
    own_status = rules_annual.status_of_counts(
        counted.count(rules_annual.YES),
        counted.count(rules_annual.PARTLY),
        counted.count(rules_annual.NO),
        len(questions) - len(counted),
    )
    direct, subtree, children = queries.annual_rollup(unit, year, questions)
    return {
        "unit": unit,
        "year": year,
        "followup": followup,
        "rows": rows,
        "own_status": own_status,
        "editable": editable,
        "may_report": may_report,
        "may_reopen": signed and has_permission(request.roles, Action.PLAN, unit),
        "summary_form": SummaryForm(instance=followup) if editable else None,
        "direct": direct,
        "subtree": subtree,
        "children": children,
        "missing": missing or [],
        "years": [year - 1, year, year + 1],
    }


def _answer_status(answer):
    return rules_annual.STATUS_OF.get(answer.answer) if answer and answer.answer else None


def annual(request, region_slug, unit_pk, year):
    """The unit's follow-up of the year; POST saves its summary (REPORT, while unsigned)."""
    unit = _unit(unit_pk, year)
    require(request, Action.VIEW, unit)
    summary_form = None
    if request.method == "POST":
        require(request, Action.REPORT, unit)
        followup, _created = AnnualFollowup.objects.get_or_create(unit=unit, year=year)
        if followup.signed_on:
            messages.error(request, _("Uppföljningen är signerad och kan inte ändras."))
            return redirect("we_annual", region_slug, unit.pk, year)
        summary_form = SummaryForm(request.POST, instance=followup)
        if summary_form.is_valid():
            summary_form.save()
            messages.success(request, _("Sammanfattningen är sparad."))
            return redirect("we_annual", region_slug, unit.pk, year)
    context = _context(request, unit, year)
    if summary_form is not None:
        context["summary_form"] = summary_form
    return render(request, "workenv/annual.html", context, status=form_status(request, summary_form))


@require_POST
def answer(request, region_slug, unit_pk, year, question_pk):
    """Save one answer (htmx swaps the row); Ja / Delvis / Nej only, else 400 and nothing saved."""
    unit = _unit(unit_pk, year)
    require(request, Action.REPORT, unit)
    question = get_object_or_404(AnnualQuestion.objects.filter(active=True), pk=question_pk)
    followup = AnnualFollowup.objects.filter(unit=unit, year=year).first()
    if followup is not None and followup.signed_on:
        messages.error(request, _("Uppföljningen är signerad och kan inte ändras."))
        return redirect("we_annual", region_slug, unit.pk, year)
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    saved = None
    if form.is_valid():
        with transaction.atomic():
            if followup is None:
                followup, _created = AnnualFollowup.objects.get_or_create(unit=unit, year=year)
            saved, _created = AnnualAnswer.objects.update_or_create(
                followup=followup,
                question=question,
                defaults={"answer": form.cleaned_data["answer"], "comment": form.cleaned_data["comment"]},
            )
        if not request.htmx:
            messages.success(request, _("Svaret är sparat."))
            return redirect(reverse("we_annual", args=[region_slug, unit.pk, year]) + f"#fraga-{question.pk}")
    else:
        saved = AnnualAnswer.objects.filter(followup=followup, question=question).first() if followup else None
    row = {"question": question, "answer": saved, "form": form, "status": _answer_status(saved)}
    if saved is not None and form.is_valid():
        row["form"] = AnswerForm(initial={"answer": saved.answer, "comment": saved.comment}, prefix=f"q{question.pk}")
        row["saved"] = True
    context = {"unit": unit, "year": year, "row": row, "editable": True}
    if request.htmx:
        response = render(request, "workenv/annual_row.html", context, status=form_status(request, form))
        patch_vary_headers(response, ("HX-Request",))  # never serve the row for the page
        return response
    page = _context(request, unit, year, forms={question.pk: form})
    return render(request, "workenv/annual.html", page, status=form_status(request, form))


@require_POST
def sign(request, region_slug, unit_pk, year):
    """Sign the follow-up (REPORT): refused, naming each unanswered question, while any is
    unanswered. With `reopen`, a controller (PLAN) removes the signature."""
    unit = _unit(unit_pk, year)
    if request.POST.get("reopen"):
        require(request, Action.PLAN, unit)
        followup = get_object_or_404(AnnualFollowup.objects.all(), unit=unit, year=year)
        followup.signed_on, followup.signed_by = None, None
        followup.save()
        messages.success(request, _("Uppföljningen är öppnad igen."))
        return redirect("we_annual", region_slug, unit.pk, year)
    require(request, Action.REPORT, unit)
    followup = AnnualFollowup.objects.filter(unit=unit, year=year).first()
    questions = queries.active_questions()
    answered = []
    if followup is not None:
        answered = (
            AnnualAnswer.objects.filter(followup=followup).exclude(answer="").values_list("question_id", flat=True)
        )
    ok, missing = rules_annual.can_sign(bool(followup and followup.signed_on), questions, list(answered))
    if not ok:
        if followup is not None and followup.signed_on:
            messages.error(request, _("Uppföljningen är redan signerad."))
            return redirect("we_annual", region_slug, unit.pk, year)
        context = _context(request, unit, year, missing=missing or questions)
        return render(request, "workenv/annual.html", context, status=400)
    followup.signed_on = timezone.localdate()
    followup.signed_by = request.user
    followup.save()
    messages.success(request, _("Uppföljningen är signerad."))
    return redirect("we_annual", region_slug, unit.pk, year)


def export(request, region_slug, unit_pk, year):
    """The follow-up of the unit and every unit below as xlsx: per unit and question the
    answer, the comment and whether it is signed."""
    unit = _unit(unit_pk, year)
    require(request, Action.VIEW, unit)
    return xlsx.response(excel_annual.export(unit, year), f"arlig-uppfoljning-sam-{unit.code}-{year}.xlsx")
