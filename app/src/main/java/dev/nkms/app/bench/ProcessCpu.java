package dev.nkms.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * CPU time of whole processes (so JIT and GC threads count too): the node processes, from {@link
 * ProcessHandle.Info#totalCpuDuration()}, and this JVM.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Total CPU time of these processes so far, in ns (0 for a process that does not tell). */
  static long nanos(List<ProcessHandle> processes) {
    long total = 0;
    for (ProcessHandle h : processes) {
      total += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return total;
  }

  /** This JVM's CPU time so far, in ns. */
  static long ownNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
