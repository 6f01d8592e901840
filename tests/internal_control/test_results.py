"""Controls during the year on Min uppföljning: each due occurrence of an adopted plan's
control is a row beside the plan items, saved the same way (htmx, versions, deadlines,
reopening); a result with findings demands an action, which is then followed up each period
until done; evidence is size-limited and type-checked (tests/internal_control/factory.py)."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse

from followup.models import Reopening
from internal_control import rules
from internal_control.models import ActionUpdate, ControlResult, Evidence, RiskAction, RiskAnalysis
from regionplan import auditing, registry
from regionplan.models import AuditEntry, Period
from regionplan.orgtree import ensure_year
from regionplan.tenancy import region_scope
from tests.internal_control.factory import first_control
from tests.plans import YEAR

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def adopted_control(world):
    return first_control(world, state=RiskAnalysis.ADOPTED)


def result_data(key, **changes):
    data = {
        "version": "0",
        "outcome": "ok",
        "performed_on": f"{YEAR}-12-01",
        "checked": "Tio fakturor",
        "findings": "",
        "action_what": "",
        "action_owner": "",
        "action_owner_label": "",
        "action_deadline": "",
    }
    data.update(changes)
    return {f"{key}-{name}": value for name, value in data.items()}


def written(world):
    with region_scope(world.alfa):
        return (
            ControlResult.objects.count(),
            RiskAction.objects.count(),
            ActionUpdate.objects.count(),
            Evidence.objects.count(),
            AuditEntry.objects.count(),
        )


def my_page(world, persona="manager", period=f"{YEAR}-T3", unit="VO1"):
    return (
        world.client(persona).get(url("my_followup") + f"?period={period}&visa={world.units[unit].pk}").content.decode()
    )


@pytest.mark.parametrize(
    "due, periods, expected",
    [
        (
            datetime.date(2026, 4, 30),
            [("tertial", 2026, 1), ("tertial", 2026, 2), ("tertial", 2026, 3)],
            ("tertial", 2026, 1),
        ),
        (
            datetime.date(2026, 5, 31),
            [("tertial", 2026, 1), ("tertial", 2026, 2), ("tertial", 2026, 3)],
            ("tertial", 2026, 2),
        ),
        (datetime.date(2026, 5, 31), [("month", 2026, 5), ("tertial", 2026, 2), ("year", 2026, 1)], ("month", 2026, 5)),
        (datetime.date(2026, 12, 31), [("year", 2026, 1)], ("year", 2026, 1)),
        (datetime.date(2026, 3, 31), [("tertial", 2026, 2), ("tertial", 2026, 3)], None),
    ],
)
def test_the_period_an_occurrence_is_reported_in(due, periods, expected):
    assert rules.owing_period(due, periods) == expected


@pytest.mark.parametrize(
    "status, done_on, starts, window, owed",
    [
        ("planned", None, datetime.date(2026, 1, 1), ("2026-05-01", "2026-08-31"), True),
        ("ongoing", None, datetime.date(2026, 9, 30), ("2026-05-01", "2026-08-31"), False),  # its need arose later
        (
            "done",
            datetime.date(2026, 6, 10),
            datetime.date(2026, 1, 1),
            ("2026-05-01", "2026-08-31"),
            True,
        ),  # done here
        (
            "done",
            datetime.date(2026, 4, 10),
            datetime.date(2026, 1, 1),
            ("2026-05-01", "2026-08-31"),
            False,
        ),  # done before
        ("ongoing", None, datetime.date(2025, 4, 30), ("2026-01-01", "2026-04-30"), True),  # last year's, still open
    ],
)
def test_when_an_action_is_followed_up(status, done_on, starts, window, owed):
    start, end = (datetime.date.fromisoformat(day) for day in window)
    assert rules.action_owed(status, done_on, starts, start, end) is owed


@pytest.mark.parametrize(
    "outcome, performed, findings, has_action, new_action, fields",
    [
        ("", None, "", False, False, {"outcome"}),
        ("ok", datetime.date(2026, 12, 1), "", False, False, set()),
        ("ok", None, "", False, False, {"performed_on"}),
        ("ok", datetime.date(2026, 12, 9), "", False, False, {"performed_on"}),  # in the future
        ("minor", datetime.date(2026, 12, 1), "", False, True, {"findings"}),
        ("minor", datetime.date(2026, 12, 1), "Brister i storstäd", False, False, {"action_what"}),
        ("major", datetime.date(2026, 12, 1), "Eftersläpning", True, False, set()),  # an action exists
        ("not_done", None, "", False, False, {"findings"}),  # why it was not done
        ("not_done", None, "Sjukdom i gruppen", False, False, set()),
    ],
)
def test_what_a_result_needs(outcome, performed, findings, has_action, new_action, fields):
    problems = rules.result_problems(outcome, performed, findings, has_action, new_action, datetime.date(2026, 12, 4))
    assert set(problems) == fields


def test_an_adopted_plans_control_stands_on_min_uppfoljning_and_counts(world):
    draft = first_control(world, unit="NAMND")  # a draft's controls are nobody's to report yet
    page = my_page(world)
    assert draft.what not in page
    control = adopted_control(world)
    page = my_page(world)
    assert "Intern kontroll" in page and control.what in page and f"row-ic-{control.pk}-{YEAR}-T3" in page
    assert f'id="jump-count-{world.units["VO1"].pk}"' in page
    # The overview and the reminder digest count it the same way.
    with region_scope(world.alfa):
        period = Period.objects.get(code=f"{YEAR}-T3")
        owed = registry.owed(period, Q(pk=world.units["VO1"].pk), datetime.date(YEAR, 12, 4))
    assert [thing.title for thing in owed] == [control.what]


def test_a_result_with_findings_demands_an_action_then_saves_with_it(world):
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T3"
    client = world.client("manager")
    save = url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3")
    before = written(world)
    refused = client.post(save, result_data(key, outcome="minor", findings="Brister i storstäd"), **HTMX)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Ett resultat med brister kräver en åtgärd" in page and "data-not-saved" in page
    assert written(world) == before
    ok = client.post(
        save,
        result_data(
            key,
            outcome="minor",
            findings="Brister i storstäd",
            action_what="Ändrade arbetssätt för storstäd",
            action_owner_label="Enhetschef lokalvård",
            action_deadline=f"{YEAR + 1}-03-31",
        ),
        **HTMX,
    )
    assert ok.status_code == 200
    page = ok.content.decode()
    assert "Sparat" in page and 'id="progress"' in page and "hx-swap-oob" in page
    with region_scope(world.alfa):
        result = ControlResult.objects.get(control=control, occurrence=f"{YEAR}-T3")
        action = RiskAction.objects.get(result=result)
    assert result.outcome == "minor" and result.version == 1 and result.updated_by == world.users["manager"]
    assert action.owner_label == "Enhetschef lokalvård" and action.status == "planned"
    assert "1 åtgärd är registrerad för resultatet." in page


def test_two_saves_of_one_read_refuse_the_second_and_show_both(world):
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T3"
    save = url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3")
    assert world.client("manager").post(save, result_data(key, checked="Först"), **HTMX).status_code == 200
    clash = world.client("controller").post(save, result_data(key, checked="Sedan", findings="Annat"), **HTMX)
    assert clash.status_code == 409
    assert "sparade det här resultatet" in clash.content.decode()
    with region_scope(world.alfa):
        assert ControlResult.objects.get(control=control).checked == "Först"


def test_entry_closes_at_the_deadline_and_a_reopening_opens_it(world):
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T1"
    save = url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T1")
    data = result_data(key, performed_on=f"{YEAR}-04-20")
    before = written(world)
    closed = world.client("manager").post(save, data, **HTMX)
    assert closed.status_code == 422 and "Sista rapportdag för" in closed.content.decode()
    assert written(world) == before
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        Reopening.objects.create(
            period=Period.objects.get(code=f"{YEAR}-T1"),
            unit=world.units["VO1"],
            until=datetime.date.today() + datetime.timedelta(days=7),
        )
    assert world.client("manager").post(save, data, **HTMX).status_code == 200


def test_a_result_is_refused_for_the_wrong_unit_an_unknown_occurrence_and_a_draft(world):
    control = adopted_control(world)
    draft = first_control(world, unit="NAMND")
    key = f"ic-{control.pk}-{YEAR}-T3"
    before = written(world)
    assert (
        world.client("manager_out")
        .post(url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3"), result_data(key))
        .status_code
        == 403
    )
    assert (
        world.client("manager")
        .post(url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-05"), result_data(key))
        .status_code
        == 404
    )  # a tertial control has no monthly occurrence
    assert (
        world.client("outsider")
        .post(url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3"), result_data(key))
        .status_code
        == 404
    )
    assert (
        world.client("manager")
        .post(url("ic_result_save", pk=draft.pk, occurrence=f"{YEAR}-T3"), result_data(key))
        .status_code
        == 404
    )
    assert written(world) == before


def test_without_javascript_a_save_returns_to_the_row_and_a_refusal_keeps_what_was_typed(world):
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T3"
    client = world.client("manager")
    save = url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3")
    refused = client.post(save, result_data(key, outcome="major", findings="Eftersläpning av underhåll"))
    assert refused.status_code == 400
    assert "Eftersläpning av underhåll" in refused.content.decode()
    ok = client.post(save, result_data(key))
    assert ok.status_code == 302 and ok["Location"].endswith(f"#row-{key}")


def test_an_action_is_followed_up_each_period_until_done(world):
    control = adopted_control(world)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        result = ControlResult.objects.create(
            control=control, occurrence=f"{YEAR}-T2", due_on=datetime.date(YEAR, 8, 31), outcome="major", findings="X"
        )
        action = RiskAction.objects.create(
            risk=control.risk,
            result=result,
            what="MT-chefen får utpekat ansvar",
            owner_label="MT-chef",
            deadline=datetime.date(YEAR, 10, 31),
        )
    page = my_page(world)
    key = f"ic-action-{action.pk}"
    assert f"row-{key}" in page and "försenad" in page
    save = url("ic_action_followup", pk=action.pk, period_code=f"{YEAR}-T3")
    client = world.client("manager")
    ok = client.post(
        save, {f"{key}-seen": "", f"{key}-status": "done", f"{key}-comment": "Ansvaret är utpekat"}, **HTMX
    )
    assert ok.status_code == 200, ok.content.decode()[:500]
    with region_scope(world.alfa):
        action.refresh_from_db()
        update = ActionUpdate.objects.get(action=action)
    assert (
        action.status == "done" and action.done_on == datetime.date.today() and update.comment == "Ansvaret är utpekat"
    )
    # A second save from the same read is refused, not lost.
    clash = client.post(save, {f"{key}-seen": "", f"{key}-status": "ongoing", f"{key}-comment": "Nej"}, **HTMX)
    assert clash.status_code == 409
    # Done in T3, so the next year's first tertial does not ask for it.
    with region_scope(world.alfa):
        ensure_year(world.alfa, YEAR + 1)
        period = Period.objects.get(code=f"{YEAR + 1}-T1")
        later = registry.owed(period, Q(pk=world.units["VO1"].pk), datetime.date(YEAR + 1, 2, 1))
    assert not [thing for thing in later if thing.kind == "Åtgärd"]


def evidence_url(control):
    return url("ic_evidence_upload", pk=control.pk, occurrence=f"{YEAR}-T3")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("rapport.pdf", b"\x89PNG\r\n\x1a\n....", "Filen är inte vad namnet säger (.pdf)"),
        ("rapport.exe", b"MZ....", "Filtypen stöds inte som underlag"),
        ("anteckning.txt", b"abc\x00def", "Textfilen är inte i UTF-8"),
        ("stor.pdf", b"%PDF-1.7\n" + b"0" * 6000, "Filen är för stor"),
    ],
)
def test_evidence_that_is_not_what_it_says_or_too_large_is_refused(world, settings, name, content, message):
    settings.UPLOAD_MAX_BYTES = 5000
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T3"
    world.client("manager").post(url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3"), result_data(key))
    before = written(world)
    response = world.client("manager").post(evidence_url(control), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and message in response.content.decode()
    assert written(world) == before


def test_evidence_is_stored_per_region_with_its_digest_and_read_back(world):
    control = adopted_control(world)
    key = f"ic-{control.pk}-{YEAR}-T3"
    world.client("manager").post(url("ic_result_save", pk=control.pk, occurrence=f"{YEAR}-T3"), result_data(key))
    content = b"%PDF-1.4\n% stickprov\n"
    response = world.client("manager").post(
        evidence_url(control), {"file": SimpleUploadedFile("stickprov.pdf", content)}
    )
    assert response.status_code == 302
    with region_scope(world.alfa):
        evidence = Evidence.objects.get()
    assert evidence.file.name.startswith(f"regions/{world.alfa.pk}/intern-kontroll/")
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    download = world.client("reader").get(url("ic_evidence", pk=evidence.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert 'attachment; filename="stickprov.pdf"' in download["Content-Disposition"]
    assert world.client("manager_out").get(url("ic_evidence", pk=evidence.pk)).status_code == 403
    assert world.client("outsider").get(url("ic_evidence", pk=evidence.pk)).status_code == 404


def test_overdue_controls_are_listed_in_the_overview_and_the_managers_attention_list(world):
    control = adopted_control(world)
    page = world.client("controller").get(url("followup_overview") + f"?period={YEAR}-T2").content.decode()
    overdue = page[page.index("Försenat: kontroller och åtgärder") :]
    assert control.what in overdue and "Område Ett A" in overdue
    assert f"/alfa/intern-kontroll/kontroll/{control.pk}/{YEAR}-T2/" in overdue
    # T2's occurrence was due 31 August and has no result: the manager's dashboard says so.
    dashboard = world.client("manager").get(reverse("dashboard", args=["alfa"]) + f"?period={YEAR}-T2")
    assert control.what in dashboard.content.decode()
