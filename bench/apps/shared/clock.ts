// The page and the worker each have their own performance.now() origin; timeOrigin + now() puts both on
// one (epoch-based, sub-millisecond) time line, so a stamp taken in the worker can be compared in the page.
export function stamp(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
