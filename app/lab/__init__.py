"""Lab mode (issue 19): one plan for many PCs, applied unattended, with one table of results.

planfile: save and load a plan file; fit: whether a plan fits this PC; apply: run a plan here
and write a result file. The engine only: no Qt here.
"""
