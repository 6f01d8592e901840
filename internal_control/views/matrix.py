"""Internal control's pages: the region's risk matrix (controllers of the whole region).

One form holds the size, the levels' names and descriptions and each cell's status.
Changing the size is a step of its own without JavaScript ("Ändra storlek" shows the form
again at the new size, see riskmatrix.resize); saving follows the versioning rule of
riskmatrix.plan_save through internal_control.matrix.save_matrix.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from internal_control import matrix as matrix_service
from internal_control.forms import RiskMatrixForm
from regionplan import riskmatrix
from regionplan.models import RiskMatrix
from regionplan.permissions import WHOLE_REGION, Action, require
from regionplan.views.common import invalid_status


def _saved_message(saved: matrix_service.Saved, previous: int | None) -> str:
    """What a save did, in Swedish: which version holds the matrix, the drafts moved to it
    and the draft risks that must be valued again."""
    plan = saved.plan
    if plan.action == riskmatrix.NEW_VERSION:
        parts = [
            _(
                "Riskmatrisen är sparad som version %(v)s. Fastställda och stängda riskanalyser behåller "
                "version %(old)s."
            )
            % {"v": plan.version, "old": previous}
        ]
    elif plan.action == riskmatrix.CREATE:
        parts = [_("Riskmatrisen är sparad som version %(v)s.") % {"v": plan.version}]
    else:
        parts = [_("Riskmatrisen version %(v)s är sparad.") % {"v": plan.version}]
    if saved.moved:
        parts.append(
            ngettext(
                "%(n)s riskanalys i utkast använder nu version %(v)s.",
                "%(n)s riskanalyser i utkast använder nu version %(v)s.",
                saved.moved,
            )
            % {"n": saved.moved, "v": plan.version}
        )
    if saved.revalue:
        parts.append(
            ngettext(
                "%(n)s risk i utkast har en värdering utanför den nya matrisen och behöver värderas om.",
                "%(n)s risker i utkast har en värdering utanför den nya matrisen och behöver värderas om.",
                saved.revalue,
            )
            % {"n": saved.revalue}
        )
    return " ".join(parts)


def risk_matrix(request, region_slug):
    """The matrix form with the version history. Reading never writes: a region without a
    matrix is shown the default 4×4, which a save writes as version 1."""
    require(request, Action.PLAN, WHOLE_REGION)
    versions = list(RiskMatrix.objects.all())  # newest first; the first is what current() returns
    current = versions[0] if versions else RiskMatrix()
    status, note = 200, ""
    if request.method != "POST":
        form = RiskMatrixForm(definition=current.definition, base=current.pk)
    else:
        form = RiskMatrixForm(request.POST, definition=current.definition)
        wanted = form.wanted_size()
        resizing = request.POST.get("step") == "size" or (wanted is not None and wanted != form.shape)
        if resizing and wanted is not None and not form.forged_shape:
            proposed = riskmatrix.resize(form.sent_definition(), *wanted)
            form = RiskMatrixForm(definition=proposed, base=request.POST.get("base", ""))
            note = _(
                "Matrisen visas som %(l)s × %(i)s. Inget är sparat ännu: kontrollera namnen och färgerna och spara."
            ) % {"l": wanted[0], "i": wanted[1]}
        elif form.is_valid():
            try:
                saved = matrix_service.save_matrix(form.definition(), form.cleaned_data["base"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if saved.plan.action == riskmatrix.UNCHANGED:
                    messages.info(request, _("Riskmatrisen är oförändrad: inget är sparat."))
                else:
                    messages.success(request, _saved_message(saved, current.version if current.pk else None))
                return redirect("risk_matrix", region_slug=region_slug)
        if form.is_bound:
            form.is_valid()  # its errors, for the page
            status = invalid_status(request)
    used = matrix_service.usage()
    history = [{"matrix": m, "size": m.size, "usage": used.get(m.pk, matrix_service.Usage())} for m in versions]
    in_use = bool(current.pk) and used.get(current.pk, matrix_service.Usage()).locked > 0
    context = {
        "form": form,
        "note": note,
        "current": current,
        "in_use": in_use,
        "history": history,
        "statuses": riskmatrix.CELL_STATUSES,
    }
    return render(request, "internal_control/risk_matrix.html", context, status=status)
