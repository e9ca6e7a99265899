"""Money that tells apart what differs: amounts that round to the same text get more digits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import vcio_model as vm
from vcio_model.format import money_distinct

amounts = st.floats(-5e7, 5e7, allow_nan=False)


@given(st.lists(amounts, min_size=1, max_size=8))
def test_different_amounts_never_read_alike(values):
    texts = money_distinct(values)
    assert len(texts) == len(values)
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            if round(a) != round(b):
                assert texts[i] != texts[j], (a, b, texts[i])


@given(st.lists(amounts, min_size=1, max_size=8))
def test_amounts_that_already_read_apart_keep_the_usual_rounding(values):
    plain = [vm.money(v) for v in values]
    pairs = list(zip(values, plain, strict=True))
    collide = {t for t in plain if len({round(v) for v, u in pairs if u == t}) > 1}
    for t, got in zip(plain, money_distinct(values), strict=True):
        if t not in collide:
            assert got == t


def test_the_overview_cheapest_and_runner_up_of_the_issue():
    # "$1.8M Cheapest" beside "$1.8M, +$52k more": the prospect read a tie
    assert money_distinct([1_780_000, 1_832_000]) == ["$1.78M", "$1.83M"]
    assert money_distinct([1_780_000, 1_780_000.3]) == ["$1.8M", "$1.8M"]  # equal to the dollar
    assert money_distinct([45_000, 45_400, 150]) == ["$45.0k", "$45.4k", "$150"]
