"""Importing indicator values from CSV (long form) and the XLSX template (design.md §6).

Reading a file (``csv_source``, ``xlsx_source``) is pure and yields ``SourceRow``s; checking
them (``validate``) resolves units, sets, indicators, periods and values and collects every
problem; writing (``ntm.assessments.services.do_set_values``) upserts in batches inside one
transaction. ``run_import`` ties
them together for the CLI and the web page.
"""
