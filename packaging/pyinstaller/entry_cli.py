"""PyInstaller entry of the `shelterapp-cli` executable: the same as the `shelterapp-cli` console script."""

import sys

from shelterapp.cli import main

sys.exit(main())
