"""``python -m factcheck``: the same as the ``factcheck`` command."""

from factcheck.entry import main

if __name__ == "__main__":
    main()
