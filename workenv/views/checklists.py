"""The region's safety-round checklists: the list, the defaults, a checklist's page (its
questions by area, editable), import from and export to xlsx.

Who: everyone with a role reads; controllers over the whole region (PLAN on WHOLE_REGION) edit."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, RestrictedError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import xlsx
from regionplan.forms import UploadForm
from regionplan.params import parse_int
from regionplan.permissions import WHOLE_REGION, Action, has_permission, require
from regionplan.tabular import ImportOutcome
from regionplan.views.common import form_data, form_files, form_status
from workenv import excel_checklists
from workenv.defaults import create_default_checklists
from workenv.forms_rounds import ChecklistForm, QuestionForm
from workenv.models import Checklist, ChecklistQuestion


def _may_edit(request) -> bool:
    return has_permission(request.roles, Action.PLAN, WHOLE_REGION)


def checklists(request, region_slug):
    """The list; a controller adds a checklist here."""
    require(request, Action.VIEW)
    may_edit = _may_edit(request)
    form = None
    if may_edit:
        form = ChecklistForm(form_data(request), prefix="new")
        if request.method == "POST" and form.is_valid():
            checklist = form.save()
            messages.success(request, _("Checklistan är skapad."))
            return redirect("we_checklist", region_slug, checklist.pk)
    elif request.method == "POST":
        require(request, Action.PLAN, WHOLE_REGION)
    rows = Checklist.objects.annotate(n=Count("questions")).order_by("name")
    context = {"checklists": rows, "form": form, "may_edit": may_edit}
    return render(request, "workenv/checklists.html", context, status=form_status(request, form))


@require_POST
def checklist_defaults(request, region_slug):
    """Create the default checklists the region lacks; idempotent."""
    require(request, Action.PLAN, WHOLE_REGION)
    made = create_default_checklists(request.region)
    messages.success(request, _("%(n)s standardchecklistor skapades.") % {"n": made})
    return redirect("we_checklists", region_slug)


def checklist(request, region_slug, pk):
    """A checklist's questions by area. POST (controllers): `form=checklist` saves name and
    active, `form=question` adds or (with `question`) edits a question, `delete` removes an
    unused question. `?excel=1` exports it."""
    require(request, Action.VIEW)
    item = get_object_or_404(Checklist.objects.all(), pk=pk)
    if request.GET.get("excel"):
        return xlsx.response(excel_checklists.export(item), f"checklista-{item.pk}.xlsx")
    may_edit = _may_edit(request)
    head_form = question_form = None
    if may_edit:
        which = request.POST.get("form") if request.method == "POST" else None
        head_form = ChecklistForm(request.POST if which == "checklist" else None, instance=item)
        editing = None
        if request.POST.get("question"):
            editing = get_object_or_404(
                ChecklistQuestion.objects.filter(checklist=item), pk=parse_int(request.POST["question"])
            )
        question_form = QuestionForm(request.POST if which == "question" else None, instance=editing, prefix="q")
        if which == "checklist" and head_form.is_valid():
            head_form.save()
            messages.success(request, _("Checklistan är sparad."))
            return redirect("we_checklist", region_slug, item.pk)
        if which == "question" and question_form.is_valid():
            question = question_form.save(commit=False)
            question.checklist = item
            question.save()
            messages.success(request, _("Frågan är sparad."))
            return redirect("we_checklist", region_slug, item.pk)
        if which == "delete":
            question = get_object_or_404(
                ChecklistQuestion.objects.filter(checklist=item), pk=parse_int(request.POST.get("question"))
            )
            try:
                question.delete()
                messages.success(request, _("Frågan är borttagen."))
            except RestrictedError:
                messages.error(request, _("Frågan är besvarad i en skyddsrond och kan inte tas bort."))
            return redirect("we_checklist", region_slug, item.pk)
    elif request.method == "POST":
        require(request, Action.PLAN, WHOLE_REGION)
    areas: dict[str, list] = {}
    for q in ChecklistQuestion.objects.filter(checklist=item).order_by("order", "pk"):
        areas.setdefault(q.area, []).append(q)
    context = {
        "checklist": item,
        "areas": list(areas.items()),
        "may_edit": may_edit,
        "head_form": head_form,
        "question_form": question_form,
        "import_form": UploadForm() if may_edit else None,
    }
    return render(request, "workenv/checklist.html", context, status=form_status(request, head_form, question_form))


@require_POST
def checklist_import(request, region_slug, pk):
    """Replace the checklist's questions from an xlsx; a bad file is refused whole (400)."""
    require(request, Action.PLAN, WHOLE_REGION)
    item = get_object_or_404(Checklist.objects.all(), pk=pk)
    form = UploadForm(request.POST, form_files(request))
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        count, errors = excel_checklists.import_questions(item, upload, upload.name)
        if not errors:
            messages.success(request, _("%(n)s frågor importerades.") % {"n": count})
            return redirect("we_checklist", region_slug, item.pk)
    context = {"checklist": item, "import_form": form, "result": ImportOutcome(errors=errors) if errors else None}
    return render(request, "workenv/checklist_import.html", context, status=400)
