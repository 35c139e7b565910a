"""Fuzz targets and the ``make fuzz`` campaign (issue 7, "no input that breaks it").

:mod:`fuzz.targets` holds, for each parser that reads outside input, a hypothesis strategy
of hostile inputs and the call that must either succeed or raise the parser's documented
error. The test suite runs each target briefly (tests/*/test_*properties.py); ``python -m
fuzz.run`` drives each with 100 000 inputs under a per-input time limit.
"""
