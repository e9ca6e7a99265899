"""The analyses, one a module. Import them from ``vcio_model`` (``vm.compare``, ``vm.frontier``...).

- ``common``: the scenario's assumptions (the defaults, or a file's, with the scenario's overrides).
- ``compare``: every option's cost for one scenario, the recommendation and the verdict.
- ``verdict``: the close-call rule, the verdict sentence and its reasons.
- ``frontier``: the cheapest option over a company size x project load grid.
- ``simulate``: Monte Carlo of every option's NPV.
- ``certainty``: how sure the verdict is (each option's chance of being the cheapest).
- ``sensitivity``: every assumption at its low and high, and which ones change the winner.
- ``curves``: how the cheapest option moves across one input's range (the sliders' curves).

All of them call the one vectorised engine (``engine.option_costs``); none loops over grid cells or
trials in Python.
"""
