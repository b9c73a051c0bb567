"""orgtrust.plot: the two pictures research with orgtrust needs most, drawn
with matplotlib (Debian: python3-matplotlib).

- ``timeline(df)``: values over time, one line per probe, from a tidy
  DataFrame with the columns time, probe, value (``Model.timeline`` gives
  one; any frame with those columns will do).
- ``sweep(df, x, y)``: a measure against a parameter over the replications
  of ``orgtrust.sweep``: the mean per value of x, a band (or error bars for
  categories) of one standard deviation or a 95% interval of the mean, one
  line per value of ``hue``.

Both draw into ``ax`` when given (else a new figure), return the Axes, and
leave saving and showing to the caller (``ax.figure.savefig("f.png")``). The
backend is matplotlib's choice: set ``MPLBACKEND=Agg`` where there is no
display.
"""

from typing import Any, Optional

__all__ = ["timeline", "sweep"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("orgtrust.plot needs matplotlib. On Debian or Ubuntu: sudo apt-get install "
                          "python3-matplotlib; elsewhere: pip install matplotlib") from e
    return plt


def _axes(ax, figsize=(7.0, 4.0)):
    if ax is not None:
        return ax
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _need(df, columns, what):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError("%s needs the column(s) %s; the frame has %s"
                         % (what, ", ".join(map(repr, missing)), ", ".join(map(repr, df.columns))))


def timeline(df: Any, ax: Any = None, title: Optional[str] = None, ylabel: str = "value",
             xlabel: str = "day", ylim: Any = (0.0, 1.0), style: Optional[dict] = None) -> Any:
    """One line per probe of a tidy frame (time, probe, value), in the order
    the probes first appear; NaN values (not existing yet) leave gaps.
    ``style``: probe -> keyword arguments of ``Axes.plot`` (colour, dashes)."""
    _need(df, ("time", "probe", "value"), "orgtrust.plot.timeline")
    ax = _axes(ax)
    for probe in dict.fromkeys(df["probe"]):
        part = df[df["probe"] == probe].sort_values("time", kind="stable")
        ax.plot(part["time"].to_numpy(), part["value"].to_numpy(), label=str(probe),
                **((style or {}).get(probe, {})))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if title:
        ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    return ax


def sweep(df: Any, x: str, y: str, hue: Optional[str] = None, ax: Any = None, band: Optional[str] = "sd",
          title: Optional[str] = None, ylabel: Optional[str] = None) -> Any:
    """y against x over a sweep's rows: the mean per value of x (per value of
    ``hue``: one line each) with a band of ``band`` = "sd" (one standard
    deviation of the replications), "ci" (1.96 standard errors of the mean)
    or None. Numeric x gives lines and shaded bands; other x (names such as
    "apology") gives points with error bars at evenly spaced positions, in
    the order the values first appear."""
    _need(df, [c for c in (x, y, hue) if c is not None], "orgtrust.plot.sweep")
    if band not in ("sd", "ci", None):
        raise ValueError("band = %r: use 'sd', 'ci' or None" % (band,))
    import numpy as np

    ax = _axes(ax)
    groups = [(None, df)] if hue is None else [(h, df[df[hue] == h]) for h in dict.fromkeys(df[hue])]
    numeric = df[x].dtype.kind in "iuf"
    categories = list(dict.fromkeys(df[x])) if not numeric else None
    width = 0.6
    for k, (h, part) in enumerate(groups):
        stats = part.groupby(x, sort=numeric)[y].agg(["mean", "std", "count"])
        if not numeric:
            stats = stats.reindex([c for c in categories if c in stats.index])
        spread = stats["std"].fillna(0.0).to_numpy()
        if band == "ci":
            spread = 1.96 * spread / np.sqrt(stats["count"].to_numpy())
        mean = stats["mean"].to_numpy()
        label = None if h is None else "%s = %s" % (hue, h)
        if numeric:
            xs = stats.index.to_numpy(dtype=float)
            (line,) = ax.plot(xs, mean, marker="o", label=label)
            if band is not None:
                ax.fill_between(xs, mean - spread, mean + spread, alpha=0.2, color=line.get_color())
        else:
            offset = (k - (len(groups) - 1) / 2) * (width / max(len(groups), 1))
            xs = np.array([categories.index(c) for c in stats.index], dtype=float) + offset
            ax.errorbar(xs, mean, yerr=spread if band is not None else None, fmt="o", capsize=4, label=label)
    if not numeric:
        ax.set_xticks(range(len(categories)))
        ax.set_xticklabels([str(c) for c in categories])
    ax.set_xlabel(x)
    ax.set_ylabel(ylabel or y)
    if title:
        ax.set_title(title)
    ax.grid(True, alpha=0.3)
    if hue is not None:
        ax.legend(loc="best", fontsize="small")
    return ax
