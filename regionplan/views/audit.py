"""The audit trail: of one object (`object_history`), and of the whole region, filtered and
exported to xlsx (`audit_log`), for those who audit the whole region (administrators and
controllers)."""

from django.apps import apps
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook

from regionplan import xlsx
from regionplan.forms import AuditFilterForm
from regionplan.models import AuditEntry, Region
from regionplan.params import parse_int
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


LOG_PAGE = 200  # entries a page shows; "Äldre" continues below the last one
LOG_EXPORT_MAX = 100_000  # rows an export holds at most (the filters narrow it)


def filtered_entries(data: dict):
    """The region's audit entries matching the filter form's cleaned `data`, newest first."""
    entries = AuditEntry.objects.select_related("content_type", "actor")
    if data.get("vem"):
        who = data["vem"].strip()
        entries = entries.filter(
            Q(actor_label__icontains=who) | Q(actor__email__icontains=who) | Q(actor__full_name__icontains=who)
        )
    if data.get("typ"):
        app_label, model = data["typ"].split(".", 1)
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    if data.get("handelse"):
        entries = entries.filter(action=data["handelse"])
    if data.get("fran"):
        entries = entries.filter(at__date__gte=data["fran"])
    if data.get("till"):
        entries = entries.filter(at__date__lte=data["till"])
    return entries.order_by("-at", "-id")


def audit_log(request, region_slug):
    """The region's change log: filter by who, kind of object, what happened and days;
    newest first, LOG_PAGE at a time (`fore=<id>` continues below an entry); `?excel=1`
    exports the filtered entries (at most LOG_EXPORT_MAX)."""
    require(request, Action.AUDIT, WHOLE_REGION)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "regionplan/audit_log.html", {"form": form, "entries": []}, status=400)
    entries = filtered_entries(form.cleaned_data if form.is_bound else {})
    if request.GET.get("excel"):
        rows = entries[:LOG_EXPORT_MAX].iterator(chunk_size=2000)
        return xlsx.response(audit_export(rows), f"andringslogg-{request.region.slug}.xlsx")
    before = parse_int(request.GET.get("fore", ""))
    if before:
        entries = entries.filter(id__lt=before)
    page = with_names(entries[: LOG_PAGE + 1], "actor")
    query = request.GET.copy()
    query.pop("fore", None)
    query.pop("excel", None)
    context = {
        "form": form,
        "entries": page[:LOG_PAGE],
        "older": page[LOG_PAGE - 1].id if len(page) > LOG_PAGE else None,
        "query": query.urlencode(),
    }
    return render(request, "regionplan/audit_log.html", context)


def audit_export(entries) -> bytes:
    """The entries as one sheet: when, who, kind, object, what happened, the changes (a field
    a line: old → new)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx.sheet_names([gettext("Ändringslogg")])[0])
    titles = [gettext(t) for t in ("Tidpunkt", "Vem", "Typ", "Post", "Händelse", "Ändringar")]
    sheet.append(xlsx.header(sheet, titles))
    for e in entries:
        changes = "\n".join(
            f"{field}: {old if old is not None else '–'} → {new if new is not None else '–'}"
            for field, (old, new) in e.changes.items()
        )
        sheet.append(
            [
                xlsx.cell(sheet, timezone.localtime(e.at).replace(tzinfo=None), number_format="yyyy-mm-dd hh:mm"),
                xlsx.cell(sheet, e.actor.get_full_name() if e.actor else e.actor_label),
                xlsx.cell(sheet, str(e.content_type.name).capitalize()),
                xlsx.cell(sheet, e.object_repr),
                xlsx.cell(sheet, str(e.get_action_display())),
                xlsx.cell(sheet, changes, wrap=True),
            ]
        )
    return xlsx.to_bytes(book)
