/**
 * The one runtime for background work: every job's timed and background work (snapshot ticks,
 * replication and prune runs, interval waits, replication workers, reconnect backoffs and prune
 * retries through its {@link org.jzrepl.runtime.Sleeper}), the passive jobs' accept loops and
 * connections, the stdinserver hand-overs, the control server and the RPC liveness timers go
 * through an injected {@link org.jzrepl.runtime.TaskRunner} and its {@link java.time.Clock}, so
 * that tests drive time (a fake runner in the test sources) instead of sleeping. Below the jobs,
 * MINA's SSH threads, child-process output pumps and {@code endpoint.Parallel} keep their own.
 *
 * <p>A task is a {@link java.lang.Runnable} with a name; {@code execute} runs it on a worker now,
 * {@code schedule} at an instant of the runner's clock (wall time: a clock jump moves the task).
 * Tasks report their outcome to their owner (a job), which decides what runs next; the runner
 * keeps no state about jobs. A task that throws is logged; it never kills a worker. A task runs
 * in the log context (job, subsystem, span, filesystem) and the span of the thread that submitted
 * or scheduled it, captured then ({@code util.trace.TaskContext}): pool threads are reused, so
 * what a worker inherited when it was created would be some earlier task's.
 *
 * <p><b>Threading.</b> {@link org.jzrepl.runtime.ThreadTaskRunner}: one timer thread that waits
 * for the earliest scheduled task, and a pool of daemon worker threads that grows with the tasks
 * running at once (a replication run blocks its worker for its duration) and shrinks when idle.
 * Workers are named after their task while they run it. {@code close()} cancels scheduled tasks,
 * interrupts running ones and waits a bounded time.
 *
 * <p><b>Dependencies.</b> None of jzrepl's packages: every layer may use it.
 */
package org.jzrepl.runtime;
