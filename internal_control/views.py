"""Internal control's pages: the region's risk categories (controllers of the whole region)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from internal_control.forms import RiskCategoryForm
from internal_control.models import STANDARD_CATEGORIES, RiskCategory
from internal_control.rules import missing_standard
from regionplan.permissions import WHOLE_REGION, Action, require
from regionplan.views.common import form_data, form_status


def _next_order(orders) -> int:
    """The order that puts a new category last."""
    return max(orders, default=-1) + 1


def categories(request, region_slug):
    """The list, and a new category (POST); the list is read once for the table, the
    missing standard names and the new one's place."""
    require(request, Action.PLAN, WHOLE_REGION)
    existing = list(RiskCategory.objects.all())
    form = RiskCategoryForm(form_data(request), prefix="ny", initial={"order": _next_order(c.order for c in existing)})
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Riskkategorin ”%(name)s” är tillagd.") % {"name": form.instance.name})
        return redirect("risk_categories", region_slug=region_slug)
    context = {
        "categories": existing,
        "form": form,
        "missing": missing_standard([c.name for c in existing], STANDARD_CATEGORIES),
    }
    return render(request, "internal_control/categories.html", context, status=form_status(request, form))


def category_edit(request, region_slug, pk):
    require(request, Action.PLAN, WHOLE_REGION)
    category = get_object_or_404(RiskCategory.objects.all(), pk=pk)
    form = RiskCategoryForm(form_data(request), instance=category)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Riskkategorin ”%(name)s” är sparad.") % {"name": category.name})
        return redirect("risk_categories", region_slug=region_slug)
    return render(
        request,
        "internal_control/category_form.html",
        {"form": form, "category": category},
        status=form_status(request, form),
    )


@require_POST
def category_delete(request, region_slug, pk):
    """Remove a category (nothing refers to one yet; later, used ones are marked inactive instead)."""
    require(request, Action.PLAN, WHOLE_REGION)
    category = get_object_or_404(RiskCategory.objects.all(), pk=pk)
    category.delete()
    messages.success(request, _("Riskkategorin ”%(name)s” är borttagen.") % {"name": category.name})
    return redirect("risk_categories", region_slug=region_slug)


@require_POST
def category_defaults(request, region_slug):
    """Add the standard categories the region lacks."""
    require(request, Action.PLAN, WHOLE_REGION)
    with transaction.atomic():
        missing = missing_standard(list(RiskCategory.objects.values_list("name", flat=True)), STANDARD_CATEGORIES)
        start = _next_order(RiskCategory.objects.values_list("order", flat=True))
        for offset, (name, text) in enumerate(missing):
            RiskCategory.objects.create(name=name, description=text, order=start + offset)
    if missing:
        messages.success(
            request,
            ngettext("%(n)s standardkategori är tillagd.", "%(n)s standardkategorier är tillagda.", len(missing))
            % {"n": len(missing)},
        )
    else:
        messages.info(request, _("Regionen har redan alla standardkategorier."))
    return redirect("risk_categories", region_slug=region_slug)
