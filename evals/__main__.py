"""``python -m evals run --dataset packs``: the same commands as ``aicmo eval``."""

from evals.cli import main

main()
