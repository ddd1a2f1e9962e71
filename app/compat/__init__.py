"""Compatibility knowledge (resources/compat/) and the planner: profile + choices → Plan."""

from app.compat.plan import Choices, Notice, Plan
from app.compat.planner import make_plan

__all__ = ["Choices", "Notice", "Plan", "make_plan"]
