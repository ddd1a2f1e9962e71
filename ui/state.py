"""What the wizard's pages share: one WizardState object, handed to every page.

Pages read the scanned system, the plan and what was installed here instead of asking the
wizard (`getattr(self.wizard(), "plan", None)`) or reaching into another page. Each fact has a
setter that emits a signal when the value changes, so a page can follow it.

Page ids are looked up by name (page_id("install")), never written as numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.compat import Plan
    from app.profile import SystemProfile

# The wizard's pages in order; a page's id is its index here.
PAGE_NAMES = ("scan", "summary", "toolkit", "cudnn", "path", "install", "verify")


def page_id(name: str) -> int:
    """The wizard's id of the page called name ('scan', 'summary', …)."""
    try:
        return PAGE_NAMES.index(name)
    except ValueError:
        raise ValueError(f"no wizard page is called {name!r}; pages: {PAGE_NAMES}") from None


class WizardState(QObject):
    profile_changed = Signal(object)  # the SystemProfile (or None)
    plan_changed = Signal(object)  # the Plan (or None)
    toolkit_changed = Signal(object)  # the CUDA toolkit folder installed here (or None)
    torch_installed_changed = Signal(bool)  # the install page installed the current plan
    # A page asks for PyTorch to be installed again (a verify fix): the build, None = best.
    # The wizard re-plans, prepares a forced install and opens the install page.
    reinstall_requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile: SystemProfile | None = None  # the scanned system, its target Python
        self.plan: Plan | None = None  # the summary page's plan (pip's confirmed one, once run)
        self.installed_toolkit: str | None = None  # the toolkit page's folder, once installed
        self.torch_installed = False  # the install page ran the current plan successfully

    def set_profile(self, profile: SystemProfile | None) -> None:
        if profile is not self.profile:
            self.profile = profile
            self.profile_changed.emit(profile)

    def set_plan(self, plan: Plan | None) -> None:
        if plan is not self.plan:
            self.plan = plan
            self.plan_changed.emit(plan)

    def set_installed_toolkit(self, folder: str | None) -> None:
        if folder != self.installed_toolkit:
            self.installed_toolkit = folder
            self.toolkit_changed.emit(folder)

    def set_torch_installed(self, installed: bool) -> None:
        if installed != self.torch_installed:
            self.torch_installed = installed
            self.torch_installed_changed.emit(installed)

    def request_reinstall(self, compute: str | None) -> None:
        self.reinstall_requested.emit(compute)

    def chosen_toolkit(self) -> str | None:
        """The toolkit for the cuDNN and PATH pages: the one just installed, else a scanned one
        (one with nvcc first)."""
        if self.installed_toolkit:
            return self.installed_toolkit
        toolkits = self.profile.toolkits if self.profile is not None else []
        with_nvcc = [t for t in toolkits if t.nvcc]
        return (with_nvcc or toolkits)[0].path if toolkits else None

    def platform(self) -> str:
        """The scanned machine's platform key ('linux-x86_64', 'windows-x86_64', ...);
        Linux x86-64 before a scan."""
        from app.compat.knowledge import platform_key

        profile = self.profile
        family = profile.os.family if profile else "linux"
        return platform_key(family, profile.arch if profile else "x86_64") or ""
