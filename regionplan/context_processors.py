"""Template context every page needs: the region, the user's other regions, permission flags."""

from regionplan import registry
from regionplan.models import Region, RoleAssignment
from regionplan.permissions import WHOLE_REGION, Action, can
from regionplan.tenancy import all_regions


def region(request):
    region = getattr(request, "region", None)
    if region is None or not request.user.is_authenticated:
        return {"region": region}
    with all_regions():
        # The user's own memberships across regions: the one deliberate cross-region read.
        member_of = list(
            Region.objects.filter(pk__in=RoleAssignment.objects.filter(user=request.user).values("region_id"))
        )
    return {
        "region": region,
        "nav": registry.nav_for(request),
        "member_regions": member_of,
        "may_administer": can(request, Action.ADMINISTER),
        "may_administer_region": can(request, Action.ADMINISTER, WHOLE_REGION),
        "may_audit": can(request, Action.AUDIT),
    }
