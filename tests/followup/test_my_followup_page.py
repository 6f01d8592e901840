""" "Min uppföljning" for a manager of several units: one unit per page with a jump list to
the others, the filter and the search, what a save answers (the row, and the summaries it
changed, out of band), where a plain POST leads, Totalt of counts, the overrule field, and
the attention list's link to the row itself."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from followup import services
from followup.models import MeasureValue
from goals.models import PlanItem
from goals.rules import Levels
from goals.services import save_item
from regionplan import auditing
from regionplan.models import Period
from regionplan.permissions import roles_of
from regionplan.tenancy import region_scope
from tests.followup.test_followup import HTMX, T3, fields, save_url, url
from tests.plans import build_plans


@pytest.fixture
def plans(world):
    return build_plans(world)


def page(world, persona="manager", query=""):
    response = world.client(persona).get(url("my_followup") + f"?period={T3}{query}")
    assert response.status_code == 200
    return response.content.decode()


def row_id(item, unit):
    return f'id="row-{item.pk}-{unit.pk}"'


def fragment(html, element_id):
    """The element with that id (a <p> or <span>), without its out-of-band marker."""
    match = re.search(rf'<(p|span) id="{element_id}"[^>]*>.*?</\1>', html, re.S)
    assert match, element_id
    return match.group(0).replace(' hx-swap-oob="true"', "")


def test_the_page_shows_one_unit_and_the_jump_list_leads_to_the_others(world, plans):
    measure, div, vo1 = plans["measure"], world.units["DIV"], world.units["VO1"]
    first = page(world)
    assert row_id(measure, div) in first and row_id(plans["activity"], div) in first
    assert row_id(measure, vo1) not in first, "VO1's rows are on its own page"
    jump = first[first.index('class="jump-list"') : first.index("</nav>", first.index('class="jump-list"'))]
    assert f'href="?period={T3}&amp;visa={div.pk}" aria-current="page"' in jump
    assert f'href="?period={T3}&amp;visa={vo1.pk}"' in jump and "0 av 1 klara" in jump
    assert 'href="#persp-' in jump, "the shown unit's perspectives are anchors on the page"
    assert "0 av 4 klara" in first, "the progress line counts every unit of the page"
    second = page(world, query=f"&visa={vo1.pk}")
    assert row_id(measure, vo1) in second and row_id(measure, div) not in second
    assert f'visa={vo1.pk}" aria-current="page"' in second


def test_a_unit_outside_the_page_shows_the_first_unit_and_a_bad_one_is_refused(world, plans):
    other = page(world, query=f"&visa={world.units['OTHER'].pk}")
    assert row_id(plans["measure"], world.units["DIV"]) in other
    assert world.client("manager").get(url("my_followup") + f"?period={T3}&visa=x").status_code == 404


def test_only_the_unreported_rows_and_a_search_over_every_unit(world, plans):
    measure, activity, div, vo1 = plans["measure"], plans["activity"], world.units["DIV"], world.units["VO1"]
    world.client("manager").post(save_url(world, activity), fields(activity, div, status="green"), **HTMX)
    assert row_id(activity, div) in page(world, query="&rader=alla")
    open_rows = page(world, query="&rader=ej-klara")
    assert row_id(activity, div) not in open_rows and row_id(measure, div) in open_rows
    assert f"rader=ej-klara&amp;visa={vo1.pk}" in open_rows, "the filter is kept in the jump links"
    found = page(world, query="&sok=sjukFRÅN")
    assert row_id(measure, div) in found and row_id(measure, vo1) in found, "a search looks in every unit"
    assert row_id(activity, div) not in found and "2 rader matchar ”sjukFRÅN”." in found
    assert row_id(activity, div) in page(world, query="&sok=akt-1")
    assert "Inga rader att visa" in page(world, query="&sok=finns+inte")


def test_a_search_shows_at_most_its_cap_and_counts_every_match(world, plans):
    with region_scope(world.alfa):
        view = services.load_followup(
            Period.objects.get(code=T3), services.my_units_q(roles_of(world.users["manager"]))
        )
    result = services.choose_rows(view, query="sjukfrånvaro", limit=1)
    assert result.matches == 2 and sum(len(group.rows) for group in result.groups) == 1 and result.unit is None
    everything = services.choose_rows(view, unit_pk=world.units["VO1"].pk)
    assert everything.unit == world.units["VO1"] and [g.unit for g in everything.groups] == [world.units["VO1"]]


def test_a_save_answers_the_row_and_the_summaries_it_changed(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    before = page(world)
    response = world.client("manager").post(save_url(world, activity), fields(activity, div, status="red"), **HTMX)
    assert response.status_code == 200
    answer = response.content.decode()
    after = page(world)
    assert 'class="saved" role="status" tabindex="-1" data-focus' in answer, "focus goes to the row's message"
    for element in (f"rollup-unit-{div.pk}", f"rollup-persp-{div.pk}-1", f"jump-count-{div.pk}"):
        assert f'id="{element}" class' in answer and 'hx-swap-oob="true"' in fragment_raw(answer, element)
        assert fragment(answer, element) == fragment(after, element), f"{element} is what a reload shows"
        assert fragment(answer, element) != fragment(before, element), f"{element} changed with the save"
    assert "1 av 3 klara" in fragment(answer, f"jump-count-{div.pk}")


def fragment_raw(html, element_id):
    match = re.search(rf'<(p|span) id="{element_id}"[^>]*>', html)
    return match.group(0)


def test_a_plain_save_returns_to_the_row_and_a_refused_one_shows_the_rows_unit(world, plans):
    measure, vo1 = plans["measure"], world.units["VO1"]
    client = world.client("manager")
    response = client.post(save_url(world, measure, unit="VO1"), fields(measure, vo1, status="green"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?period={T3}&visa={vo1.pk}#row-{measure.pk}-{vo1.pk}")
    response = client.post(save_url(world, measure, unit="VO1"), fields(measure, vo1, version=1, value_total="sju"))
    body = response.content.decode()
    assert response.status_code == 400 and "”sju” är inget tal" in body
    assert row_id(measure, vo1) in body and "inte sparad: rätta det som är markerat" in body
    assert row_id(measure, world.units["DIV"]) not in body, "the page of the refused row's unit"


@pytest.fixture
def count_measure(world, plans):
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        item = PlanItem(
            plan=plans["plans"]["DIV"],
            level=Levels.MEASURE,
            parent=plans["factor"],
            code="MATT-ANT",
            name="Antal anställda",
            measure_unit="antal",
            frequency="tertial",
            split_by_sex=True,
        )
        return save_item(item)


def test_totalt_of_a_count_is_kvinnor_plus_man_and_of_a_rate_is_left_to_the_manager(world, plans, count_measure):
    div, client = world.units["DIV"], world.client("manager")
    html = page(world)
    assert "Kvinnor + män. Lämnar du fältet tomt räknas det ut när du sparar." in html
    assert "Fyll i totalt själv: för % är totalen inte summan av kvinnor och män." in html
    data = fields(count_measure, div, value_women="12", value_men="30", value_total="41")
    response = client.post(save_url(world, count_measure), data, **HTMX)
    assert (
        response.status_code == 422 and "Totalt ska vara kvinnor + män (42) för ett antal." in response.content.decode()
    )
    with region_scope(world.alfa):
        assert not MeasureValue.objects.filter(measure=count_measure).exists()
    data[f"r{count_measure.pk}-{div.pk}-value_total"] = ""
    assert client.post(save_url(world, count_measure), data, **HTMX).status_code == 200
    measure = plans["measure"]
    client.post(save_url(world, measure), fields(measure, div, value_women="7,4", value_men="4,9"), **HTMX)
    with region_scope(world.alfa):
        counts = {v.sex: v.value for v in MeasureValue.objects.filter(measure=count_measure)}
        assert counts == {"women": Decimal(12), "men": Decimal(30), "total": Decimal(42)}
        rates = {v.sex: v.value for v in MeasureValue.objects.filter(measure=measure)}
        assert rates == {"women": Decimal("7.4"), "men": Decimal("4.9")}, "no total made up for a rate"


def test_the_overrule_field_carries_the_suggestion_and_stays_in_the_form(world, plans):
    measure, div, client = plans["measure"], world.units["DIV"], world.client("manager")
    client.post(save_url(world, measure), fields(measure, div, value_total="7,4"), **HTMX)  # suggests Röd
    html = page(world)
    start = html.index(row_id(measure, div))
    row = html[start : html.index("</article>", start)]
    assert 'data-overrule="red"' in row and "Skäl till annan bedömning än förslaget" in row


def test_the_attention_list_links_to_the_row_itself(world, plans):
    activity, div = plans["activity"], world.units["DIV"]
    world.client("manager").post(save_url(world, activity), fields(activity, div, status="red"), **HTMX)
    link = f"{url('my_followup')}?period={T3}&amp;enhet={div.pk}#row-{activity.pk}-{div.pk}"
    dashboard = reverse("dashboard", kwargs={"region_slug": "alfa"}) + f"?period={T3}"
    assert link in world.client("manager").get(dashboard).content.decode()
    assert link in world.client("controller").get(dashboard).content.decode()
    assert "#row-" not in world.client("reader").get(dashboard).content.decode(), "a reader reports nothing"
    target = world.client("manager").get(link.replace("&amp;", "&").split("#")[0]).content.decode()
    assert row_id(activity, div) in target
