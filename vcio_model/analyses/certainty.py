"""``certainty``: how sure the verdict is: the shares of simulated futures the verdict rests on."""

from __future__ import annotations

from dataclasses import dataclass

from ..assumptions import Assumptions
from ..scenario import Scenario
from .compare import Comparison, compare
from .simulate import Simulation
from .verdict import VERDICT_SEED, VERDICT_TRIALS


@dataclass
class Certainty:
    """How sure the verdict is: each option's chance of being the cheapest over simulated futures.

    ``winner``, ``runner_up`` and ``close_call`` are ``compare``'s: the same rule decided them on
    the same futures (``verdict.decide``). ``most_often`` is the option cheapest in the most
    futures; ``agrees`` is false only in a close call where that is not the lowest-cost option.
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
    trials: int = VERDICT_TRIALS,
    seed: int = VERDICT_SEED,
    assumptions: Assumptions | None = None,
) -> Certainty:
    """How sure the verdict is, in numbers and in one plain sentence.

    The chance of being cheapest is the share of the verdict's simulated futures
    (``simulate(scenario, trials, seed)``, the Risk page's with the defaults) in which an option
    has the lowest NPV. ``comparison`` (default ``compare(scenario, assumptions, trials, seed)``)
    carries them: the verdict and this read one decision, so they cannot disagree.

    ``simulation`` names the futures when no ``comparison`` is given (its trials and seed are
    used; with the defaults it is the Risk page's). With a ``comparison`` the comparison's futures
    decide, and a simulation of other futures is not used.

    Examples
    --------
    >>> c = certainty(Scenario(employees=45, projects_per_year=3), trials=500)
    >>> 0 <= c.p_winner <= 1 and abs(sum(c.p_cheapest.values()) - 1) < 1e-9
    True
    """
    if comparison is None and simulation is not None:
        trials, seed = simulation.trials, simulation.seed
    comp = comparison or compare(scenario, assumptions, trials=trials, seed=seed)
    d = comp.decision
    return Certainty(
        winner=d.recommended,
        runner_up=d.runner_up,
        p_cheapest=dict(d.shares),
        p_winner=d.shares[d.recommended],
        most_often=d.most_often,
        agrees=d.most_often == d.recommended,
        close_call=d.close_call,
        trials=d.trials,
        sentence=comp.how_sure,
    )
