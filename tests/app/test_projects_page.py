"""AppTest: the Projects page shows leading the projects alone, per year, with the retainer or
salary apart, and who leads each named project under each option."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import vcio_model as vm
from tests.app.cards import html_tables
from vcio_app.scenario import links as share

ROOT = Path(__file__).resolve().parents[2]


def _open(sc: vm.Scenario) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in share.url_params(sc).items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/projects.py").run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, first_column: str):
    return next(t for t in html_tables(at) if t.columns[0] == first_column)


AWS = vm.Project(name="Move accounting to AWS", size="medium", budget=60_000, start_year=1)


def test_project_leadership_per_year_is_what_the_projects_add_and_the_retainer_is_apart():
    sc = vm.Scenario(employees=25, projects_per_year=0, projects=[AWS], years=5)
    c = vm.compare(sc)
    base = vm.compare(sc.updated(projects=[]))
    table = _table(_open(sc), "Option").set_index("Option")
    for o in c.options:
        b = base.option(o.id)
        year1 = o.breakdown["leadership"][0] - b.breakdown["leadership"][0]
        paid = "in the salary" if year1 < 0.5 else vm.money(year1)
        assert table.at[o.short_name, "Year 1"] == f"{o.leadership_hours[0]:,.0f} h · {paid}"
        assert table.at[o.short_name, "Year 2"] == "none"  # the AWS move is in year 1 only
        fixed = (sum(b.breakdown["leadership"]) + b.upfront_breakdown["leadership"]) / sc.years
        want = vm.money(fixed) if fixed >= 0.5 else "none"
        assert table.at[o.short_name, "Retainer or salary a year (apart)"] == want
    vcio = c.option("managed_vcio")
    assert table.at[vcio.short_name, "Retainer or salary a year (apart)"] != "none"
    # the project alone costs a fraction of the whole leadership line (the issue's $133k)
    assert (
        vcio.breakdown["leadership"][0] - base.option("managed_vcio").breakdown["leadership"][0]
        < 0.5 * vcio.breakdown["leadership"][0]
    )


def test_who_leads_each_named_project_under_each_option():
    sc = vm.Scenario(employees=25, projects_per_year=0, projects=[AWS])
    a = vm.load_assumptions()
    at = _open(sc)
    named = _table(at, "Project")
    assert len(named) == 1 and named.iloc[0]["Year"] == "1"
    share_v = a["vcio_project_share"]
    alone = vm.compare(sc)  # the AWS move is the only project: its hours are the model's
    for o in alone.options:
        hours = o.leadership_hours[0]
        cell = named.iloc[0][o.short_name]
        if o.leadership == "vcio":
            assert (
                cell
                == f"vCIO {hours * share_v:,.0f} h + your manager {hours * (1 - share_v):,.0f} h"
            )
        elif o.leadership == "vcio_project":
            assert cell == (
                f"rented vCIO {hours * share_v:,.0f} h + your manager {hours * (1 - share_v):,.0f} h"
            )
        elif o.leadership == "cio":
            assert cell == f"CIO {hours:,.0f} h"
        elif o.leadership == "none":
            assert cell == f"your manager {hours:,.0f} h"
        else:
            assert f"{hours:,.0f} h" in cell
    who = _table(at, "Options")
    assert len(who) == len({o.leadership for o in vm.compare(sc).options})


def test_no_named_projects_no_named_table():
    at = _open(vm.Scenario(employees=25, projects_per_year=2))
    assert html_tables(at) and all(t.columns[0] != "Project" for t in html_tables(at))


def _present(sc: vm.Scenario) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in {**share.url_params(sc, present=True)}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/projects.py").run()
    assert not at.exception, at.exception
    assert at.session_state["presentation"] is True
    return at


def _editing_controls(at: AppTest) -> list[str]:
    """The project editor's grid (a dataframe element) and its "Add a project" button."""
    grids = [f"grid {e.key}" for e in at.get("dataframe")]
    buttons = [b.label for b in at.button if b.key and b.key.startswith("edit_projects")]
    return grids + buttons


def test_presentation_mode_shows_the_project_load_in_a_sentence_and_no_editor():
    sc = vm.Scenario(employees=60, projects_per_year=2)
    at = _present(sc)
    assert _editing_controls(at) == []
    assert all(t.columns[0] != "Project" for t in html_tables(at))  # no empty project table
    text = "\n".join(m.value for m in at.main.markdown)
    assert (
        "The figures count a typical load of 2 medium projects a year; no named projects." in text
    )
    # the same scenario outside presentation mode has the editor: the check above can fail
    assert len(_editing_controls(_open(sc))) == 2


def test_presentation_mode_lists_named_projects_read_only():
    at = _present(vm.Scenario(employees=60, projects_per_year=0, projects=[AWS]))
    assert _editing_controls(at) == []
    assert _table(at, "Project")["Project"].tolist() == [AWS.name]
    text = "\n".join(m.value for m in at.main.markdown)
    assert "The figures count the named project below and no typical yearly load." in text
