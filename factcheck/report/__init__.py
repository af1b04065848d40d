"""Reporters: turn library results into text for people and programs.

Each output format is a function handed the data and the stream (or rich
console) it writes to; the command picks one from a registry by name.
Only this package and ``factcheck.cli`` import rich.
"""
