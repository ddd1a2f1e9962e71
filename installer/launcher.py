"""Entry script of the packaged executable (PyInstaller): the same main() as `pytorch-setup`.

Named launcher.py on purpose: a script called app.py or ui.py would shadow our packages.
No command opens the wizard; any command (scan, plan, ...) runs headless, as in a checkout.
"""

import multiprocessing
import sys

_main_failed = False  # main() logs its own failure before re-raising it: not logged twice


def _log_uncaught_exceptions() -> None:
    """Send uncaught exceptions to the log file as well as to the default hooks.

    The windowed Windows executable has no stderr (app.cli points it at devnull), so a
    traceback printed there is lost: an exception in a Qt slot (PySide prints it through
    sys.excepthook) or in a worker thread would leave no trace. The log file exists once
    app.cli.main() has run setup_file_logging(); before that, a record just goes nowhere.
    """
    import logging
    import threading

    log = logging.getLogger("pytorch_setup")
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def excepthook(kind, value, traceback):
        if not _main_failed and not issubclass(kind, (KeyboardInterrupt, SystemExit)):
            log.error("uncaught exception", exc_info=(kind, value, traceback))
        previous_hook(kind, value, traceback)

    def thread_excepthook(args):
        if args.exc_type is not SystemExit:
            name = getattr(args.thread, "name", "?")
            log.error(
                "uncaught exception in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        previous_thread_hook(args)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


if __name__ == "__main__":
    # A frozen program is re-run as its own child if anything ever uses multiprocessing
    # (sys.executable is this program); this diverts such a child before the wizard starts.
    multiprocessing.freeze_support()
    _log_uncaught_exceptions()

    from app.cli import main

    try:
        code = main()
    except BaseException:
        _main_failed = True
        raise
    sys.exit(code)
