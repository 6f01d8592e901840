"""Where apps plug into the core, from their `AppConfig.ready()`, so that the core names no
app and an app is added without editing the others (the checklist: docs/adding-an-app.md).

- `add_urls(prefix, module)`: the app's URL patterns under `/<region>/<prefix>`;
- `add_nav(...)`: an entry in the main menu, shown to those with the permission it names;
- `set_reader_landing(url_name)`: where a person who only reads lands (the dashboard);
- `add_unit_link(...)`: a link beside each of the user's roles on the start page;
- `add_report_section(...)`: a section a report kind can hold, with what builds it;
- `add_dashboard_block(...)`: a block of the region dashboard;
- `add_owed(...)`: things a unit owes per period besides the plan items (controls of the
  internal-control plan, SAM's due activities), for Min uppföljning, the overview, the
  reminder digest and the attention list.

Demo data plug in the same way through `regionplan.demo.register_seeder`, and job models
through `regionplan.background.register_job`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import include, path, reverse

from regionplan.permissions import WHOLE_REGION, Action, has_permission

# --- URLs and the menu ---------------------------------------------------------------------

_urls: list[tuple[str, str]] = []


def add_urls(prefix: str, module: str) -> None:
    """Include the app's `module` (its urlpatterns) under `/<region>/<prefix>`."""
    if (prefix, module) not in _urls:
        _urls.append((prefix, module))


def url_includes() -> list:
    """The registered apps' URL includes, for the core's region patterns."""
    return [path(prefix, include(module)) for prefix, module in _urls]


@dataclass(frozen=True)
class NavEntry:
    """A main-menu entry. `action`: the permission the user needs somewhere in the region
    (None: every member), over the whole region if `whole_region`. It is the current page
    when the view's URL name is in `current`, or the path below the region starts with
    `current_prefix`."""

    label: object
    url_name: str
    order: int
    action: str | None = None
    whole_region: bool = False
    current: tuple[str, ...] = ()
    current_prefix: str = ""


_nav: dict[str, NavEntry] = {}


def add_nav(entry: NavEntry) -> None:
    _nav[entry.url_name] = entry


def nav_for(request) -> list[dict]:
    """The menu for this request: label, address and whether it is the current page."""
    region = request.region
    here = request.path[len(f"/{region.slug}/") :]
    name = getattr(request.resolver_match, "url_name", None)
    entries = []
    for entry in sorted(_nav.values(), key=lambda e: e.order):
        if entry.action and not has_permission(
            request.roles, Action(entry.action), WHOLE_REGION if entry.whole_region else None
        ):
            continue
        current = name in entry.current or bool(entry.current_prefix and here.startswith(entry.current_prefix))
        entries.append({"label": entry.label, "url": reverse(entry.url_name, args=[region.slug]), "current": current})
    return entries


_landing: dict[str, str] = {}


def set_reader_landing(url_name: str) -> None:
    """The page a person who only reads (a politician) lands on instead of the start page."""
    _landing["reader"] = url_name


def reader_landing() -> str | None:
    return _landing.get("reader")


@dataclass(frozen=True)
class UnitLink:
    """A link beside each of the user's roles on the start page: label(year) and the URL
    name taking (region slug, unit id, year)."""

    label: Callable[[int], str]
    url_name: str
    order: int = 0


_unit_links: list[UnitLink] = []


def add_unit_link(link: UnitLink) -> None:
    if link not in _unit_links:
        _unit_links.append(link)


def unit_links(region, unit, year: int) -> list[dict]:
    return [
        {"label": link.label(year), "url": reverse(link.url_name, args=[region.slug, unit.pk, year])}
        for link in sorted(_unit_links, key=lambda link: link.order)
    ]


# --- Reports, dashboards and what units owe ----------------------------------------------------


@dataclass(frozen=True)
class ReportSection:
    """A section a report can hold. `automatic` sections are filled when the report is made:
    `build(data)` returns its tables and charts, where `data` is what the report loaded for
    its unit and period (apps that read their own data take `data.unit` and `data.period`);
    `empty_note` is shown when they come out empty. Narrative sections are written."""

    key: str
    title: object
    automatic: bool
    order: int
    build: Callable | None = None
    empty_note: object = ""


_sections: dict[str, ReportSection] = {}


def add_report_section(section: ReportSection) -> None:
    _sections[section.key] = section


def report_sections() -> list[ReportSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


@dataclass(frozen=True)
class DashboardBlock:
    """A block of the region dashboard: `build(scope)` gives the template's context (or
    None to leave the block out), rendered with `template`, in `order`."""

    key: str
    template: str
    order: int
    build: Callable


_blocks: dict[str, DashboardBlock] = {}


def add_dashboard_block(block: DashboardBlock) -> None:
    _blocks[block.key] = block


def dashboard_blocks() -> list[DashboardBlock]:
    return sorted(_blocks.values(), key=lambda b: b.order)


@dataclass
class Owed:
    """One thing a unit owes in a period, besides the plan items: what it is, where to
    report it, by when, and whether it is done.

    With a `row_template` it is reported in place on Min uppföljning, as a row beside the
    plan items under the heading `section`: the template extends followup/_row_frame.html
    and gets `row` (key, save_url, open, label, last_saved) and `form`. Without one, the page
    lists it with a link to `url`."""

    unit: object
    title: str
    kind: str
    url: str
    due: object = None
    done: bool = False
    overdue: bool = False
    detail: str = ""
    extra: dict = field(default_factory=dict)
    section: str = ""
    row_template: str = ""
    row: object = None
    form: object = None


_owed: dict[str, Callable] = {}


def add_owed(key: str, provider: Callable) -> None:
    """`provider(period, units_q, today)` → the `Owed` things of the units `units_q` (a Q on
    OrgUnit) for the period, in the current region, in a fixed number of queries."""
    _owed[key] = provider


def owed(period, units_q, today) -> list[Owed]:
    """Everything the registered apps say the units owe in the period."""
    found: list[Owed] = []
    for provider in _owed.values():
        found.extend(provider(period, units_q, today))
    return found
