package org.chaperone.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Rates measured by the CPU time of the measuring thread, for the benchmarks' {@code main}s that take their
 * contenders in turns: on a shared machine, time the thread spent waiting for a core does not count against it.
 */
final class CpuTurns {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Results summed so the work cannot be optimised away; printed by nobody. */
    static long sink;

    private CpuTurns() {}

    /** One benchmark operation; returns something derived from its result. */
    @FunctionalInterface
    interface Op {
        int run() throws IOException;
    }

    /** Runs {@code op} {@code ops} times and returns operations per CPU-second of this thread. */
    static double perCpuSecond(int ops, Op op) throws IOException {
        long start = CPU.getCurrentThreadCpuTime();
        long s = 0;
        for (int i = 0; i < ops; i++) s += op.run();
        double rate = ops / ((CPU.getCurrentThreadCpuTime() - start) / 1e9);
        sink += s;
        return rate;
    }
}
