/**
 * CPU milliseconds this process has spent since `since` (a `process.cpuUsage()` reading).
 *
 * Tests that guard against a pathological regex or loop bound CPU time, not the wall clock: the
 * wall clock grows when other work shares the machine (a 2 s wall-clock bound failed once under a
 * load of 15 on 2 cores), CPU time does not. The bounds catch minutes, not a slow machine; speed
 * itself is measured by the benches (`npm run bench:*`).
 */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}
