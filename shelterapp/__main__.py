"""python -m shelterapp opens the window, like the `shelterapp` command."""

import sys

from shelterapp.launcher import main

sys.exit(main())
