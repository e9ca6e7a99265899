"""``python -m vcio_model``: the command line (see ``vcio_model.cli``)."""

from .cli import main

raise SystemExit(main())
