"""What changes a unit's risk analysis and internal-control plan: creating it, numbering and
lifting risks, adopting, closing and reopening, copying to next year, and loading the page.

Every write goes through save() so the audit trail has it; every function runs inside the
caller's region scope and transaction (the request is one)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from followup import entry
from goals.models import PlanItem
from internal_control import rules
from internal_control.models import ActionUpdate, Control, ControlResult, Risk, RiskAction, RiskAnalysis
from regionplan import riskmatrix
from regionplan.models import OrgUnit, RiskMatrix
from regionplan.models.organisation import path_ids


def ensure_analysis(unit: OrgUnit, year: int) -> RiskAnalysis:
    """The unit's analysis of the year, created as a draft on the region's newest matrix."""
    analysis = RiskAnalysis.objects.filter(unit=unit, year=year).first()
    if analysis is None:
        analysis = RiskAnalysis.objects.create(unit=unit, year=year, matrix=RiskMatrix.for_valuation())
    return analysis


def next_number(analysis: RiskAnalysis) -> int:
    """The number a new risk gets: one after the highest in the analysis."""
    return (Risk.objects.filter(analysis=analysis).aggregate(top=Max("number"))["top"] or 0) + 1


def refuse_if_locked(analysis: RiskAnalysis) -> None:
    """Risks, valuations and controls change only in a draft."""
    if analysis.locked:
        raise ValidationError(
            _(
                "Riskanalysen för %(unit)s %(year)s är %(state)s: risker, värderingar och kontrollmoment "
                "kan inte ändras. En controller för hela regionen kan göra den till utkast igen."
            )
            % {"unit": analysis.unit.name, "year": analysis.year, "state": analysis.get_state_display().lower()}
        )


# --- states ---------------------------------------------------------------------------------


def adopt(analysis: RiskAnalysis, adopted_on, decision_ref: str, diary_number: str) -> None:
    """Draft → adopted, with the decision; the risks chosen for the plan must have controls."""
    if analysis.state != RiskAnalysis.DRAFT:
        raise ValidationError(_("Bara ett utkast kan fastställas."))
    without = list(
        Risk.objects.filter(analysis=analysis, in_plan=True, controls__isnull=True).values_list("number", flat=True)
    )
    if without:
        raise ValidationError(
            _("Risk %(numbers)s är vald till internkontrollplanen men har inget kontrollmoment.")
            % {"numbers": ", ".join(str(n) for n in sorted(without))}
        )
    analysis.state = RiskAnalysis.ADOPTED
    analysis.adopted_on = adopted_on
    analysis.decision_ref = decision_ref
    analysis.diary_number = diary_number
    analysis.save()


def close(analysis: RiskAnalysis) -> None:
    if analysis.state != RiskAnalysis.ADOPTED:
        raise ValidationError(_("Bara en fastställd riskanalys kan stängas."))
    analysis.state = RiskAnalysis.CLOSED
    analysis.save()


def reopen(analysis: RiskAnalysis) -> None:
    """Back to draft (undoes a decision: whole-region controllers only, checked by the view).
    A draft is valued on the region's newest matrix, so it moves to it."""
    if analysis.state == RiskAnalysis.DRAFT:
        raise ValidationError(_("Riskanalysen är redan ett utkast."))
    analysis.state = RiskAnalysis.DRAFT
    analysis.matrix = RiskMatrix.for_valuation()
    analysis.save()


# --- lifting and copying ----------------------------------------------------------------------


def lift(risk: Risk) -> Risk:
    """Lift a unit's risk to its parent unit's analysis of the same year: a new risk there,
    marked as lifted from this one, for the parent to value and decide on. The parent's
    analysis is created as a draft if it has none; an adopted one is refused."""
    analysis = risk.analysis
    parent = analysis.unit.parent
    if parent is None:
        raise ValidationError(_("Regionens översta enhet har ingen enhet ovanför att lyfta risken till."))
    if Risk.objects.filter(lifted_from=risk).exists():
        raise ValidationError(_("Risken är redan lyft till %(unit)s.") % {"unit": parent.name})
    target = ensure_analysis(parent, analysis.year)
    if target.locked:
        raise ValidationError(
            _("%(unit)s har redan fastställt sin riskanalys för %(year)s; ta upp risken med enhetens controller.")
            % {"unit": parent.name, "year": analysis.year}
        )
    lifted = Risk(
        analysis=target,
        number=next_number(target),
        name=risk.name,
        description=risk.description,
        category=risk.category,
        existing_measures=risk.existing_measures,
        governing_documents=risk.governing_documents,
        consequence=risk.consequence,
        lifted_from=risk,
        change=Risk.NEW,
    )
    _copy_values(risk, lifted, analysis.matrix.definition, target.matrix.definition)
    lifted.save()
    lifted.impacts.set(risk.impacts.all())
    lifted.threatens.set(risk.threatens.all())
    return lifted


VALUED_PAIRS = (
    ("gross_likelihood", "gross_impact"),
    ("net_likelihood", "net_impact"),
    ("target_likelihood", "target_impact"),
)


def _copy_values(source: Risk, copy: Risk, old_definition: dict, new_definition: dict) -> int:
    """Carry the valuations to a copy on another matrix; a value that is not a cell of the new
    matrix (it is smaller) is left out rather than guessed. Returns how many were left out."""
    dropped = 0
    for likelihood, impact in VALUED_PAIRS:
        lk, im = getattr(source, likelihood), getattr(source, impact)
        if lk is None or im is None:
            continue
        if riskmatrix.in_matrix(new_definition, lk, im):
            setattr(copy, likelihood, lk)
            setattr(copy, impact, im)
        else:
            dropped += 1
    return dropped


@dataclass
class CopyReport:
    analysis: RiskAnalysis
    risks: int = 0
    controls: int = 0
    ended: int = 0
    revalue: int = 0


def copy_to_next_year(analysis: RiskAnalysis) -> CopyReport:
    """Carry an analysis to next year: its risks (not those marked Avslutad) with their
    valuations, impact areas and the plan items they threaten as next year's copies of them,
    and their controls, not the results or actions. Each copy is marked Kvarstår until the
    unit says Ändrad or Avslutad. Next year's analysis must be empty."""
    year = analysis.year + 1
    target = ensure_analysis(analysis.unit, year)
    if target.locked or Risk.objects.filter(analysis=target).exists():
        raise ValidationError(
            _("%(unit)s har redan en riskanalys med risker för %(year)s; inget kopierades.")
            % {"unit": analysis.unit.name, "year": year}
        )
    risks = list(
        Risk.objects.filter(analysis=analysis)
        .exclude(change=Risk.ENDED)
        .prefetch_related("impacts", "threatens", "controls")
        .order_by("number")
    )
    # Next year's copy of each item a risk threatens (goals' "Kopiera till nästa år" links them).
    threatened = {item.pk for risk in risks for item in risk.threatens.all()}
    next_items: dict[int, list] = {}
    for item in PlanItem.objects.filter(copied_from__in=threatened, plan__year=year):
        next_items.setdefault(item.copied_from_id, []).append(item)
    report = CopyReport(target, ended=Risk.objects.filter(analysis=analysis, change=Risk.ENDED).count())
    for risk in risks:
        copy = Risk(
            analysis=target,
            number=risk.number,
            name=risk.name,
            description=risk.description,
            category=risk.category,
            existing_measures=risk.existing_measures,
            governing_documents=risk.governing_documents,
            consequence=risk.consequence,
            owner=risk.owner,
            in_plan=risk.in_plan,
            copied_from=risk,
            change=Risk.KEPT,
        )
        report.revalue += _copy_values(risk, copy, analysis.matrix.definition, target.matrix.definition)
        copy.save()
        copy.impacts.set(risk.impacts.all())
        copy.threatens.set([new for item in risk.threatens.all() for new in next_items.get(item.pk, [])])
        for control in risk.controls.all():
            Control.objects.create(
                risk=copy,
                what=control.what,
                method=control.method,
                sample=control.sample,
                frequency=control.frequency,
                due_on=control.due_on.replace(year=year) if control.due_on else None,
                responsible=control.responsible,
                unit=control.unit,
                order=control.order,
            )
            report.controls += 1
        report.risks += 1
    return report


# --- reading the page -------------------------------------------------------------------------


@dataclass
class RiskRow:
    """A risk as the analysis page shows it: its cells in words and status."""

    risk: Risk
    gross: str
    gross_label: str
    net: str
    net_label: str
    target_label: str
    overdue_actions: int = 0


@dataclass
class AnalysisView:
    """What the analysis page shows: the unit's own risks, those of the units above it
    (read-only), the plan's controls, the open actions and the heat map counts."""

    unit: OrgUnit
    year: int
    analysis: RiskAnalysis | None
    matrix: RiskMatrix
    rows: list[RiskRow] = field(default_factory=list)
    inherited: list[tuple[RiskAnalysis, list[RiskRow]]] = field(default_factory=list)
    below: list[RiskAnalysis] = field(default_factory=list)
    actions: list[RiskAction] = field(default_factory=list)

    @property
    def plan_rows(self) -> list[RiskRow]:
        return [row for row in self.rows if row.risk.in_plan]

    def counts(self, which: str):
        """How many of the unit's risks lie in each cell, brutto or netto (Avslutad left out)."""
        return riskmatrix.counts(
            (getattr(row.risk, f"{which}_likelihood"), getattr(row.risk, f"{which}_impact"))
            for row in self.rows
            if row.risk.change != Risk.ENDED
        )

    def heat(self, which: str) -> list:
        """The heat map's rows (brutto or netto), highest likelihood first, with level names."""
        return riskmatrix.heat_rows(self.matrix.definition, self.counts(which))


def risk_row(risk: Risk, definition: dict, today=None) -> RiskRow:
    def pair(prefix):
        lk, im = getattr(risk, f"{prefix}_likelihood"), getattr(risk, f"{prefix}_impact")
        return riskmatrix.cell_status(definition, lk, im), riskmatrix.cell_label(definition, lk, im)

    gross, gross_label = pair("gross")
    net, net_label = pair("net")
    _target, target_label = pair("target")
    overdue = 0
    if today is not None:
        overdue = sum(rules.action_overdue(a.status, a.deadline, today) for a in risk.actions.all())
    return RiskRow(risk, gross, gross_label, net, net_label, target_label, overdue)


def _risks(analyses):
    return (
        Risk.objects.filter(analysis__in=analyses)
        .select_related("category", "owner", "lifted_from__analysis__unit")
        .prefetch_related(
            "impacts",
            Prefetch("controls", queryset=Control.objects.select_related("unit", "responsible")),
            Prefetch("actions", queryset=RiskAction.objects.select_related("owner")),
            Prefetch("lifted_to", queryset=Risk.objects.select_related("analysis__unit")),
        )
        .order_by("analysis__unit__path", "number")
    )


def load_analysis(unit: OrgUnit, year: int, readable, today) -> AnalysisView:
    """The page's data in a fixed number of queries: the unit's analysis, those of the units
    above it that the user may read (`readable`, a queryset of analyses), the analyses
    below it, every risk with its category, impact areas, controls and actions."""
    ancestors = path_ids(unit.path)
    analyses = list(
        readable.filter(year=year, unit__in=ancestors).select_related("unit", "matrix").order_by("unit__path")
    )
    own = next((a for a in analyses if a.unit_id == unit.pk), None)
    view = AnalysisView(unit, year, own, own.matrix if own else RiskMatrix.current())
    by_analysis: dict[int, list[RiskRow]] = {}
    for risk in _risks(analyses):
        analysis = next(a for a in analyses if a.pk == risk.analysis_id)
        risk.analysis = analysis
        by_analysis.setdefault(analysis.pk, []).append(risk_row(risk, analysis.matrix.definition, today))
    view.rows = by_analysis.get(own.pk, []) if own else []
    view.inherited = [(a, by_analysis.get(a.pk, [])) for a in analyses if a is not own]
    view.below = list(
        readable.filter(year=year, unit__path__startswith=unit.path)
        .exclude(unit=unit)
        .select_related("unit")
        .order_by("unit__path")
    )
    view.actions = [action for row in view.rows for action in row.risk.actions.all() if action.status != "done"]
    view.actions.sort(key=lambda a: (a.deadline is None, a.deadline))
    return view


# --- results and actions ------------------------------------------------------------------------


Conflict = entry.Conflict  # someone else saved the row since its form was read


def refuse_if_closed(row) -> None:
    if not row.open:
        raise ValidationError(
            _("Sista rapportdag för %(period)s har passerat. Be en controller att öppna igen.") % {"period": row.period}
        )


@transaction.atomic
def save_result(row, data: dict, user) -> ControlResult:
    """Save a control's result for its occurrence (and the action a finding needs). `version`
    is the result's version the form was read at: a newer one means someone else saved in
    between, and nothing is written (Conflict)."""
    refuse_if_closed(row)
    control, occurrence = row.control, row.occurrence
    result = ControlResult.objects.select_for_update().filter(
        control=control, occurrence=occurrence.code
    ).first() or ControlResult(control=control, occurrence=occurrence.code, due_on=occurrence.due)
    if result.pk and result.version != data["version"]:
        raise Conflict(result)
    for name in ("outcome", "performed_on", "checked", "findings"):
        setattr(result, name, data.get(name) or ("" if name != "performed_on" else None))
    result.version += 1
    result.updated_by = user
    try:
        with transaction.atomic():  # two first saves of the same occurrence race on the insert
            result.save()
    except IntegrityError:
        raise Conflict(ControlResult.objects.get(control=control, occurrence=occurrence.code)) from None
    if (data.get("action_what") or "").strip():
        RiskAction.objects.create(
            risk=control.risk,
            result=result,
            what=data["action_what"].strip(),
            owner=data.get("action_owner"),
            owner_label=(data.get("action_owner_label") or "").strip(),
            deadline=data.get("action_deadline"),
            status=RiskAction.PLANNED,
        )
    return result


@transaction.atomic
def save_action_followup(row, data: dict) -> ActionUpdate:
    """Save an action's follow-up in the period and its status. `seen` is when the period's
    follow-up was last saved as the form read it; a newer save is a Conflict."""
    refuse_if_closed(row)
    action = RiskAction.objects.select_for_update().get(pk=row.action.pk)
    update = ActionUpdate.objects.filter(action=action, period=row.period).first()
    if update is not None and update.updated_at.isoformat() != (data.get("seen") or ""):
        raise Conflict(update)
    update = update or ActionUpdate(action=action, period=row.period)
    update.status = data["status"]
    update.comment = data.get("comment", "")
    update.save()
    action.status = data["status"]
    action.done_on = data.get("done_on")
    action.save()
    row.action = action
    return update
