"""Logging in and the landing page that sends a user to their region."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regionplan.forms import LoginForm
from regionplan.models import Region, RoleAssignment
from regionplan.tenancy import all_regions


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    """Send the user to the region they used last, or to their first region."""
    with all_regions():
        slugs = list(
            Region.objects.filter(pk__in=RoleAssignment.objects.filter(user=request.user).values("region_id"))
            .order_by("name")
            .values_list("slug", flat=True)
        )
    if not slugs:
        return render(request, "regionplan/no_region.html", status=403)
    last = request.session.get("last_region")
    return redirect("region_home", region_slug=last if last in slugs else slugs[0])


def logged_out_message(request):
    messages.info(request, _("Du är utloggad."))
    return redirect("login")
