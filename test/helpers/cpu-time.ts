/**
 * CPU milliseconds this process spends from now until the returned function is called.
 * Guards against work that never ends use it instead of wall-clock time: on a loaded CI
 * host, time spent waiting for a core is not the code's, and would fail a bound at random.
 */
export function startCpuClock(): () => number {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}
