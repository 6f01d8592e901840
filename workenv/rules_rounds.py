"""Rules of safety rounds (skyddsrond) as plain functions: progress, whether a round may be
finished, who may take part, and what a Nej becomes.

Decision: the skyddsombud may answer the round's questions (AFS 2023:1 wants employees and
skyddsombud to take part in the systematic work), but finishing the round, turning a Nej
into an action or a risk, and starting a round are the manager's (REPORT on the unit)."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from regionplan.models import Role
from regionplan.permissions import Action, _covers, has_permission

ANSWER_VALUES = ("ja", "nej", "ea")  # RoundAnswer.YES, NO, NOT_APPLICABLE
FINDING_CHOICES = ("action", "risk")
ACTION_DAYS = 30  # a finding's action is due this many days after the round by default


def may_take_part(roles, safety_round) -> bool:
    """Whether a user may answer a round's questions: REPORT on the unit, or the skyddsombud
    role on the unit (or above it with the subtree)."""
    unit = safety_round.unit
    if has_permission(roles, Action.REPORT, unit):
        return True
    return any(a.role == Role.SAFETY_REP and _covers(a, unit) for a in roles)


def progress(answered: int, total: int) -> str:
    """The progress line, "12 av 14 besvarade"."""
    return _("%(answered)s av %(total)s besvarade") % {"answered": answered, "total": total}


def unanswered(question_ids, answered_ids) -> list:
    """The questions (in their order) not yet answered."""
    done = set(answered_ids)
    return [q for q in question_ids if q not in done]


def can_finish(total: int, answered: int, completed: bool) -> bool:
    """A round can be finished when it has questions, all are answered, and it is not done."""
    return total > 0 and answered >= total and not completed


def clean_answer(value: str) -> str:
    """The answer value, or ValueError with a Swedish message when outside Ja/Nej/Ej aktuellt."""
    value = (value or "").strip().lower()
    if value not in ANSWER_VALUES:
        raise ValueError(_("Svaret måste vara Ja, Nej eller Ej aktuellt."))
    return value


def round_date_error(performed_on: date, today: date) -> str | None:
    """A round's date may not be in the future."""
    if performed_on > today:
        return _("Datumet får inte ligga i framtiden.")
    return None


def action_deadline(performed_on: date) -> date:
    """A finding's action's default deadline."""
    return performed_on + timedelta(days=ACTION_DAYS)


def finding_why(performed_on: date, question_text: str) -> str:
    """The 'why' of an action made from a finding."""
    return _("Skyddsrond %(date)s: %(question)s") % {"date": performed_on.isoformat(), "question": question_text}


def finding_what(question_text: str, comment: str) -> str:
    """The 'what' of an action or hazard made from a finding: the question and its comment."""
    return f"{question_text} – {comment}" if comment.strip() else question_text
