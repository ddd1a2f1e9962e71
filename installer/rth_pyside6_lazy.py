"""Run-time hook of the packaged program: PyInstaller's PySide6 hook, minus the Qt load at start.

PyInstaller's own pyi_rth_pyside6 imports PySide6.QtCore on every start (to check for an
embedded qt.conf), which loads Qt and ICU (about 70 ms here) before our code runs, even for
`pytorch-setup --version` or `scan --json` that never touch Qt. installer/pytorch-setup.spec
drops that hook and runs this one instead. It sets the same variables at once (cheap), and does
the qt.conf step when PySide6.QtCore is first imported. PySide6's PyPI wheels embed their own
qt.conf, so the step is a no-op there; it matters only for a PySide6 built elsewhere (conda).

Executed by the bootloader before the program's script; names must stay private (underscore).
"""


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable

    bundle = sys._MEIPASS
    if sys.platform.startswith("win"):
        qt_path = os.path.join(bundle, "PySide6")
    else:
        qt_path = os.path.join(bundle, "PySide6", "Qt")

    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if is_macos_app_bundle:
        resources = os.path.normpath(
            os.path.join(bundle, "..", "Resources", os.path.relpath(qt_path, bundle))
        )
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(
            [os.path.join(resources, "qml"), os.path.join(qt_path, "qml")]
        )
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(bundle, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(bundle, "DYLD_LIBRARY_PATH")

    class _QtConfOnFirstImport:
        """A meta-path finder that lets the normal finders locate PySide6.QtCore, then runs
        PyInstaller's qt.conf helper right after the module has loaded; used once."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if name != "PySide6.QtCore":
                return None
            import importlib.util

            if _QtConfOnFirstImport in sys.meta_path:
                sys.meta_path.remove(_QtConfOnFirstImport)
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None:
                return spec
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                try:
                    from _pyi_rth_utils import qt

                    qt.create_embedded_qt_conf("PySide6", qt_path)
                except Exception:  # noqa: BLE001 - the wheels' own qt.conf still applies
                    pass

            spec.loader.exec_module = exec_module
            return spec

        @staticmethod
        def invalidate_caches():
            pass

    sys.meta_path.insert(0, _QtConfOnFirstImport)


_pyi_rthook()
del _pyi_rthook
