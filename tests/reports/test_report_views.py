"""The report pages in the browser: who writes which section, autosave without lost
updates, bad input changes nothing, writers are chosen among those who may, texts are
pulled up from the units below, readers read approved reports only, an approved report
no longer changes, report kinds are set up, and other regions see nothing.

No PDF is rendered here (tests/reports/test_report_pdf.py does that): a version's files are
small stand-ins (tests/view_table.make_run), and a new version stays queued because
its task is sent only on commit.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from regionplan import auditing
from regionplan.models import Role
from regionplan.tenancy import region_scope
from reports import catalogue, services
from reports.models import Report, ReportKind, ReportRun, ReportSection
from tests.conftest import grant
from tests.view_table import REPORT_PERIOD, make_report, make_run

HTMX = {"HX-Request": "true"}


def url(name, **kwargs):
    return reverse(name, kwargs={"region_slug": "alfa", **kwargs})


def section(world, report, key) -> ReportSection:
    with region_scope(world.alfa):
        return ReportSection.objects.select_related("assignee", "updated_by").get(report=report, key=key)


def edit_url(report, s):
    return url("section_edit", pk=report.pk, section_pk=s.pk)


def give(world, report, key, persona) -> ReportSection:
    """Make `persona` the writer of the report's section `key`."""
    s = section(world, report, key)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        services.assign_writers(report, {s.pk: world.users[persona] if persona else None})
    return section(world, report, key)


def write(world, report, key, text, persona="controller") -> ReportSection:
    s = section(world, report, key)
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        services.save_section(s, text, False, s.version, world.users[persona])
    return section(world, report, key)


def snapshot(world):
    """Everything the report pages can change, in region alfa."""
    with region_scope(world.alfa):
        return {
            "reports": sorted(
                Report.objects.values_list("pk", "kind_id", "unit_id", "period_id", "state", "approved_run_id")
            ),
            "sections": sorted(
                ReportSection.objects.values_list(
                    "pk", "report_id", "key", "title", "text", "done", "version", "assignee_id"
                )
            ),
            "runs": sorted(ReportRun.objects.values_list("pk", "report_id", "status")),
            "kinds": sorted(ReportKind.objects.values_list("pk", "key", "name", "tertial", "sections")),
        }


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- writing a section ---------------------------------------------------------------------


def test_chef_writes_the_section_given_to_them_and_no_other(world):
    report = make_report(world)  # every narrative section is the controller's
    mine = give(world, report, "verksamhet", "manager")
    client = world.client("manager")
    response = client.post(edit_url(report, mine), {"text": "Vi öppnade en ny mottagning.", "done": "on", "version": 0})
    assert response.status_code == 302
    assert response["Location"] == edit_url(report, mine)
    saved = section(world, report, "verksamhet")
    assert (saved.text, saved.done, saved.version, saved.updated_by) == (
        "Vi öppnade en ny mottagning.",
        True,
        1,
        world.users["manager"],
    )

    # REPORT on DIV lets the chef read the controller's section, not write it.
    theirs = section(world, report, "medarbetare")
    before = snapshot(world)
    response = client.post(edit_url(report, theirs), {"text": "Chefens ändring", "version": 0})
    assert response.status_code == 403
    assert client.post(url("section_pull", pk=report.pk, section_pk=theirs.pk)).status_code == 403
    assert snapshot(world) == before
    page = client.get(edit_url(report, theirs))
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert "Du kan läsa men inte skriva detta avsnitt." in page.content.decode()


def test_controller_writes_any_section_and_an_automatic_ones_text_follows_its_tables(world):
    """A narrative section is the writer's or a controller's; an automatic one may be followed
    by the controller's own text (issue 17), which no manager writes."""
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    client = world.client("controller")
    response = client.post(edit_url(report, mine), {"text": "Controllern kompletterar.", "version": 0})
    assert response.status_code == 302
    assert section(world, report, "verksamhet").text == "Controllern kompletterar."
    automatic = section(world, report, "ekonomi")
    assert automatic.automatic
    before = snapshot(world)
    assert (
        world.client("manager").post(edit_url(report, automatic), {"text": "Fritext", "version": 0}).status_code == 403
    )
    assert snapshot(world) == before
    assert (
        client.post(edit_url(report, automatic), {"text": "Kommentar till tabellerna.", "version": 0}).status_code
        == 302
    )
    outline = client.get(reverse("report_outline", args=["alfa", report.pk])).content.decode()
    assert "Ändra texten efter tabellerna" in outline
    preview = client.get(reverse("report_preview", args=["alfa", report.pk])).content.decode()
    economy = preview[preview.index(automatic.title) :]
    assert economy.index("Kommentar till tabellerna.") > economy.index("<table")


def test_autosave_with_htmx_answers_the_status_and_the_new_version(world):
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    client = world.client("manager")
    response = client.post(edit_url(report, mine), {"text": "Första utkastet", "version": 0}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sparat" in html
    assert "<html" not in html  # the status partial, not the page
    assert 'id="id_version" value="1"' in html  # the next autosave builds on this save
    assert "Första utkastet" in html  # the preview, swapped out of band
    assert section(world, report, "verksamhet").version == 1
    response = client.post(edit_url(report, mine), {"text": "Andra utkastet", "done": "on", "version": 1}, headers=HTMX)
    assert response.status_code == 200
    assert "markerat som klart" in response.content.decode()
    saved = section(world, report, "verksamhet")
    assert (saved.text, saved.done, saved.version) == ("Andra utkastet", True, 2)


def test_a_stale_save_is_refused_with_the_other_persons_text(world):
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    write(world, report, "verksamhet", "Controllerns text", persona="controller")  # version 0 → 1
    before = snapshot(world)
    client = world.client("manager")
    response = client.post(edit_url(report, mine), {"text": "Chefens text", "version": 0}, headers=HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat avsnittet" in html
    assert "Controllerns text" in html
    assert "controller@alfa.test" in html
    assert snapshot(world) == before
    # Without JavaScript: the page again, with both texts, and still nothing saved.
    response = client.post(edit_url(report, mine), {"text": "Chefens text", "version": 0})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Controllerns text" in html and "Chefens text" in html
    assert 'id="id_version" value="1"' in html
    assert snapshot(world) == before


@pytest.mark.parametrize("headers, status", [(HTMX, 422), ({}, 400)], ids=["htmx", "plain"])
def test_invalid_text_is_refused_and_nothing_is_saved(world, headers, status):
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    before = snapshot(world)
    client = world.client("manager")
    response = client.post(edit_url(report, mine), {"text": "Före\x00efter", "version": 0}, headers=headers)
    assert response.status_code == status
    assert "Null-tecken är inte tillåtna." in response.content.decode()
    response = client.post(edit_url(report, mine), {"text": "Utan version"}, headers=headers)
    assert response.status_code == status
    assert snapshot(world) == before


def test_written_script_is_escaped_on_the_section_page_and_in_the_preview(world):
    report = make_report(world)
    mine = give(world, report, "sammanfattning", "manager")
    client = world.client("manager")
    text = "<script>alert(1)</script>\n\n**Viktigt** <img src=x onerror=alert(2)>"
    saved = client.post(edit_url(report, mine), {"text": text, "version": 0}, headers=HTMX)
    assert saved.status_code == 200
    assert section(world, report, "sammanfattning").text == text
    for response in (
        saved,
        client.get(edit_url(report, mine)),
        client.get(url("report_preview", pk=report.pk)),
        world.client("controller").get(url("report_preview", pk=report.pk)),
    ):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>Viktigt</strong>" in html


# --- writers ----------------------------------------------------------------------------------


def test_controller_chooses_writers_among_those_who_report_for_the_unit(world):
    report = make_report(world, writer=None)
    target = section(world, report, "verksamhet")
    client = world.client("controller")
    page = client.get(url("report_outline", pk=report.pk)).content.decode()
    assert f'name="assignee-{target.pk}"' in page
    assert f'<option value="{world.users["manager"].pk}"' in page
    assert f'<option value="{world.users["reader"].pk}"' not in page  # a reader writes nothing
    assert f'<option value="{world.users["manager_out"].pk}"' not in page  # nor a chef of another division

    response = client.post(
        url("report_outline", pk=report.pk), {f"assignee-{target.pk}": world.users["manager"].pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("report_outline", pk=report.pk)
    assert "Fördelningen är sparad (1 ändringar)" in messages_of(response)
    assert section(world, report, "verksamhet").assignee == world.users["manager"]
    assert section(world, report, "medarbetare").assignee is None  # not in the form: left alone


@pytest.mark.parametrize("value", ["999999", "reader", "manager_out", "outsider", "abc"])
def test_an_unknown_writer_is_refused_with_a_message_and_nothing_changes(world, value):
    report = make_report(world, writer="controller")
    target, other = section(world, report, "verksamhet"), section(world, report, "medarbetare")
    value = str(world.users[value].pk) if value in world.users else value
    before = snapshot(world)
    response = world.client("controller").post(
        url("report_outline", pk=report.pk),
        {
            f"assignee-{other.pk}": world.users["manager"].pk,  # a valid choice in the same form is not saved either
            f"assignee-{target.pk}": value,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Skribenten för ”Verksamhet” finns inte bland de valbara." in messages_of(response)
    assert snapshot(world) == before


def test_only_planners_assign_writers(world):
    report = make_report(world)
    target = section(world, report, "verksamhet")
    before = snapshot(world)
    for persona in ("manager", "reader", "manager_out"):
        response = world.client(persona).post(
            url("report_outline", pk=report.pk), {f"assignee-{target.pk}": world.users[persona].pk}
        )
        assert response.status_code == 403
    assert snapshot(world) == before


def test_an_assigned_writer_reads_the_draft_and_writes_only_their_section(world):
    """A chef who moved to another division keeps the section they were given."""
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager_out")
    client = world.client("manager_out")
    assert client.get(url("report_outline", pk=report.pk)).status_code == 200
    assert client.get(edit_url(report, mine)).status_code == 200
    response = client.post(edit_url(report, mine), {"text": "Skrivet efter flytten.", "version": 0})
    assert response.status_code == 302
    assert section(world, report, "verksamhet").text == "Skrivet efter flytten."
    other = section(world, report, "medarbetare")
    assert client.post(edit_url(report, other), {"text": "Nej", "version": 0}).status_code == 403
    assert client.post(url("report_generate", pk=report.pk)).status_code == 403
    assert client.post(url("report_approve", pk=report.pk)).status_code == 403
    # and the index lists the report through the section
    assert f'href="{url("report_outline", pk=report.pk)}"' in client.get(url("report_index")).content.decode()


# --- pulling texts up --------------------------------------------------------------------------


def test_pull_up_appends_the_texts_of_the_units_below_under_their_names(world):
    div = make_report(world)
    vo1 = make_report(world, "VO1")
    make_report(world, "VO2")  # nothing written there: not pulled
    write(world, vo1, "verksamhet", "VO1 öppnade en ny mottagning.\n")
    write(world, vo1, "medarbetare", "Inte detta avsnitt.")
    other_kind = make_report(world, "VO1", kind="tertialrapport")  # same period, another kind: not pulled
    write(world, other_kind, "verksamhet", "Fel rapporttyp.")
    mine = give(world, div, "verksamhet", "manager")
    write(world, div, "verksamhet", "Divisionens inledning.", persona="manager")

    client = world.client("manager")
    page = client.get(edit_url(div, mine)).content.decode()
    assert "1 enhet under har skrivit detta avsnitt." in page
    response = client.post(url("section_pull", pk=div.pk, section_pk=mine.pk), follow=True)
    assert response.redirect_chain[-1][0] == edit_url(div, mine)
    assert "Texter från 1 enheter har lagts till sist i texten." in messages_of(response)
    pulled = section(world, div, "verksamhet")
    assert pulled.text == "Divisionens inledning.\n\n## Område Ett A\n\nVO1 öppnade en ny mottagning.\n"
    assert pulled.updated_by == world.users["manager"]
    assert "Fel rapporttyp" not in pulled.text and "Inte detta avsnitt" not in pulled.text
    assert section(world, vo1, "verksamhet").text == "VO1 öppnade en ny mottagning.\n"  # the source is untouched


def test_pull_up_without_texts_below_changes_nothing(world):
    div = make_report(world)
    make_report(world, "VO1")
    s = section(world, div, "verksamhet")
    before = snapshot(world)
    response = world.client("controller").post(url("section_pull", pk=div.pk, section_pk=s.pk), follow=True)
    assert "Enheterna under har inga texter i detta avsnitt ännu." in messages_of(response)
    assert snapshot(world) == before


# --- readers and approval -------------------------------------------------------------------------


def test_reader_reads_approved_reports_only(world):
    report = make_report(world)
    draft_run = make_run(world, report)
    reader = world.client("reader")
    s = section(world, report, "verksamhet")
    for name, kwargs in [
        ("report_outline", {"pk": report.pk}),
        ("report_preview", {"pk": report.pk}),
        ("section_edit", {"pk": report.pk, "section_pk": s.pk}),
        ("report_run", {"pk": draft_run.pk}),
        ("run_pdf", {"pk": draft_run.pk}),
        ("run_xlsx", {"pk": draft_run.pk}),
    ]:
        assert reader.get(url(name, **kwargs)).status_code == 403, name
    assert f'href="{url("report_outline", pk=report.pk)}"' not in reader.get(url("report_index")).content.decode()

    report = make_report(world, approved=True)
    approved_run = report.approved_run
    response = reader.get(url("report_outline", pk=report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fastställd" in html
    assert f'href="{url("report_run", pk=approved_run.pk)}"' in html
    assert url("report_preview", pk=report.pk) not in html
    assert f'href="{url("report_outline", pk=report.pk)}"' in reader.get(url("report_index")).content.decode()

    response = reader.get(url("run_pdf", pk=approved_run.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["Content-Disposition"].startswith("attachment")
    assert ".pdf" in response["Content-Disposition"]
    response = reader.get(url("run_xlsx", pk=approved_run.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK test"
    assert reader.get(url("report_run", pk=approved_run.pk)).status_code == 200

    # The versions made before approval stay with those who read drafts.
    assert reader.get(url("run_pdf", pk=draft_run.pk)).status_code == 403
    assert reader.get(url("report_run", pk=draft_run.pk)).status_code == 403
    assert reader.get(url("report_preview", pk=report.pk)).status_code == 403
    assert world.client("controller").get(url("run_pdf", pk=draft_run.pk)).status_code == 200


def test_reader_sees_only_the_approved_version_in_the_outline(world):
    """Regression: the outline listed every version of an approved report to a reader
    (who made each draft version, when, and links that answer 403)."""
    report = make_report(world)
    draft_run = make_run(world, report)
    report = make_report(world, approved=True)
    html = world.client("reader").get(url("report_outline", pk=report.pk)).content.decode()
    assert f'href="{url("report_run", pk=report.approved_run_id)}"' in html
    assert f'href="{url("run_pdf", pk=draft_run.pk)}"' not in html
    assert f'href="{url("report_run", pk=draft_run.pk)}"' not in html
    # those who read drafts see both
    html = world.client("manager").get(url("report_outline", pk=report.pk)).content.decode()
    assert f'href="{url("report_run", pk=draft_run.pk)}"' in html


def test_unfinished_version_has_no_download(world):
    report = make_report(world)
    for status in (ReportRun.QUEUED, ReportRun.RUNNING, ReportRun.FAILED):
        run = make_run(world, report, status=status)
        client = world.client("controller")
        assert client.get(url("run_pdf", pk=run.pk)).status_code == 404
        assert client.get(url("run_xlsx", pk=run.pk)).status_code == 404
        assert client.get(url("report_run", pk=run.pk)).status_code == 200


def test_making_a_version_queues_it_and_its_page_polls(world):
    report = make_report(world)
    client = world.client("controller")
    response = client.post(url("report_generate", pk=report.pk))
    with region_scope(world.alfa):
        run = ReportRun.objects.get(report=report)
    assert response.status_code == 302
    assert response["Location"] == url("report_run", pk=run.pk)
    assert (run.status, run.requested_by) == (ReportRun.QUEUED, world.users["controller"])
    page = client.get(url("report_run", pk=run.pk)).content.decode()
    assert "<html" in page and 'hx-trigger="every 1s"' in page
    partial = client.get(url("report_run", pk=run.pk), headers=HTMX)
    assert "<html" not in partial.content.decode() and 'id="run-status"' in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_approval_freezes_the_report(world):
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    write(world, report, "verksamhet", "Fastställd text.", persona="manager")
    client = world.client("controller")
    response = client.post(url("report_approve", pk=report.pk))
    with region_scope(world.alfa):
        report = Report.objects.get(pk=report.pk)
    assert response.status_code == 302
    assert response["Location"] == url("report_run", pk=report.approved_run_id)
    assert (report.state, report.approved_by) == (Report.APPROVED, world.users["controller"])

    before = snapshot(world)
    response = client.post(url("report_approve", pk=report.pk), follow=True)
    assert "Rapporten är fastställd och kan inte ändras." in messages_of(response)
    response = client.post(url("report_generate", pk=report.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("report_outline", pk=report.pk)
    assert "Rapporten är fastställd och kan inte ändras." in messages_of(response)
    response = client.post(url("report_outline", pk=report.pk), {f"assignee-{mine.pk}": ""}, follow=True)
    assert "Rapporten är fastställd och kan inte ändras." in messages_of(response)
    for persona in ("manager", "controller"):
        for headers in ({}, HTMX):
            response = world.client(persona).post(
                edit_url(report, mine), {"text": "Ändrad efteråt", "version": 1}, headers=headers
            )
            assert "Sparat" not in response.content.decode()
        response = world.client(persona).post(url("section_pull", pk=report.pk, section_pk=mine.pk))
        assert response.status_code in (302, 403)
    assert snapshot(world) == before
    page = world.client("manager").get(edit_url(report, mine)).content.decode()
    assert "Rapporten är fastställd; texten är låst." in page and 'name="text"' not in page


def test_saving_a_section_of_an_approved_report_says_it_is_approved(world):
    """Regression: a save on an approved report was a bare 403 (Ingen behörighet)."""
    report = make_report(world, approved=True)
    s = section(world, report, "verksamhet")
    before = snapshot(world)
    response = world.client("controller").post(
        edit_url(report, s), {"text": "Ändrad efteråt", "version": 0}, follow=True
    )
    assert response.redirect_chain and response.redirect_chain[-1][0] == url("report_outline", pk=report.pk)
    assert "fastställd" in messages_of(response)
    assert snapshot(world) == before


def test_autosave_after_approval_tells_the_writer(world):
    """Regression: the autosave got a 403, which htmx does not swap: the writer was not
    told that what they typed was no longer saved."""
    report = make_report(world)
    mine = give(world, report, "verksamhet", "manager")
    client = world.client("manager")
    assert client.get(edit_url(report, mine)).status_code == 200  # the writer opens the page
    make_report(world, approved=True)  # the controller approves meanwhile
    before = snapshot(world)
    response = client.post(edit_url(report, mine), {"text": "Skrivet efter fastställandet", "version": 0}, headers=HTMX)
    assert snapshot(world) == before
    told = response.status_code in (200, 409, 422) and "fastställd" in response.content.decode()
    redirected = response.get("HX-Redirect") == url("report_outline", pk=report.pk)
    assert told or redirected


# --- the outline's names ------------------------------------------------------------------------


@pytest.mark.parametrize("persona, approved", [("manager", False), ("reader", True), ("controller", True)])
def test_outline_shows_sections_without_a_writer(world, persona, approved):
    """Regression: `s.assignee.full_name|default:s.assignee.email` raises when there is no
    writer (a filter argument must resolve): the outline was a 500 for all but a planner
    of a draft."""
    report = make_report(world, writer=None, approved=approved)
    response = world.client(persona).get(url("report_outline", pk=report.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("gone", ["requested_by", "approved_by", "updated_by"])
def test_pages_survive_a_deleted_user(world, gone):
    """Regression: a version, approval or save whose user was deleted (SET_NULL) made the
    outline, or a conflicting autosave, a 500."""
    report = make_report(world)
    s = write(world, report, "verksamhet", "Text av en som slutat.", persona="manager")
    report = make_report(world, approved=gone == "approved_by")
    with region_scope(world.alfa), auditing.acting_as(label="test"):
        if gone == "requested_by":
            run = make_run(world, report)
            run.requested_by = None
            run.save()
        elif gone == "approved_by":
            report.approved_by = None
            report.save()
        else:
            s.updated_by = None
            s.save()
    client = world.client("controller")
    if gone == "updated_by":  # a stale save meets the text of the user who is gone
        response = client.post(edit_url(report, s), {"text": "Ny text", "version": 0}, headers=HTMX)
        assert response.status_code == 409
    else:
        assert client.get(url("report_outline", pk=report.pk)).status_code == 200


# --- opening a report ------------------------------------------------------------------------------


def open_data(world, unit="DIV"):
    return {"kind": "delarsrapport", "unit": world.units[unit].pk, "period": REPORT_PERIOD}


def test_controller_opens_a_report_with_the_kinds_sections(world):
    client = world.client("controller")
    page = client.get(url("report_index"))
    assert page.status_code == 200 and 'name="kind"' in page.content.decode()
    response = client.post(url("report_index"), open_data(world), follow=True)
    with region_scope(world.alfa):
        report = Report.objects.select_related("kind", "unit", "period").get()
        keys = list(report.sections.values_list("key", "automatic"))
    assert response.redirect_chain[-1][0] == url("report_outline", pk=report.pk)
    assert "Rapporten är skapad med sina avsnitt." in messages_of(response)
    assert (report.kind.key, report.unit, report.period.code, report.state) == (
        "delarsrapport",
        world.units["DIV"],
        REPORT_PERIOD,
        Report.DRAFT,
    )
    assert [k for k, _ in keys] == [s["key"] for s in report.kind.sections]
    assert dict(keys) == {key: catalogue.is_automatic(key) for key, _ in keys}
    assert (
        len(keys) == 17
    )  # the report's 14, Väsentliga personalförhållanden, Uppföljning av internkontroll and Systematiskt arbetsmiljöarbete
    assert [k for k, _ in keys].index("internkontroll") == [k for k, _ in keys].index("uppdrag") + 1
    # Opening it again opens the same report.
    before = snapshot(world)
    response = client.post(url("report_index"), open_data(world))
    assert response["Location"] == url("report_outline", pk=report.pk)
    assert snapshot(world) == before


@pytest.mark.parametrize("persona", ["manager", "manager_out", "reader"])
def test_only_planners_open_reports(world, persona):
    before = snapshot(world)
    client = world.client(persona)
    assert 'name="kind"' not in client.get(url("report_index")).content.decode()
    assert client.post(url("report_index"), open_data(world)).status_code == 403
    assert snapshot(world) == before


def test_a_controller_of_another_division_cannot_open_one_for_div(world):
    user = grant(world.alfa, "controller-annan@alfa.test", Role.CONTROLLER, world.units["OTHER"])
    client = Client()
    client.force_login(user)
    before = snapshot(world)
    response = client.post(url("report_index"), open_data(world))
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert snapshot(world) == before
    assert client.post(url("report_index"), open_data(world, "OTHER")).status_code == 302


def test_bad_input_to_open_a_report_changes_nothing(world):
    client = world.client("controller")
    before = snapshot(world)
    for data in ({**open_data(world), "kind": "saknas"}, {**open_data(world), "period": "1999-T2"}, {}):
        assert client.post(url("report_index"), data).status_code == 400
        assert client.post(url("report_index"), data, headers=HTMX).status_code == 422
    assert snapshot(world) == before


# --- report kinds ---------------------------------------------------------------------------------------


def test_controller_changes_a_kinds_sections_and_own_text_sections(world):
    opened = make_report(world)  # opened before the change: keeps its sections
    sections_before = snapshot(world)["sections"]
    client = world.client("controller")
    page = client.get(url("report_kind_edit", key="delarsrapport"))
    assert page.status_code == 200
    response = client.post(
        url("report_kind_edit", key="delarsrapport"),
        {
            "name": "Delårsrapport med egna avsnitt",
            "tertial": "2",
            "sections": ["verksamhet", "sammanfattning", "ekonomi"],
            "own_sections": "Uppföljning av internkontroll\n\nPatientsäkerhet\n",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("report_kinds")
    assert "Rapporttypen ”Delårsrapport med egna avsnitt” är sparad." in messages_of(response)
    assert "Patientsäkerhet" in response.content.decode()
    with region_scope(world.alfa):
        kind = ReportKind.objects.get(key="delarsrapport")
    assert kind.name == "Delårsrapport med egna avsnitt"
    assert kind.sections == [
        {"key": "sammanfattning", "title": "Sammanfattning"},
        {"key": "text-uppfoljning-av-internkontroll", "title": "Uppföljning av internkontroll"},
        {"key": "text-patientsakerhet", "title": "Patientsäkerhet"},
        {"key": "verksamhet", "title": "Verksamhet"},
        {"key": "ekonomi", "title": "Ekonomi: utfall, budget och kostnadsutveckling"},
    ]
    assert snapshot(world)["sections"] == sections_before  # DIV's report keeps its 15 sections
    assert (
        len([row for row in sections_before if row[1] == opened.pk]) == 17
    )  # the report's 14 and Väsentliga personalförhållanden
    vo1 = make_report(world, "VO1", writer=None)
    with region_scope(world.alfa):
        made = list(vo1.sections.values_list("key", "title", "automatic"))
    assert made == [
        ("sammanfattning", "Sammanfattning", False),
        ("text-uppfoljning-av-internkontroll", "Uppföljning av internkontroll", False),
        ("text-patientsakerhet", "Patientsäkerhet", False),
        ("verksamhet", "Verksamhet", False),
        ("ekonomi", "Ekonomi: utfall, budget och kostnadsutveckling", True),
    ]


@pytest.mark.parametrize(
    "data, error",
    [
        ({"name": "Delårsrapport", "tertial": "2", "own_sections": ""}, "Välj minst ett avsnitt."),
        ({"name": "Delårsrapport", "tertial": "2", "own_sections": "Egen\negen"}, "Samma rubrik står två gånger."),
        ({"name": "Delårsrapport", "tertial": "2", "own_sections": "x" * 201}, "Rad 1: högst 200 tecken."),
        ({"name": "", "tertial": "2", "sections": ["verksamhet"]}, "Detta fält måste fyllas i."),
        ({"name": "Delårsrapport", "tertial": "4", "sections": ["verksamhet"]}, "Välj ett giltigt alternativ"),
        ({"name": "Delårsrapport", "tertial": "2", "sections": ["finns-inte"]}, "Välj ett giltigt alternativ"),
    ],
    ids=["no-sections", "same-title", "long-title", "no-name", "bad-tertial", "unknown-section"],
)
@pytest.mark.parametrize("stored", [False, True], ids=["defaults", "stored"])
def test_bad_kind_input_gives_a_swedish_error_and_changes_nothing(world, data, error, stored):
    if stored:
        make_report(world)  # opening a report stores the default kinds
    before = snapshot(world)
    response = world.client("controller").post(url("report_kind_edit", key="delarsrapport"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert snapshot(world) == before


def test_unknown_kind_is_404(world):
    assert world.client("controller").get(url("report_kind_edit", key="finns-inte")).status_code == 404


# --- other regions ------------------------------------------------------------------------------------


def test_outsider_gets_404_on_every_report_url_of_alfa(world):
    report = make_report(world, approved=True)
    draft = make_report(world, "VO1")
    run = make_run(world, draft)
    s = section(world, draft, "verksamhet")
    before = snapshot(world)
    client = world.client("outsider")
    urls = [url("report_index"), url("report_kinds"), url("report_kind_edit", key="delarsrapport")]
    for pk, section_pk in ((report.pk, section(world, report, "verksamhet").pk), (draft.pk, s.pk)):
        urls += [url(name, pk=pk) for name in ("report_outline", "report_preview", "report_generate", "report_approve")]
        urls += [url(name, pk=pk, section_pk=section_pk) for name in ("section_edit", "section_pull")]
    for run_pk in (report.approved_run_id, run.pk):
        urls += [url(name, pk=run_pk) for name in ("report_run", "run_pdf", "run_xlsx")]
    assert len(urls) == 21
    for address in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(
                address, *([{"text": "x", "version": 0, **open_data(world)}] if method == "post" else [])
            )
            assert response.status_code == 404, f"{method.upper()} {address}"
    assert snapshot(world) == before


def test_a_section_is_reached_only_through_its_own_report(world):
    div = make_report(world)
    vo1 = make_report(world, "VO1")
    foreign = section(world, vo1, "verksamhet")
    before = snapshot(world)
    client = world.client("controller")
    assert client.get(url("section_edit", pk=div.pk, section_pk=foreign.pk)).status_code == 404
    assert (
        client.post(url("section_edit", pk=div.pk, section_pk=foreign.pk), {"text": "x", "version": 0}).status_code
        == 404
    )
    assert client.post(url("section_pull", pk=div.pk, section_pk=foreign.pk)).status_code == 404
    assert snapshot(world) == before


def test_what_readers_see_is_set_with_the_report_kinds(world):
    from reports.models import ReaderSettings

    client = world.client("controller")
    page = client.get(url("report_kinds")).content.decode()
    assert "Vad läsare ser" in page and "ser kommentarerna innan rapporten är fastställd" in page
    response = client.post(url("report_kinds"), {"readers_see_drafts": "on"})
    assert response.status_code == 302
    with region_scope(world.alfa):
        assert ReaderSettings.current().readers_see_drafts
    with region_scope(world.beta):
        assert not ReaderSettings.current().readers_see_drafts
    assert world.client("manager").post(url("report_kinds"), {"readers_see_drafts": "on"}).status_code == 403
