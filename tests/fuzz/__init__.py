"""Hypothesis fuzz tests of every input boundary: command line, URL, uploads, data files."""
