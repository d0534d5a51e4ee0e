"""pytest in docs/: the pages' examples and the build's helpers run as doctests.

The griffe extension needs griffe, which the site's tools bring (the ``docs`` extra); without them it is skipped.
"""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("griffe") else ["griffe_doctests.py"]
