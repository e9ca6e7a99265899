"""``certainty``: how sure the verdict is, from the simulation's futures."""

from __future__ import annotations

from dataclasses import dataclass

from ..assumptions import Assumptions
from ..format import chance, in_sentence
from ..scenario import Scenario
from .compare import Comparison, compare
from .simulate import Simulation, simulate


@dataclass
class Certainty:
    """How sure the verdict is: each option's chance of being the cheapest over simulated futures.

    ``winner`` is ``compare``'s recommendation (lowest NPV at expected values); ``most_often`` the
    option cheapest in the most simulated futures. They differ when an option is cheaper in most
    futures but costs more on average (its bad futures are worse).
    """

    winner: str
    runner_up: str
    p_cheapest: dict[str, float]
    p_winner: float
    most_often: str
    agrees: bool
    close_call: bool
    trials: int
    sentence: str

    def to_dict(self) -> dict:
        return {
            "winner": self.winner,
            "p_winner": self.p_winner,
            "most_often": self.most_often,
            "agrees": self.agrees,
            "close_call": self.close_call,
            "trials": self.trials,
            "p_cheapest": self.p_cheapest,
            "sentence": self.sentence,
        }


def certainty(
    scenario: Scenario,
    comparison: Comparison | None = None,
    simulation: Simulation | None = None,
    trials: int = 5000,
    seed: int = 1,
    assumptions: Assumptions | None = None,
) -> Certainty:
    """How sure the verdict is, in numbers and in one plain sentence.

    The chance of being cheapest is the share of ``simulate(scenario, trials, seed)``'s futures in
    which an option has the lowest NPV: the same figure as the Risk page. Pass ``comparison`` and
    ``simulation`` to reuse results already computed for the same scenario.

    Examples
    --------
    >>> c = certainty(Scenario(employees=45, projects_per_year=3), trials=500)
    >>> 0 <= c.p_winner <= 1 and abs(sum(c.p_cheapest.values()) - 1) < 1e-9
    True
    """
    comp = comparison or compare(scenario, assumptions)
    sim = simulation or simulate(scenario, trials=trials, seed=seed, assumptions=assumptions)
    summary = sim.summary().set_index("option")
    p = {i: float(summary.at[i, "p_cheapest"]) for i in sim.option_ids}
    most = max(p, key=p.get)
    win, run = comp.recommended, comp.runner_up
    names = {o.id: in_sentence(o.name) for o in comp.options}
    futures = f"{sim.trials:,} simulated futures"
    if comp.close_call:
        third = f", {names[most]} in {chance(p[most])}" if most not in (win, run) else ""
        sentence = (
            f"Too close to call: {names[win]} is the cheapest in {chance(p[win])} of {futures} "
            f"and {names[run]} in {chance(p[run])}{third}."
        )
    elif most != win:
        sentence = (
            f"Not certain: {names[most]} is the cheapest in more of {futures} "
            f"({chance(p[most])}, against {chance(p[win])} for {names[win]}), but its bad "
            f"futures cost more, so {names[win]} costs less on average."
        )
    else:
        strength = "Fairly sure" if p[win] >= 0.6 else "Not certain"
        if p[win] >= 0.8:
            strength = "Sure"
        sentence = (
            f"{strength}: {names[win]} is the cheapest in {chance(p[win])} of {futures}"
            f" ({names[run]} in {chance(p[run])})."
        )
    return Certainty(
        winner=win,
        runner_up=run,
        p_cheapest=p,
        p_winner=p[win],
        most_often=most,
        agrees=most == win,
        close_call=comp.close_call,
        trials=sim.trials,
        sentence=sentence,
    )
