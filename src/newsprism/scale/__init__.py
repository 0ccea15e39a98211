"""Scale: the stage functions mapped over partitions by Dask (local cluster by default, any by address)."""

from newsprism.scale._dask import ScaleOptions, analyse_stream, analyze_distributed, dask_client

__all__ = ["ScaleOptions", "analyse_stream", "analyze_distributed", "dask_client"]
