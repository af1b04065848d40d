"""Renderers: library results as text for people and programs.

One module per result type, each with ``render_<format>(result, out)``
functions and a ``FORMATS`` registry naming them (``--format`` picks one):

=================  ==========================  ======================================
module             result                      formats
=================  ==========================  ======================================
``findings``       ``ValidationResult``        text, json, github, sarif
``rules``          ``RuleInfo`` rows           text, json
``extraction``     ``IngestResult``            text, yaml, json
``listing``        ``ClaimView`` list          table, json, yaml, csv, ids
``hits``           ``SearchResult``            table, json
``detail``         ``ClaimDetail``             table, json
``stats``          ``Stats``                   table, json
``disputes``       ``ClaimsReport``            terminal (``disputes_terminal``), markdown, html, json
``exports``        ``Export``                  claimreview, csl-json, csv
``candidates``     contradiction candidates    table, json
=================  ==========================  ======================================

Every JSON record is shaped in ``records``; ``table`` has what the rich
renderings share; ``plain`` draws the ``table`` formats of ``listing``, ``hits``,
``detail`` and ``stats`` without rich, as rich would, for a stream rich
writes no style to.  Only this package and ``factcheck.cli`` import rich.
"""
