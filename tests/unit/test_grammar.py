"""Grammar of every generated sentence, over every preset and a sweep of inputs: plurals ("1 hours",
"1 projects"), articles ("an 8%", "an 11-person firm"), money with separators ("$45,000" not
"$45000"), no "None" or "nan", no "0 medium projects a year". And the presets tell their story:
every project they count is said in words."""

from __future__ import annotations

import re
from itertools import product

import pytest

import vcio_model as vm
from vcio_app.content import explain, words
from vcio_app.content import projects as projects_view
from vcio_model.format import article, with_article
from vcio_model.presets import preset_stories

SLIPS = {
    "plural after 1": re.compile(
        r"(?<![\d.,])1 (hours|projects|years|employees|people|sites|days|months|trials)\b"
    ),
    "singular after another number": re.compile(
        r"\b(?<![.,])(?!1\b)\d[\d,.]* (hour|project|year|employee|site|month)"
        r"(?=[,.;:)]|$| a year\b| in\b| and\b| or\b)"
    ),
    "'a' before a vowel sound": re.compile(r"\b[Aa] (8|11|18)(?!\d)|\b[Aa] 8\d"),
    "'an' before a consonant sound": re.compile(r"\b[Aa]n (?!8|11\b|18\b|11-|18-)\d"),
    "zero of something a year": re.compile(r"\b0(\.0)? \w+ projects? a year"),
    "money without separators": re.compile(r"\$\d{4,}"),
    "a missing value": re.compile(
        r"\b(None|nan|NaN|null|undefined)\b(?!:)"
    ),  # "None: ..." is a word
    "a percentage with a needless .0": re.compile(r"\b\d+\.0%"),
    "doubled space or punctuation": re.compile(r"  |\s[,.;:]|\.\.(?!\.)|,,"),
}


def slips(text: str) -> list[str]:
    return [
        f"{name}: {m.group(0)!r} in {text!r}"
        for name, rx in SLIPS.items()
        for m in rx.finditer(text)
    ]


def test_the_checks_can_fail():
    bad = (
        "It takes 1 hours for 1 projects at a 8% discount rate for a 11-person firm, "
        "0 medium projects a year, a budget of $45000, None, 3 project, an 5% rate, 8.0%."
    )
    found = " ".join(slips(bad))
    for name in SLIPS:
        if name != "doubled space or punctuation":
            assert name in found, name
    assert slips("1 hour, 3 projects a year, an 8% rate, an 11-person firm, $45,000.") == []


def _scenarios() -> list[vm.Scenario]:
    named = [vm.Project(name="Move accounting to AWS", size="medium", budget=60_000)]
    out = [sc for _title, sc in vm.load_presets().values()]
    for employees, projects, years, with_named in product(
        (1, 8, 11, 18, 25, 80, 400), (0, 0.5, 1, 3), (1, 5), (False, True)
    ):
        out.append(
            vm.Scenario(
                employees=employees,
                projects_per_year=projects,
                years=years,
                projects=named if with_named else [],
            )
        )
    return out


SCENARIOS = _scenarios()


@pytest.mark.parametrize(
    "sc",
    SCENARIOS,
    ids=lambda sc: (
        f"{sc.company or sc.employees}-{sc.projects_per_year:g}-{sc.years}-{len(sc.projects)}"
    ),
)
def test_every_generated_sentence_reads_right(sc):
    c = vm.compare(sc)
    a = vm.load_assumptions()
    sim = vm.simulate(sc, trials=400, seed=1)
    cert = vm.certainty(sc, comparison=c, simulation=sim)
    base = vm.compare(projects_view.without_projects(sc))
    kinds = {o.id: (o.leadership, o.support) for o in c.options}
    takeaway, spread = explain.risk_takeaway(sim.summary(), sim.trials, kinds)
    texts = [c.verdict, *c.reasons, cert.sentence, takeaway, spread]
    texts += [words.options_sentence(c), projects_view.projects_hours_note(c, a)]
    texts += [f"at {with_article(words.rate(sc.discount_rate))} discount rate"]
    frames = [projects_view.leadership_frame(c, base), projects_view.leaders_frame(c, a)]
    if sc.projects:
        frames.append(projects_view.named_projects_frame(c, a))
    texts += [str(v) for f in frames for v in f.to_numpy().ravel()]
    problems = [p for t in texts if t for p in slips(t)]
    assert problems == []


@pytest.mark.parametrize("sc", SCENARIOS[:5] + SCENARIOS[5::9], ids=lambda sc: f"{sc.employees}")
def test_where_and_sensitivity_sentences_read_right(sc):
    c = vm.compare(sc)
    names = {o.id: o.name for o in c.options}
    fr = vm.frontier(sc, employees=[1, 10, 25, 100, 400, 2000], projects=[0, 1, 3, 8])
    head, details = explain.where_summary(
        fr, sc.employees, sc.projects_per_year, c.recommended, names, named=len(sc.projects)
    )
    sens_head, sens_details = explain.sensitivity_takeaway(vm.sensitivity(sc), names)
    problems = [p for t in [head, *details, sens_head, *sens_details] for p in slips(t)]
    assert problems == []
    if sc.projects and sc.projects_per_year == 0:
        assert "no IT projects besides your named project" in head


def test_articles_follow_the_spoken_number():
    assert [article(f"{n}-person") for n in (8, 11, 18, 45, 80, 100, 800, 1_100)] == [
        "an", "an", "an", "a", "an", "a", "an", "a",
    ]  # fmt: skip
    assert vm.compare(vm.Scenario(employees=8)).verdict.startswith("For an 8-person firm")
    assert vm.compare(vm.Scenario(employees=11)).verdict.startswith("For an 11-person firm")


@pytest.mark.parametrize("pid", list(vm.load_presets()))
def test_each_preset_tells_its_story(pid):
    """The named project is the load: a preset counts no typical yearly projects its story does
    not name, and the story gives every named project's budget."""
    _title, sc = vm.load_presets()[pid]
    story = preset_stories()[pid]
    assert story and slips(story) == []
    if sc.projects_per_year:
        assert f"{sc.projects_per_year:g} " in story, (pid, "typical projects a year not said")
    else:
        assert "no other projects" in story
    for p in sc.projects:
        if p.budget is not None:
            assert f"${p.budget:,.0f}" in story, (pid, p.name)
    # the company reads inside a sentence: a proper name, not "Example accounting firm"
    assert sc.company and sc.company[0].isupper() and not sc.company.startswith("Example")
    assert vm.compare(sc).verdict.startswith(f"For {sc.company} with ")


def test_the_report_says_an_8_percent_rate_and_an_8_person_firm():
    from vcio_app import reports  # noqa: PLC0415

    page = " ".join(reports.html_report(vm.compare(vm.Scenario(employees=8))).split())
    assert "at an 8% discount rate" in page and "at a 8" not in page
    assert "an 8-person firm" in page and "a 8-person" not in page
