"""The parts of :mod:`cec_rules.search`, which holds every public name.

- ``changes``: what differs between two policies, and in which periods;
- ``amounts``: exact arithmetic on CEC steps and maxima;
- ``cases``: the case that shows each field's meaning;
- ``outcomes``: a case's outcome under a policy, and what two outcomes differ in;
- ``hunt``: Hypothesis searches that count what they assessed.
"""
