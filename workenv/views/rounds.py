"""Safety rounds (skyddsrond): a unit's rounds, a new round, the round page with its answers
saved in place (htmx), finishing it, and each Nej turned into an action or a risk in one step.

Who: reading VIEW on the unit; starting, finishing and turning findings REPORT on the unit;
answering `rules_rounds.may_take_part` (REPORT, or the skyddsombud covering the unit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan.models import OrgUnit, Role
from regionplan.models.riskmatrix import RiskMatrix
from regionplan.permissions import Action, holders_by_unit, require
from regionplan.views.common import form_data, form_status
from workenv import access, rules_rounds
from workenv.forms_rounds import AnswerForm, RoundForm
from workenv.models import ChecklistQuestion, RiskAssessment, RoundAnswer, SafetyRound, WorkAction, WorkRisk


def rounds(request, region_slug, unit_pk):
    """The unit's and its subtree's rounds, with answered/total and the Nej count."""
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.VIEW, unit)
    rows = (
        SafetyRound.objects.filter(unit__path__startswith=unit.path)
        .filter(access.readable_q(request.roles))
        .select_related("unit", "checklist")
        .annotate(
            answered=Count("answers", distinct=True),
            noes=Count("answers", filter=Q(answers__answer=RoundAnswer.NO), distinct=True),
        )
        .order_by("-performed_on", "pk")
    )
    totals = dict(
        ChecklistQuestion.objects.values_list("checklist_id").annotate(n=Count("pk")).values_list("checklist_id", "n")
    )
    context = {
        "unit": unit,
        "rounds": [(r, totals.get(r.checklist_id, 0)) for r in rows],
        "may_keep": access.may_keep(request.roles, unit),
    }
    return render(request, "workenv/rounds.html", context)


def _people(unit):
    found = holders_by_unit([unit], [Role.MANAGER, Role.CONTROLLER])[unit.pk]
    reps = holders_by_unit([unit], [Role.SAFETY_REP])[unit.pk]
    return found, reps


def round_new(request, region_slug, unit_pk):
    unit = get_object_or_404(OrgUnit.objects.all(), pk=unit_pk)
    require(request, Action.REPORT, unit)
    managers, reps = _people(unit)
    if request.user not in managers:
        managers = [request.user, *managers]
    form = RoundForm(
        form_data(request),
        managers=managers,
        safety_reps=reps,
        initial={"performed_on": timezone.localdate(), "manager": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        safety_round = form.save(commit=False)
        safety_round.unit = unit
        safety_round.save()
        if safety_round.safety_rep is None:
            messages.warning(request, _("Ronden saknar skyddsombud. En skyddsrond bör göras med skyddsombudet."))
        messages.success(request, _("Skyddsronden är skapad."))
        return redirect("we_round", region_slug, safety_round.pk)
    context = {"unit": unit, "form": form, "no_reps": not reps}
    return render(request, "workenv/round_new.html", context, status=form_status(request, form))


def _round(pk):
    return get_object_or_404(SafetyRound.objects.select_related("unit", "checklist", "manager", "safety_rep"), pk=pk)


def _context(request, safety_round, forms=None, missing=None) -> dict:
    questions = list(ChecklistQuestion.objects.filter(checklist_id=safety_round.checklist_id).order_by("order", "pk"))
    answers = {
        a.question_id: a
        for a in RoundAnswer.objects.filter(safety_round=safety_round).select_related("action", "risk__assessment")
    }
    may_answer = rules_rounds.may_take_part(request.roles, safety_round) and not safety_round.completed_on
    may_keep = access.may_keep(request.roles, safety_round.unit)
    forms = forms or {}
    areas: dict[str, list] = {}
    for q in questions:
        answer = answers.get(q.pk)
        form = forms.get(q.pk)
        if form is None and may_answer:
            initial = {"answer": answer.answer, "comment": answer.comment} if answer else {}
            form = AnswerForm(initial=initial, prefix=f"q{q.pk}")
        areas.setdefault(q.area, []).append({"question": q, "answer": answer, "form": form})
    answered = sum(1 for q in questions if q.pk in answers)
    return {
        "round": safety_round,
        "areas": list(areas.items()),
        "progress": rules_rounds.progress(answered, len(questions)),
        "can_finish": may_keep and rules_rounds.can_finish(len(questions), answered, bool(safety_round.completed_on)),
        "may_answer": may_answer,
        "may_keep": may_keep,
        "missing": missing or [],
    }


def round_page(request, region_slug, pk):
    """The round, question by question by area; POST with `finish` ends it (REPORT) when all
    questions are answered, else it is refused naming the unanswered ones."""
    safety_round = _round(pk)
    require(request, Action.VIEW, safety_round.unit)
    if request.method == "POST":
        require(request, Action.REPORT, safety_round.unit)
        questions = list(
            ChecklistQuestion.objects.filter(checklist_id=safety_round.checklist_id).order_by("order", "pk")
        )
        answered = set(RoundAnswer.objects.filter(safety_round=safety_round).values_list("question_id", flat=True))
        missing = [q for q in questions if q.pk not in answered]
        if safety_round.completed_on is None and questions and not missing:
            safety_round.completed_on = timezone.localdate()
            safety_round.save()
            messages.success(request, _("Skyddsronden är avslutad."))
            return redirect("we_round", region_slug, safety_round.pk)
        context = _context(request, safety_round, missing=missing)
        return render(request, "workenv/round.html", context, status=400)
    return render(request, "workenv/round.html", _context(request, safety_round))


@require_POST
def round_answer(request, region_slug, pk, question_pk):
    """Save one answer (htmx swaps the row); only Ja / Nej / Ej aktuellt, else 400 and nothing saved."""
    safety_round = _round(pk)
    require(request, Action.VIEW, safety_round.unit)
    if not rules_rounds.may_take_part(request.roles, safety_round):
        raise PermissionDenied
    question = get_object_or_404(
        ChecklistQuestion.objects.filter(checklist_id=safety_round.checklist_id), pk=question_pk
    )
    if safety_round.completed_on:
        return HttpResponseBadRequest(_("Ronden är avslutad och kan inte ändras."))
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    saved = None
    if form.is_valid():
        saved, _created = RoundAnswer.objects.update_or_create(
            safety_round=safety_round,
            question=question,
            defaults={"answer": form.cleaned_data["answer"], "comment": form.cleaned_data["comment"]},
        )
        if not request.htmx:
            messages.success(request, _("Svaret är sparat."))
            return redirect(reverse("we_round", args=[region_slug, safety_round.pk]) + f"#fraga-{question.pk}")
        form = AnswerForm(initial={"answer": saved.answer, "comment": saved.comment}, prefix=f"q{question.pk}")
    else:
        saved = RoundAnswer.objects.filter(safety_round=safety_round, question=question).first()
    if request.htmx:
        row = {"question": question, "answer": saved, "form": form, "saved": form.is_bound is False}
        context = {
            "round": safety_round,
            "row": row,
            "may_answer": True,
            "may_keep": access.may_keep(request.roles, safety_round.unit),
        }
        status = 400 if form.is_bound and form.errors else 200
        response = render(request, "workenv/round_row.html", context, status=status if status == 200 else 422)
        patch_vary_headers(response, ("HX-Request",))
        return response
    page = _context(request, safety_round, forms={question.pk: form})
    return render(request, "workenv/round.html", page, status=400)


@require_POST
def round_finding(request, region_slug, pk, answer_pk):
    """Turn a Nej into an action (due 30 days after the round, owned by the round's manager)
    or a risk in the round's risk assessment (made on first use); one click, edit after."""
    safety_round = _round(pk)
    require(request, Action.REPORT, safety_round.unit)
    answer = get_object_or_404(
        RoundAnswer.objects.select_related("question").filter(safety_round=safety_round), pk=answer_pk
    )
    choice = request.POST.get("choice")
    if choice not in rules_rounds.FINDING_CHOICES or answer.answer != RoundAnswer.NO:
        messages.error(request, _("Bara ett Nej kan bli en åtgärd eller en risk."))
        return redirect("we_round", region_slug, safety_round.pk)
    if answer.action_id or answer.risk_id:
        messages.info(request, _("Avvikelsen är redan omhändertagen."))
        return redirect("we_round", region_slug, safety_round.pk)
    text = rules_rounds.finding_what(answer.question.text, answer.comment)
    with transaction.atomic():
        if choice == "action":
            action = WorkAction.objects.create(
                unit=safety_round.unit,
                what=text,
                why=rules_rounds.finding_why(safety_round.performed_on, answer.question.text),
                source=WorkAction.ROUND,
                safety_round=safety_round,
                owner=safety_round.manager or request.user,
                deadline=rules_rounds.action_deadline(safety_round.performed_on),
            )
            answer.action = action
            answer.save()
            messages.success(request, _("Åtgärden är skapad i handlingsplanen. Ändra den vid behov."))
            return redirect("we_action_edit", region_slug, action.pk)
        assessment = RiskAssessment.objects.filter(safety_round=safety_round).first()
        if assessment is None:
            assessment = RiskAssessment.objects.create(
                unit=safety_round.unit,
                title=_("Skyddsrond %(date)s") % {"date": safety_round.performed_on.isoformat()},
                reason=RiskAssessment.ROUND,
                safety_round=safety_round,
                matrix=RiskMatrix.for_valuation(),
                assessed_on=timezone.localdate(),
            )
        number = (assessment.risks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        risk = WorkRisk.objects.create(assessment=assessment, number=number, hazard=text)
        answer.risk = risk
        answer.save()
    messages.success(request, _("Risken är tillagd i riskbedömningen. Värdera den där."))
    return redirect("we_assessment", region_slug, assessment.pk)
