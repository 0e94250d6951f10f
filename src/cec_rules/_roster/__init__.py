"""The parts of a roster check, one job a module; :mod:`cec_rules.roster` runs them.

Data flows one way, from a source to a report (``docs/architecture.md`` draws
it):

- :mod:`.fields`: the five fields, their titles, the header names that stand
  for them, and the shapes of dates and IDs: the grammar as data.
- :mod:`.findings`: every finding code with its rule and severity, and one
  builder per code that writes its message and hint.
- :mod:`.attendees`: the values a check returns for one row: accepted
  attendees (kept as columns) and refused rows.
- :mod:`.state`: the frozen inputs of one check and what the row pass collects.
- :mod:`.sources`: bytes and streams turned into text (decoding).
- :mod:`.header`: the header row: its delimiter and which column holds which field.
- :mod:`.reading`: what :func:`~cec_rules.roster.check_roster` accepts, read
  block by block (or record by record) into the row pass.
- :mod:`.rows`: the rules for one row, the reference every other path agrees with.
- :mod:`.columnar`: helpers for working a column of rows at a time.
- :mod:`.fastpass`: the same rules applied a column at a time to clean blocks.
- :mod:`.settle`: the rules that need the accounts: `account-exists`,
  `name-match` and `one-claim`.
- :mod:`.report`: the report, its counts, its fee and its views.
- :mod:`.draft`: a roster built one entry at a time, each entry checked in a
  bounded step, with the answers of a file of the entries so far.

Nothing here imports :mod:`cec_rules.roster`, and no module imports another's
underscore name.
"""
