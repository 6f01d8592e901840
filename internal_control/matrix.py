"""The region's risk matrix as internal control changes it.

The rules (which version a save writes, resizing, which valuations a smaller matrix loses)
are the core's, shared with SAM (regionplan/riskmatrix.py); what lives here is the part
that asks internal control's data: which analyses use a version, and moving the drafts to
the newest version when the matrix changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from internal_control.models import Risk, RiskAnalysis
from regionplan import riskmatrix
from regionplan.models import RiskMatrix

VALUATIONS = (
    ("gross_likelihood", "gross_impact"),
    ("net_likelihood", "net_impact"),
    ("target_likelihood", "target_impact"),
)


@dataclass(frozen=True)
class Usage:
    """How many analyses are valued on a version: all, and those adopted or closed (which
    lock the version: it is never edited again)."""

    total: int = 0
    locked: int = 0


def usage() -> dict[int, Usage]:
    """Each matrix version's use, by its id, in one query."""
    rows = RiskAnalysis.objects.values("matrix").annotate(
        total=Count("pk"), locked=Count("pk", filter=~Q(state=RiskAnalysis.DRAFT))
    )
    return {row["matrix"]: Usage(row["total"], row["locked"]) for row in rows}


def lost_valuation_q(rows: int, columns: int, prefix: str = "") -> Q:
    """Risks with a valuation (brutto, netto or target) that is not a cell of a rows ×
    columns matrix: the SQL twin of riskmatrix.lost_valuation."""
    found = Q(pk__in=[])
    for likelihood, impact in VALUATIONS:
        lk, im = f"{prefix}{likelihood}", f"{prefix}{impact}"
        valued = Q(**{f"{lk}__isnull": False, f"{im}__isnull": False})
        found |= valued & (~Q(**{f"{lk}__range": (1, rows)}) | ~Q(**{f"{im}__range": (1, columns)}))
    return found


@dataclass(frozen=True)
class Saved:
    """What a save did: the core's plan (action and version), the matrix that holds the
    definition now, how many draft analyses moved to it, and how many draft risks have a
    valuation outside it (they count as not valued until valued again)."""

    plan: riskmatrix.SavePlan
    matrix: RiskMatrix
    moved: int = 0
    revalue: int = 0


def save_matrix(definition: dict, base: int | None) -> Saved:
    """Save a valid definition as the region's matrix (riskmatrix.plan_save decides how) and
    move every draft analysis to the version that holds it.

    `base` is the id of the version the user's page showed (None: the default of a region
    without a matrix); unless it is still the newest, nothing is written and a Swedish
    ValidationError says so (someone saved in between, or the id is not one of ours)."""
    with transaction.atomic():
        newest = RiskMatrix.objects.select_for_update().order_by("-version").first()
        if base != (newest.pk if newest else None):
            raise ValidationError(
                _(
                    "Riskmatrisen har ändrats sedan sidan visades, eller versionen finns inte. "
                    "Läs in sidan igen och gör om ändringen."
                )
            )
        in_use = (
            newest is not None and RiskAnalysis.objects.filter(matrix=newest).exclude(state=RiskAnalysis.DRAFT).exists()
        )
        plan = riskmatrix.plan_save(
            newest.definition if newest else None, newest.version if newest else None, definition, in_use
        )
        if plan.action == riskmatrix.UNCHANGED:
            return Saved(plan, newest)
        if plan.action == riskmatrix.EDIT:
            matrix = newest
            matrix.definition = definition
            matrix.save()
        else:
            matrix = RiskMatrix.objects.create(version=plan.version, definition=definition)
        # Drafts are valued on the newest version; each move is its own audited save.
        drafts = list(
            RiskAnalysis.objects.filter(state=RiskAnalysis.DRAFT).exclude(matrix=matrix).select_related("unit")
        )
        for analysis in drafts:
            analysis.matrix = matrix
            analysis.save(update_fields=["matrix"])
        rows, columns = riskmatrix.size(definition)
        revalue = (
            Risk.objects.filter(analysis__state=RiskAnalysis.DRAFT, analysis__matrix=matrix)
            .filter(lost_valuation_q(rows, columns))
            .count()
        )
    return Saved(plan, matrix, len(drafts), revalue)
