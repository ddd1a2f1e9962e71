"""Steps that change the machine: each describes itself, checks, runs with a Reporter and a
CancelToken, journals every change before making it, and can be undone."""
