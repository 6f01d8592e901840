"""Internal control's pages: the region's lists (risk categories, the "Huvudpåverkan på"
impact areas), kept by controllers of the whole region.

Both lists work the same way (list and add, edit, delete, add the standard entries the
region lacks), so the flow is written once (`RegionList`) and each list is an instance
of it with its model, form, URL names and texts. An entry that a risk uses is never
deleted: it is marked inactive, so the analyses that use it keep it while new risks are
not offered it (the risk form offers `Model.objects.filter(active=True)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from internal_control.forms import ImpactAreaForm, RiskCategoryForm
from internal_control.models import STANDARD_CATEGORIES, STANDARD_IMPACT_AREAS, ImpactArea, Risk, RiskCategory
from internal_control.rules import missing_standard, next_order
from regionplan.permissions import WHOLE_REGION, Action, require
from regionplan.views.common import form_data, form_status


@dataclass(frozen=True)
class ListTexts:
    """What a list's pages say, in Swedish (lazy: translated when shown). Messages take
    %(name)s, counts %(n)s."""

    title: Promise
    intro: Promise
    caption: Promise
    empty: Promise
    new: Promise
    edit_title: Promise  # %(name)s
    added: Promise
    saved: Promise
    deleted: Promise
    deactivated: Promise  # %(name)s, %(n)s risks use it
    already_inactive: Promise
    missing: Promise  # ngettext, %(n)s
    defaults_button: Promise
    defaults_added: Promise  # ngettext, %(n)s
    defaults_none: Promise


@dataclass(frozen=True)
class RegionList:
    """One of the region's lists and its four pages. `risk_link` is the Risk field that
    uses an entry (a foreign key or a many-to-many); `standard` the (name, text) pairs a new
    region starts from (the text goes to `description` when the list has one)."""

    model: type
    form: type
    risk_link: str
    standard: list
    names: dict  # "list", "edit", "delete", "defaults" → URL name
    texts: ListTexts

    @property
    def has_description(self) -> bool:
        return "description" in self.form._meta.fields

    def _uses(self) -> dict[int, int]:
        """How many risks use each entry, in one query."""
        rows = (
            Risk.objects.filter(**{f"{self.risk_link}__isnull": False})
            .values(self.risk_link)
            .annotate(n=Count("pk", distinct=True))
        )
        return {row[self.risk_link]: row["n"] for row in rows}

    def _context(self, **extra) -> dict:
        return {"texts": self.texts, "names": self.names, "has_description": self.has_description, **extra}

    def list_view(self, request, region_slug):
        """The list, and a new entry (POST); the list is read once for the table, the
        missing standard names and the new one's place."""
        require(request, Action.PLAN, WHOLE_REGION)
        existing = list(self.model.objects.all())
        form = self.form(form_data(request), prefix="ny", initial={"order": next_order(e.order for e in existing)})
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, self.texts.added % {"name": form.instance.name})
            return redirect(self.names["list"], region_slug=region_slug)
        uses = self._uses()
        missing = missing_standard([e.name for e in existing], self.standard)
        context = self._context(
            entries=[(entry, uses.get(entry.pk, 0)) for entry in existing],
            form=form,
            missing=missing,
            missing_text=self.texts.missing % {"n": len(missing)},
        )
        return render(request, "internal_control/region_list.html", context, status=form_status(request, form))

    def edit_view(self, request, region_slug, pk):
        require(request, Action.PLAN, WHOLE_REGION)
        entry = get_object_or_404(self.model.objects.all(), pk=pk)
        heading = self.texts.edit_title % {"name": entry.name}  # before the form changes the instance
        form = self.form(form_data(request), instance=entry)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, self.texts.saved % {"name": entry.name})
            return redirect(self.names["list"], region_slug=region_slug)
        context = self._context(
            form=form,
            entry=entry,
            heading=heading,
            model_label=self.model._meta.label_lower,
        )
        return render(request, "internal_control/region_list_form.html", context, status=form_status(request, form))

    def delete_view(self, request, region_slug, pk):
        """GET: what deleting will do (the confirmation step). POST: delete an unused entry;
        one that risks use is marked inactive instead, so their analyses keep it."""
        require(request, Action.PLAN, WHOLE_REGION)
        entry = get_object_or_404(self.model.objects.all(), pk=pk)
        if request.method != "POST":
            uses = Risk.objects.filter(**{self.risk_link: entry}).count()
            return render(request, "internal_control/region_list_delete.html", self._context(entry=entry, uses=uses))
        with transaction.atomic():
            uses = Risk.objects.filter(**{self.risk_link: entry}).count()
            if not uses:
                entry.delete()
                messages.success(request, self.texts.deleted % {"name": entry.name})
            elif entry.active:
                entry.active = False
                entry.save()
                messages.success(request, self.texts.deactivated % {"name": entry.name, "n": uses})
            else:
                messages.info(request, self.texts.already_inactive % {"name": entry.name, "n": uses})
        return redirect(self.names["list"], region_slug=region_slug)

    def defaults_view(self, request, region_slug):
        """Add the standard entries the region lacks, after its own."""
        require(request, Action.PLAN, WHOLE_REGION)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        with transaction.atomic():
            missing = missing_standard(list(self.model.objects.values_list("name", flat=True)), self.standard)
            start = next_order(self.model.objects.values_list("order", flat=True))
            for offset, (name, text) in enumerate(missing):
                fields = {"name": name, "order": start + offset}
                if self.has_description:
                    fields["description"] = text
                self.model.objects.create(**fields)
        if missing:
            messages.success(request, self.texts.defaults_added % {"n": len(missing)})
        else:
            messages.info(request, self.texts.defaults_none)
        return redirect(self.names["list"], region_slug=region_slug)


CATEGORIES = RegionList(
    model=RiskCategory,
    form=RiskCategoryForm,
    risk_link="category",
    standard=STANDARD_CATEGORIES,
    names={
        "list": "risk_categories",
        "edit": "risk_category_edit",
        "delete": "risk_category_delete",
        "defaults": "risk_category_defaults",
    },
    texts=ListTexts(
        title=_("Riskkategorier"),
        intro=_(
            "Kategorierna som enheternas riskanalyser väljer bland i den interna kontrollen. En kategori som "
            "inte längre används kan markeras så, och gamla analyser behåller den."
        ),
        caption=_("Regionens riskkategorier"),
        empty=_("Regionen har inga riskkategorier ännu."),
        new=_("Ny riskkategori"),
        edit_title=_("Ändra riskkategorin %(name)s"),
        added=_("Riskkategorin ”%(name)s” är tillagd."),
        saved=_("Riskkategorin ”%(name)s” är sparad."),
        deleted=_("Riskkategorin ”%(name)s” är borttagen."),
        deactivated=ngettext_lazy(
            "Riskkategorin ”%(name)s” används av %(n)s risk och är därför inte borttagen: den är markerad som "
            "inaktiv och erbjuds inte i nya risker.",
            "Riskkategorin ”%(name)s” används av %(n)s risker och är därför inte borttagen: den är markerad som "
            "inaktiv och erbjuds inte i nya risker.",
            "n",
        ),
        already_inactive=_("Riskkategorin ”%(name)s” används av risker och är redan markerad som inaktiv."),
        missing=ngettext_lazy(
            "%(n)s standardkategori saknas i listan:", "%(n)s standardkategorier saknas i listan:", "n"
        ),
        defaults_button=_("Lägg till standardkategorierna"),
        defaults_added=ngettext_lazy(
            "%(n)s standardkategori är tillagd.", "%(n)s standardkategorier är tillagda.", "n"
        ),
        defaults_none=_("Regionen har redan alla standardkategorier."),
    ),
)

IMPACT_AREAS = RegionList(
    model=ImpactArea,
    form=ImpactAreaForm,
    risk_link="impacts",
    standard=[(name, "") for name in STANDARD_IMPACT_AREAS],
    names={
        "list": "impact_areas",
        "edit": "impact_area_edit",
        "delete": "impact_area_delete",
        "defaults": "impact_area_defaults",
    },
    texts=ListTexts(
        title=_("Huvudpåverkan på"),
        intro=_(
            "Det en risk främst påverkar, som enheternas riskanalyser markerar med X (Säkerhet "
            "patient/invånare, Processeffektivitet …). Ett område som inte längre används kan markeras så, "
            "och gamla analyser behåller det."
        ),
        caption=_("Regionens påverkansområden"),
        empty=_("Regionen har inga påverkansområden ännu."),
        new=_("Nytt påverkansområde"),
        edit_title=_("Ändra påverkansområdet %(name)s"),
        added=_("Påverkansområdet ”%(name)s” är tillagt."),
        saved=_("Påverkansområdet ”%(name)s” är sparat."),
        deleted=_("Påverkansområdet ”%(name)s” är borttaget."),
        deactivated=ngettext_lazy(
            "Påverkansområdet ”%(name)s” används av %(n)s risk och är därför inte borttaget: det är markerat som "
            "inaktivt och erbjuds inte i nya risker.",
            "Påverkansområdet ”%(name)s” används av %(n)s risker och är därför inte borttaget: det är markerat "
            "som inaktivt och erbjuds inte i nya risker.",
            "n",
        ),
        already_inactive=_("Påverkansområdet ”%(name)s” används av risker och är redan markerat som inaktivt."),
        missing=ngettext_lazy("%(n)s standardområde saknas i listan:", "%(n)s standardområden saknas i listan:", "n"),
        defaults_button=_("Lägg till standardområdena"),
        defaults_added=ngettext_lazy("%(n)s standardområde är tillagt.", "%(n)s standardområden är tillagda.", "n"),
        defaults_none=_("Regionen har redan alla standardområden."),
    ),
)
