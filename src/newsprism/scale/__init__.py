"""Scale: the stage functions mapped over partitions by Dask (local cluster by default, any by address)."""

from newsprism.scale._dask import ScaleOptions, analyze_distributed, dask_client

__all__ = ["ScaleOptions", "analyze_distributed", "dask_client"]
