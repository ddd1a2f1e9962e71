"""Entry script of the packaged executable (PyInstaller): the same main() as `pytorch-setup`.

Named launcher.py on purpose: a script called app.py or ui.py would shadow our packages.
No command opens the wizard; any command (scan, plan, ...) runs headless, as in a checkout.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen program is re-run as its own child if anything ever uses multiprocessing
    # (sys.executable is this program); this diverts such a child before the wizard starts.
    multiprocessing.freeze_support()

    from app.cli import main

    sys.exit(main())
