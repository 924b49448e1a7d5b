"""python -m shelterapp.cli"""

import sys

from shelterapp.cli import main

sys.exit(main())
