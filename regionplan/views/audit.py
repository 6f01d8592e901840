"""The audit trail of one object, for administrators and controllers."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render

from regionplan.models import AuditEntry, Region
from regionplan.people import with_names
from regionplan.permissions import WHOLE_REGION, Action, require
from regionplan.tenancy import TenantModel


def object_history(request, region_slug, model, pk):
    """History of any tenant object: `model` is "app_label.modelname"."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if model_class is Region:
        # The region's own settings: only the current region, never another one.
        if pk != request.region.pk:
            raise Http404
        obj = request.region
    elif not issubclass(model_class, TenantModel) or not model_class.audited:
        raise Http404
    else:
        obj = model_class.objects.filter(pk=pk).first()
    entries = AuditEntry.objects.filter(
        content_type__app_label=model_class._meta.app_label,
        content_type__model=model_class._meta.model_name,
        object_id=pk,
    ).select_related("actor")
    if obj is None:
        # A deleted object's trail outlives it; with no unit left to judge by, only
        # those who audit the whole region may read it.
        last = entries.first()
        if last is None:
            raise Http404
        require(request, Action.AUDIT, WHOLE_REGION)
        label, deleted = last.object_repr, True
    else:
        # An object tied to a unit needs the right on that unit; others on the whole region.
        unit = obj.scope_unit() if isinstance(obj, TenantModel) else None
        require(request, Action.AUDIT, unit if unit is not None else WHOLE_REGION)
        label, deleted = str(obj), False
    return render(
        request,
        "regionplan/object_history.html",
        {
            "object_label": label,
            "deleted": deleted,
            "entries": with_names(entries, "actor"),
            "model_name": model_class._meta.verbose_name,
        },
    )
