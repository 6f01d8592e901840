"""Users and their roles in the region (administrators, within their own scope)."""

from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regionplan import background
from regionplan.forms import GrantRoleForm
from regionplan.models import RoleAssignment
from regionplan.orgtree import grant_role
from regionplan.people import with_names
from regionplan.permissions import Action, require, require_subtree
from regionplan.tasks import send_welcome_email
from regionplan.views.common import form_data, render_page_or_partial


def _assignments(request):
    """The role assignments on units the administrator manages, grouped by person, with
    the region's own names for them (never another region's name for a shared account)."""
    return with_names(
        RoleAssignment.objects.restrict(request.roles, Action.ADMINISTER)
        .select_related("user", "unit")
        .order_by("user__email", "unit__path", "role")
    )


def user_list(request, region_slug):
    require(request, Action.ADMINISTER)
    return render(
        request,
        "regionplan/user_list.html",
        {"assignments": _assignments(request), "form": GrantRoleForm(roles=request.roles)},
    )


def role_grant(request, region_slug):
    require(request, Action.ADMINISTER)
    form = GrantRoleForm(form_data(request), roles=request.roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request, Action.ADMINISTER, data["unit"])
        if data["include_subtree"]:
            # A role over the units below may only come from someone who manages them all.
            require_subtree(request, Action.ADMINISTER, data["unit"])
        user, assignment, user_created, _created = grant_role(
            data["email"], data["role"], data["unit"], data["include_subtree"], full_name=data["full_name"]
        )
        if user_created:
            # Sent by a worker once the account is committed, so a slow mail server never holds up the page.
            background.enqueue(send_welcome_email, user.pk, get_current_site(request).domain, request.is_secure())
        # The same words whether or not the address had an account: a region's
        # administrator must not learn who uses the platform elsewhere.
        messages.success(
            request,
            _(
                "Rollen %(role)s på %(unit)s är tilldelad %(email)s. Den som saknade konto får ett e-postmeddelande för att välja lösenord."
            )
            % {"role": assignment.get_role_display(), "unit": assignment.unit.name, "email": user.email},
        )
        return redirect("user_list", region_slug=region_slug)
    return render(
        request,
        "regionplan/user_list.html",
        {"assignments": _assignments(request), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def role_revoke(request, region_slug, pk):
    assignment = get_object_or_404(RoleAssignment.objects.select_related("unit", "user"), pk=pk)
    require(request, Action.ADMINISTER, assignment.unit)
    if assignment.user_id == request.user.pk and assignment.role == "administrator":
        messages.error(request, _("Du kan inte ta bort din egen administratörsroll."))
    else:
        assignment.delete()
        messages.success(request, _("Rollen är borttagen."))
    if request.htmx:
        return render_page_or_partial(
            request, "regionplan/user_list.html", "regionplan/_role_table.html", {"assignments": _assignments(request)}
        )
    return redirect("user_list", region_slug=region_slug)
