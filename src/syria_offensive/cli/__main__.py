"""`python -m syria_offensive.cli`: the same as the `syria-offensive` command."""

import sys

from syria_offensive.cli import main

sys.exit(main())
