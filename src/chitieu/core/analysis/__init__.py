"""Analysis beyond the verdict: projections with uncertainty, feasibility of a target set,
data checks and areas. Pure, like the rest of ``chitieu.core``: callers bring the figures."""
