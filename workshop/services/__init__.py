"""Use cases: create and join sessions, answer, command, read results and reports.

Services take a store and return outcomes plus the events to publish; they never emit.
"""
