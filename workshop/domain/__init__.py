"""The pure core of the dialogue tool: sessions, steps, answers and their rules.

Nothing in this package imports Flask, Socket.IO, SQL or ReportLab.
"""
