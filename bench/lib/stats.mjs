// Percentiles by linear interpolation between closest ranks (numpy's default), so small samples still give
// a p90 between two real values instead of snapping to the maximum.
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarize(values) {
  return {
    n: values.length,
    median: percentile(values, 50),
    p90: percentile(values, 90),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}
