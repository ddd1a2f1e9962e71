"""Compatibility knowledge (resources/compat/) and the planner: profile + choices → Plan."""

from app.compat.plan import Choices, Notice, Plan
from app.compat.planner import Options, make_plan, options

__all__ = ["Choices", "Notice", "Options", "Plan", "make_plan", "options"]
