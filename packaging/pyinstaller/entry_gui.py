"""PyInstaller entry of the `shelterapp` executable: the same as the `shelterapp` gui script."""

import sys

from shelterapp.launcher import main

sys.exit(main())
