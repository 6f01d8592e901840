"""Demo regions drawn from the seed documents (shared/seeds): Region Norrbotten's Division
Regionstöd (003, delårsrapport augusti 2022) and Region Västernorrland's
Regionledningsförvaltningen (002, verksamhetsplan 2020).

`seed_demo` builds them through the same services that operators and administrators use.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from regionplan import auditing
from regionplan.models import OrgUnit, OrgUnitKind, Region, Role, RoleAssignment, User
from regionplan.orgtree import create_region, ensure_year, grant_role
from regionplan.tenancy import all_regions, region_scope

DEMO_PASSWORD = "regionplan-demo"
FIRST_DEMO_YEAR = 2022

# (code, name, kind, parent code)
NORRBOTTEN_UNITS = [
    ("NLL", "Region Norrbotten", "Region", ""),
    ("RS", "Regionstyrelsen", "Nämnd", "NLL"),
    ("DNS", "Division Närsjukvård", "Division", "RS"),
    ("DLS", "Division Länssjukvård", "Division", "RS"),
    ("DFT", "Division Folktandvård", "Division", "RS"),
    ("DRS", "Division Regionstöd", "Division", "RS"),
    ("DRS-GEM", "Divisionsgemensamt", "Verksamhetsområde", "DRS"),
    ("DRS-FM", "Facility Management", "Verksamhetsområde", "DRS"),
    ("DRS-FM-KOST", "Kostverksamhet", "Enhet", "DRS-FM"),
    ("DRS-FM-LOK", "Lokalvård", "Enhet", "DRS-FM"),
    ("DRS-FM-KS", "Kundservice", "Enhet", "DRS-FM"),
    ("DRS-FM-MHM", "Material och hjälpmedel", "Enhet", "DRS-FM"),
    ("DRS-HRE", "HR/Ekonomi", "Verksamhetsområde", "DRS"),
    ("DRS-HRE-LON", "Lön och systemförvaltning", "Enhet", "DRS-HRE"),
    ("DRS-HRE-EKO", "Ekonomistöd", "Enhet", "DRS-HRE"),
    ("DRS-ITMT", "IT/MT", "Verksamhetsområde", "DRS"),
    ("DRS-ITMT-DRIFT", "IT-drift", "Enhet", "DRS-ITMT"),
    ("DRS-ITMT-MT", "Medicinteknik", "Enhet", "DRS-ITMT"),
    ("DRS-IOF", "Inköp och försörjning", "Verksamhetsområde", "DRS"),
    ("DRS-FAST", "Fastigheter", "Verksamhetsområde", "DRS"),
    ("DRS-SJR", "Sjukresor", "Verksamhetsområde", "DRS"),
]

VASTERNORRLAND_UNITS = [
    ("RVN", "Region Västernorrland", "Region", ""),
    ("RS", "Regionstyrelsen", "Nämnd", "RVN"),
    ("RLF", "Regionledningsförvaltningen", "Förvaltning", "RS"),
    ("RLF-EKO", "Ekonomi och planering", "Verksamhetsområde", "RLF"),
    ("RLF-HR", "HR", "Verksamhetsområde", "RLF"),
    ("RLF-KOM", "Kommunikation", "Verksamhetsområde", "RLF"),
    ("RLF-HS", "Hälso- och sjukvård", "Verksamhetsområde", "RLF"),
    ("RLF-FUI", "Forskning, utbildning och innovation (FUI)", "Verksamhetsområde", "RLF"),
    ("RLF-FOS", "Fastighet och service", "Verksamhetsområde", "RLF"),
    ("RLF-FOS-FAST", "Fastighetsförvaltning", "Enhet", "RLF-FOS"),
    ("RLF-FOS-SERV", "Service", "Enhet", "RLF-FOS"),
    ("RLF-ADM", "Administration", "Verksamhetsområde", "RLF"),
    ("RLF-SMS", "Smittskydd", "Verksamhetsområde", "RLF"),
    ("HSF", "Hälso- och sjukvårdsförvaltningen", "Förvaltning", "RS"),
    ("HSF-PV", "Primärvård", "Verksamhetsområde", "HSF"),
    ("HSF-SPEC", "Specialiserad vård", "Verksamhetsområde", "HSF"),
]

DEMO_REGIONS = [
    {
        "slug": "norrbotten",
        "name": "Region Norrbotten",
        "period_kinds": ["month", "tertial"],
        "units": NORRBOTTEN_UNITS,
        "manager_unit": "DRS",
        "people": {
            "admin": "Ingrid Lundberg",
            "controller": "Johan Nilsson",
            "chef": "Maria Lindqvist",
            "politiker": "Per Öberg",
        },
    },
    {
        "slug": "vasternorrland",
        "name": "Region Västernorrland",
        "period_kinds": ["tertial"],
        "units": VASTERNORRLAND_UNITS,
        "manager_unit": "RLF-FOS",
        "people": {
            "admin": "Karin Sjöberg",
            "controller": "Anders Hedlund",
            "chef": "Lena Westin",
            "politiker": "Erik Forsberg",
        },
    },
]

# role per demo login, and whether it sits on the root or on the manager's unit
DEMO_LOGINS = [
    ("admin", Role.ADMINISTRATOR, "root"),
    ("controller", Role.CONTROLLER, "root"),
    ("chef", Role.MANAGER, "manager_unit"),
    ("politiker", Role.READER, "root"),
]


# Apps add their demo data through this list (from AppConfig.ready), since the core imports
# no app. Each seeder is called as seeder(region, spec, units_by_code, log) inside the scope.
SEEDERS: list = []


def register_seeder(seeder) -> None:
    if seeder not in SEEDERS:
        SEEDERS.append(seeder)


def demo_email(login: str, slug: str) -> str:
    return f"{login}@{slug}.demo"


def reset() -> None:
    """Remove the demo regions and the demo users, whatever state they are in."""
    slugs = [spec["slug"] for spec in DEMO_REGIONS]
    with all_regions(), auditing.paused(), transaction.atomic():
        Region.objects.filter(slug__in=slugs).delete()
        User.objects.filter(email__endswith=".demo").delete()


def seed(log=print) -> None:
    """Create (or complete) both demo regions. Running it twice changes nothing."""
    for spec in DEMO_REGIONS:
        _seed_region(spec, log)


@transaction.atomic
def _seed_region(spec: dict, log) -> None:
    region = Region.objects.filter(slug=spec["slug"]).first()
    this_year = timezone.localdate().year
    years = range(FIRST_DEMO_YEAR, this_year + 2)
    if region is None:
        region = create_region(spec["slug"], spec["name"], period_kinds=spec["period_kinds"], years=years)
        log(f"Skapade {region.name}.")
    else:
        log(f"{region.name} fanns redan; kompletterar.")
    with region_scope(region):
        for year in years:
            ensure_year(region, year)
        kinds = {k.name: k for k in OrgUnitKind.objects.all()}
        units = {u.code: u for u in OrgUnit.objects.all()}
        start = timezone.datetime(FIRST_DEMO_YEAR, 1, 1).date()
        for code, name, kind, parent in spec["units"]:
            if code not in units:
                unit = OrgUnit(code=code, name=name, kind=kinds[kind], parent=units.get(parent), valid_from=start)
                unit.save()
                units[code] = unit
        root = units[spec["units"][0][0]]
        for login, role, where in DEMO_LOGINS:
            unit = root if where == "root" else units[spec[where]]
            email = demo_email(login, spec["slug"])
            user, _, user_created, _ = grant_role(email, role, unit, True, full_name=spec["people"][login])
            if user_created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        log(f"  {OrgUnit.objects.count()} enheter, {RoleAssignment.objects.count()} roller.")
        for seeder in SEEDERS:
            seeder(region, spec, units, log)
