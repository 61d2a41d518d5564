"""`python -m workshop` runs the same command line as `workshop`."""

from workshop.cli import main

raise SystemExit(main())
