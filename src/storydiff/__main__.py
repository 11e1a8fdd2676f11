"""``python -m storydiff`` runs the CLI."""

from storydiff.cli import main

# Guarded: worker processes started with "spawn" (the pipeline's local engine) import
# this module again and must not run the CLI.
if __name__ == "__main__":
    main()
