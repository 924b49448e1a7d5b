"""python -m shelterapp opens the window, like the `shelterapp` command."""

import sys

from shelterapp.app import main

sys.exit(main())
