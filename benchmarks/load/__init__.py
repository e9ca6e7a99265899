"""The parts of the load test that ``benchmarks/bench_load.py`` runs (its docstring says what it
measures and how to run it).

settings.py    targets, output paths, the sliders and pages a session uses
server.py      the server under test: start with the timing hook, /proc sampling, metrics, pinning
page_probe.py  the script each page runs first: times an input to its drawn result
sessions.py    browser sessions and the phases (reference, baseline, load waves, after, reap)
report.py      the Markdown report and the raw JSON

They live in this folder, not beside bench_load.py, so that ``make bench`` (every
benchmarks/*.py) does not run them.
"""
