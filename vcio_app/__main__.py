"""``python -m vcio_app``: the command line with reports (see ``vcio_app.cli``)."""

from vcio_app.cli import main

raise SystemExit(main())
