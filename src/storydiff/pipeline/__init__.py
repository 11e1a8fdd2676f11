"""The collection pipeline over many shards, on one machine or a distributed engine.

    from storydiff.pipeline import run_pipeline, status, load_run_stories
    report = run_pipeline(["crawl/*.warc.gz"], "runs/x", engine="ray", workers=16)

Stages, engines and the run directory: :mod:`~storydiff.pipeline.stages`,
:mod:`~storydiff.pipeline.steps`, :mod:`~storydiff.pipeline.engines`,
:mod:`~storydiff.pipeline.layout`.
"""

from storydiff.pipeline.engines import ENGINES, WorkerLost
from storydiff.pipeline.results import load_run_into, load_run_stories
from storydiff.pipeline.runner import RunReport, run_pipeline, status

__all__ = [
    "ENGINES",
    "RunReport",
    "WorkerLost",
    "load_run_into",
    "load_run_stories",
    "run_pipeline",
    "status",
]
