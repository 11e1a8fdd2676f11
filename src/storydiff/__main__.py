"""``python -m storydiff`` runs the CLI."""

from storydiff.cli import main

main()
