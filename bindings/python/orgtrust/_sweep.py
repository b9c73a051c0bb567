"""orgtrust.sweep: a function run over a grid of parameters, replicated, on
one core, on the cores of this machine, or on a Dask cluster, with the same
results whatever runs it.

Seeds: ``numpy.random.SeedSequence(seed)`` spawns one child per cell (in
grid order) and each cell's child spawns one per replication; job (cell i,
replication r) gets the SeedSequence with spawn key (i, r). A job's result
depends only on its parameters and that seed, never on the engine, the
number of workers, the order in which jobs finish, or on a worker lost on
the way (Dask runs its jobs again elsewhere).
"""

import itertools
import os
import sys
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._frames import require_pandas

__all__ = ["sweep", "sweep_seed", "ENGINES"]

ENGINES = ("serial", "processes", "dask")


def _numpy():
    try:
        import numpy
    except ImportError as e:
        raise ImportError("orgtrust.sweep needs numpy. On Debian or Ubuntu: sudo apt-get install python3-numpy; "
                          "elsewhere: pip install numpy") from e
    return numpy


def _cells(grid):
    """The grid as a list of parameter dicts: a mapping of name -> values is
    its Cartesian product (the first name varying slowest); a sequence of
    mappings is taken as it is."""
    if isinstance(grid, Mapping):
        names = list(grid)
        values = []
        for name in names:
            v = grid[name]
            if isinstance(v, (str, bytes)) or not isinstance(v, Iterable):
                v = [v]
            values.append(list(v))
        return [dict(zip(names, combo)) for combo in itertools.product(*values)]
    cells = [dict(c) for c in grid]
    if not all(isinstance(c, dict) for c in cells):
        raise TypeError("grid must be a mapping of name -> values or a sequence of mappings")
    return cells


def sweep_seed(entropy: int, cell: int, replication: int) -> Any:
    """The SeedSequence a sweep gave job (cell, replication): run the job again
    with ``run(params, sweep_seed(row.entropy, row.cell, row.replication))``."""
    np = _numpy()
    return np.random.SeedSequence(entropy, spawn_key=(cell, replication))


def _run_jobs(run, jobs):
    """Run a batch of jobs [(index, params, seed)]: [(index, result)]."""
    return [(i, run(params, seed)) for i, params, seed in jobs]


def _as_dict(result):
    if isinstance(result, Mapping):
        return dict(result)
    if hasattr(result, "_asdict"):
        return dict(result._asdict())
    return {"value": result}


class _Bar:
    """A plain progress bar on stderr: done/total, share, elapsed time."""

    def __init__(self, total, stream=None):
        self.total, self.stream = total, stream or sys.stderr
        self.t0 = time.monotonic()
        self.shown = -1.0

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and now - self.shown < 0.2:
            return
        self.shown = now
        width = 30
        fill = int(width * done / total) if total else width
        self.stream.write("\rsweep [%s%s] %d/%d %3d%% %.1f s" % ("#" * fill, "." * (width - fill), done, total,
                                                               100 * done // max(total, 1), now - self.t0))
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _progress_fn(progress, njobs, engine):
    """A callable(done, total) or None: progress=True a plain bar, False/None
    nothing (None: a bar on a terminal for sweeps of 100 jobs or more), or
    the caller's callable."""
    if callable(progress):
        return progress
    if progress is None:
        progress = njobs >= 100 and sys.stderr.isatty()
    return _Bar(njobs) if progress else None


def sweep(run: Callable[[Dict[str, Any], Any], Any], grid: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
          replications: int = 1, seed: Optional[int] = 0, engine: str = "serial", client: Any = None,
          workers: Optional[int] = None, batch: Optional[int] = None, progress: Any = None) -> Any:
    """Run ``run(params, seed)`` for every cell of ``grid`` and every
    replication; a tidy pandas DataFrame, one row per cell and replication.

    ``run`` takes a dict of parameters and a ``numpy.random.SeedSequence`` and
    returns a mapping of measures (or a namedtuple, or one value: column
    "value"); ``orgtrust.sim.experiment`` is one. It must be picklable for
    "processes" (a module-level function) and by cloudpickle for "dask".

    ``grid``: a mapping of name -> values (every combination, the first name
    varying slowest; a single value is a fixed parameter) or a sequence of
    parameter dicts. ``seed``: an int (None: fresh entropy, recorded in the
    result). ``engine``: "serial"; "processes" (``workers`` processes of
    this machine, default all cores); "dask" (``dask.distributed``, Debian
    python3-distributed): ``client`` a ``distributed.Client``, a scheduler
    address ("tcp://host:8786"), or None for a LocalCluster of ``workers``
    processes started and stopped here. ``batch``: jobs per task (default:
    about eight tasks per worker). ``progress``: True for a progress bar
    (Dask's own with engine="dask"), False for none, a callable(done, total),
    or None: a bar on a terminal for sweeps of 100 jobs or more.

    Columns: cell, replication, the parameters, entropy (the sweep's seed
    entropy; see ``sweep_seed``), then the measures. Rows are in cell order,
    then replication order, whatever the engine.
    """
    pd = require_pandas("orgtrust.sweep")
    np = _numpy()
    if engine not in ENGINES:
        raise ValueError("engine = %r: use one of %s" % (engine, ", ".join(ENGINES)))
    if not isinstance(replications, int) or replications < 1:
        raise ValueError("replications = %r must be an int >= 1" % (replications,))
    cells = _cells(grid)
    root = np.random.SeedSequence(seed)
    jobs = []
    for i, (params, child) in enumerate(zip(cells, root.spawn(len(cells)))):
        for r, s in enumerate(child.spawn(replications)):
            jobs.append((len(jobs), params, s))
    report = _progress_fn(progress, len(jobs), engine)
    if engine == "serial":
        results = []
        for k, job in enumerate(jobs):
            results.extend(_run_jobs(run, [job]))
            if report:
                report(k + 1, len(jobs))
    elif engine == "processes":
        results = _processes(run, jobs, workers, batch, report)
    else:
        results = _dask(run, jobs, client, workers, batch, report, progress)
    results.sort(key=lambda ir: ir[0])
    rows = []
    for (k, params, s), (_, result) in zip(jobs, results):
        cell, rep = s.spawn_key
        row = {"cell": cell, "replication": rep}
        row.update(params)
        row["entropy"] = root.entropy
        out = _as_dict(result)
        clash = set(out) & set(row)
        if clash:
            raise ValueError("the run's results use the column names %s of the sweep itself" % sorted(clash))
        row.update(out)
        rows.append(row)
    return pd.DataFrame(rows)


def _batches(jobs, workers, batch):
    if batch is None:
        batch = max(1, len(jobs) // (max(workers, 1) * 8))
    return [jobs[k:k + batch] for k in range(0, len(jobs), batch)]


def _processes(run, jobs, workers, batch, report):
    import concurrent.futures

    workers = workers or os.cpu_count() or 1
    results = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_run_jobs, run, b) for b in _batches(jobs, workers, batch)]
        for f in concurrent.futures.as_completed(futures):
            results.extend(f.result())
            if report:
                report(len(results), len(jobs))
    return results


def _dask(run, jobs, client, workers, batch, report, progress):
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise ImportError("engine='dask' needs dask.distributed. On Debian or Ubuntu: sudo apt-get install "
                          "python3-distributed; elsewhere: pip install 'dask[distributed]'") from e
    own = []
    try:
        if client is None:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            own.append(cluster)
            client = Client(cluster)
            own.append(client)
        elif isinstance(client, str):
            client = Client(client)
            own.append(client)
        nworkers = workers or max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches(jobs, nworkers, batch)
        futures = client.map(_run_jobs, [run] * len(batches), batches, pure=False)
        if progress is True:
            from distributed import progress as dask_progress

            dask_progress(futures)  # Dask's own bar; blocks until done
            report = None
        results = []
        for f in as_completed(futures):
            results.extend(f.result())
            if report:
                report(len(results), len(jobs))
        return results
    finally:
        for obj in reversed(own):
            obj.close()
