"""Cost terms and their sum: one option's costs, kept as terms of their own broadcast shapes.

On a size x load grid most terms depend on one axis only (support on size, overruns on load);
``OptionCosts.npv`` discounts every term on its own small shape and forms the grid with a single
addition. Costs are positive numbers; year ``i`` is paid during year ``i + 1``.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import numpy_financial as npf


class OptionCosts:
    """One option's costs: ``upfront[cat]`` of shape S and ``yearly[cat]`` of shape S + (years,).

    Each category is kept as a sum of terms, each in its own broadcast shape: on a size x load grid
    most terms depend on one axis only (support on size, overruns on load), so ``npv`` discounts
    every term on its own small shape and forms the grid with a single addition. The full arrays
    ``upfront``, ``yearly`` and ``leadership_hours`` are built on first use.
    """

    def __init__(
        self,
        upfront: dict[str, list],
        yearly: dict[str, list],
        leadership_hours,
        years: int,
        project_cost=None,
    ):
        self.years = years
        self._project_source = project_cost  # a list of terms, or a function returning one
        self._upfront_terms = {c: [np.asarray(x, float) for x in ts] for c, ts in upfront.items()}
        self._yearly_terms = {c: [_term(x) for x in ts] for c, ts in yearly.items()}
        self._hours = np.asarray(leadership_hours, float)
        self.batch_shape: tuple[int, ...] = np.broadcast_shapes(
            *(x.shape for ts in self._upfront_terms.values() for x in ts),
            *(_batch(x) for ts in self._yearly_terms.values() for x in ts),
            self._hours.shape[:-1],
        )

    @cached_property
    def upfront(self) -> dict[str, np.ndarray]:
        return {c: _sum_terms(ts, self.batch_shape) for c, ts in self._upfront_terms.items()}

    @cached_property
    def yearly(self) -> dict[str, np.ndarray]:
        shape = (*self.batch_shape, self.years)
        return {
            c: _sum_terms([_full(x) for x in ts], shape) for c, ts in self._yearly_terms.items()
        }

    @cached_property
    def leadership_hours(self) -> np.ndarray:
        """Hours of project leadership bought or spent, S + (years,)."""
        return _sum_terms([self._hours], (*self.batch_shape, self.years))

    @cached_property
    def project_cost(self) -> np.ndarray:
        """Yearly cost of leading the projects alone, S + (years,): what the projects add to the
        leadership bill (vCIO project hours, contract project managers, a manager's time), not
        the retainer or the salary a leader is paid anyway."""
        src = self._project_source
        terms = src() if callable(src) else (src or [])
        return _sum_terms([_full(_term(x)) for x in terms], (*self.batch_shape, self.years))

    def upfront_total(self) -> np.ndarray:
        return sum(self.upfront.values())

    def yearly_total(self) -> np.ndarray:
        return sum(self.yearly.values())

    def npv(self, rate: float, out: np.ndarray | None = None) -> np.ndarray:
        """NPV of [upfront] + yearly costs, as ``numpy_financial.npv`` computes it, shape S.

        ``out``: an array of shape S to write the result into (for a batch shape S only).
        """
        if not self.batch_shape:
            flows = np.concatenate([np.atleast_1d(self.upfront_total()), self.yearly_total()])
            return npf.npv(rate, flows)
        # numpy_financial.npv sums over axis 0 only in 1-D; the same formula on the last axis,
        # applied to each term before the terms are broadcast to the batch shape. A product of a
        # grid quantity constant over the years and a yearly price is discounted as
        # grid x (price . discount), so the grid is never multiplied out over the years.
        disc = (1.0 + rate) ** -np.arange(1.0, self.years + 1.0)
        parts = [x for ts in self._upfront_terms.values() for x in ts]
        parts += [_discounted(x, disc) for ts in self._yearly_terms.values() for x in ts]
        return _sum_terms(parts, self.batch_shape, out)


class Product(tuple):
    """A yearly cost term ``a * b`` kept as its two factors (see ``OptionCosts.npv``): ``a`` of
    shape S + (1,) or S + (years,), ``b`` usually a price or wage index of shape (..., years)."""

    __slots__ = ()

    def __new__(cls, a, b):
        return super().__new__(cls, (_year_axis(a), _year_axis(b)))


def _year_axis(x) -> np.ndarray:
    x = np.asarray(x, float)
    return x.reshape(np.shape(x) or (1,))


def _term(x):
    return x if isinstance(x, Product) else _year_axis(x)


def _batch(x) -> tuple[int, ...]:
    if isinstance(x, Product):
        return np.broadcast_shapes(x[0].shape[:-1], x[1].shape[:-1])
    return x.shape[:-1]


def _full(x) -> np.ndarray:
    return x[0] * x[1] if isinstance(x, Product) else x


def _discounted(x, disc: np.ndarray) -> np.ndarray:
    """A term's yearly costs discounted and summed over the years (the last axis)."""
    if isinstance(x, Product):
        a, b = x
        if a.shape[-1] == 1:
            return a[..., 0] * _discounted(b, disc)
        x = a * b
    if x.shape[-1] == 1:  # the same every year
        return x[..., 0] * disc.sum()
    return x @ disc


def _sum_terms(
    terms: list[np.ndarray], shape: tuple[int, ...], out: np.ndarray | None = None
) -> np.ndarray:
    """Sum arrays of different broadcast shapes into ``out`` (a new array of ``shape`` if None).

    Terms of the same shape are added first, then the groups from smallest to largest, the last
    addition straight into ``out``: a sum of size-only and load-only terms writes the full grid
    once.
    """
    out = np.empty(shape) if out is None else out
    groups: dict[tuple[int, ...], np.ndarray] = {}
    for x in terms:
        groups[x.shape] = groups[x.shape] + x if x.shape in groups else x
    ordered = sorted(groups.values(), key=np.size)
    if not ordered:
        out[...] = 0.0
    elif len(ordered) == 1:
        out[...] = ordered[0]
    else:
        acc = ordered[0]
        for g in ordered[1:-1]:
            acc = acc + g
        np.add(acc, ordered[-1], out=out)
    return out
