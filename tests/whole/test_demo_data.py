"""The demo a controller would believe: the properties of seed_demo's data that a reader
of the dashboards and the PDF checks first. The demo is seeded once for the module (and
rolled back after it), as in tests/reports.

- every value of a %-measure is a share, within 0–100;
- where a measure is split by sex, a count adds up (totalt = kvinnor + män) and a rate
  lies between kvinnor and män;
- no comment is boilerplate: the same non-empty text is never on two different items;
- the seed year's plans (2022) are reachable from the plan list's years;
- the seed's own analyses are where they belong (the region's goal, 2022-T2).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from followup.models import Assessment, MeasureValue
from goals.models import Plan, PlanItem
from regionplan import demo
from regionplan.models import Region, User
from regionplan.tenancy import region_scope
from tests.conftest import demo_seeded_once

# The measure units whose split by sex is a count of people (the parts add up); every
# other unit split by sex is a rate or an index (the total is a mix of the parts).
COUNT_UNITS = {"antal"}
SLUGS = ["norrbotten", "vasternorrland"]


@pytest.fixture(scope="module")
def demo_regions(django_db_setup, django_db_blocker):
    """Both demo regions, seeded once for the module."""
    with demo_seeded_once(django_db_blocker):
        with django_db_blocker.unblock():
            regions = {slug: Region.objects.get(slug=slug) for slug in SLUGS}
        yield regions


@pytest.fixture(params=SLUGS)
def region(request, demo_regions, db):
    with region_scope(demo_regions[request.param]):
        yield demo_regions[request.param]


def client_for(login: str, slug: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=demo.demo_email(login, slug)))
    return client


def test_every_value_of_a_percent_measure_is_a_share(region):
    values = list(
        MeasureValue.objects.filter(measure__measure_unit="%").values_list("measure__code", "period__code", "value")
    )
    assert len(values) > 100  # the demo has shares in every followed period
    outside = [(code, period, value) for code, period, value in values if not 0 <= value <= 100]
    assert outside == []


def test_kvinnor_and_man_agree_with_totalt(region):
    by_row = defaultdict(dict)
    for measure, unit, period, sex, value in MeasureValue.objects.filter(measure__split_by_sex=True).values_list(
        "measure_id", "unit_id", "period_id", "sex", "value"
    ):
        by_row[(measure, unit, period)][sex] = value
    units = dict(PlanItem.objects.filter(split_by_sex=True).values_list("pk", "measure_unit"))
    checked = {"count": 0, "rate": 0}
    wrong = []
    for (measure, unit, period), sexes in by_row.items():
        assert set(sexes) == {MeasureValue.WOMEN, MeasureValue.MEN, MeasureValue.TOTAL}, (measure, unit, period)
        women, men, total = sexes[MeasureValue.WOMEN], sexes[MeasureValue.MEN], sexes[MeasureValue.TOTAL]
        if units[measure] in COUNT_UNITS:
            checked["count"] += 1
            if total != women + men:
                wrong.append((measure, unit, period, women, men, total))
        else:
            checked["rate"] += 1
            if not min(women, men) <= total <= max(women, men):
                wrong.append((measure, unit, period, women, men, total))
    assert wrong == []
    assert checked["rate"] > 20
    if region.slug == "norrbotten":  # Antal medarbetare, IT/MT-stöd is split by sex
        assert checked["count"] > 5


def test_no_comment_is_shared_by_two_items(region):
    items_by_text = defaultdict(set)
    for item, text in Assessment.objects.exclude(comment="").values_list("item_id", "comment"):
        items_by_text[text.strip()].add(item)
    assert len(items_by_text) > 200  # the demo comments its assessments
    shared = {text[:80]: len(items) for text, items in items_by_text.items() if len(items) > 1}
    assert shared == {}


def test_the_seed_analysis_is_the_regions_assessment_of_its_goal(region):
    if region.slug != "norrbotten":
        pytest.skip("the seed's analyses are Region Norrbotten's")
    goal = Assessment.objects.get(item__code="SM-MA1", item__year=2022, unit__code="NLL", period__code="2022-T2")
    assert goal.status == "yellow"
    assert goal.comment.startswith("Måluppfyllelsen i perspektivet väntas vara delvis uppnådd")
    sick = MeasureValue.objects.get(
        measure__code="M-SJUK", measure__year=2022, unit__code="DRS", period__code="2022-08", sex=MeasureValue.WOMEN
    )
    assert sick.value == Decimal("7.4")  # the seed's figure, August 2022


@pytest.mark.parametrize("login", ["controller", "politiker"])
def test_the_2022_plans_are_in_the_plan_year_list(region, login):
    client = client_for(login, region.slug)
    url = reverse("plan_index", args=[region.slug])
    html = client.get(url).content.decode()
    assert 'href="?ar=2022"' in html
    response = client.get(f"{url}?ar=2022")
    assert response.status_code == 200
    adopted = Plan.objects.filter(year=2022).count()
    assert adopted > 5
    rows = [plan for _unit, plan in response.context["rows"] if plan is not None]
    assert len(rows) == adopted  # the reader and the controller see all of the region's plans


def test_the_near_miss_measure_has_the_incident_counts(demo_regions, db):
    """Norrbotten's "Antal rapporterade tillbud" (Division Regionstöd, Hållbar arbetsmiljö)
    has values from the demo incidents, written by the value pipeline as the night would."""
    from django.utils import timezone

    from workenv.models import Incident

    with region_scope(demo_regions["norrbotten"]):
        year = timezone.localdate().year
        near_misses = Incident.objects.filter(kind="tillbud", occurred_at__year=year, unit__code__startswith="DRS")
        values = MeasureValue.objects.filter(measure__code="M-TILLBUD", measure__year=year, unit__code="DRS")
        assert {v.origin for v in values} == {"incidents"}
        whole_year = max(values, key=lambda v: (v.period.end - v.period.start, v.period.end))
        assert (whole_year.period.start.month, whole_year.period.end.month) == (1, 12)
        assert whole_year.value == near_misses.count() > 0
