"""The audit trail of one object, for administrators and controllers."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from regionplan.models import AuditEntry, Region
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
    elif not issubclass(model_class, TenantModel) or model_class is AuditEntry:
        raise Http404
    else:
        obj = get_object_or_404(model_class.objects.all(), pk=pk)
    # An object tied to a unit needs the right on that unit; others on the whole region.
    scope_unit = obj.scope_unit() if hasattr(obj, "scope_unit") else WHOLE_REGION
    require(request, Action.AUDIT, scope_unit)
    entries = AuditEntry.objects.filter(content_type__app_label=model_class._meta.app_label,
                                        content_type__model=model_class._meta.model_name, object_id=obj.pk).select_related("actor")
    return render(request, "regionplan/object_history.html", {"object": obj, "entries": entries, "model_name": model_class._meta.verbose_name})
