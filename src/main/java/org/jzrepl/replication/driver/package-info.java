/**
 * The replication driver: runs a job's replication from plan to report.
 *
 * <pre>{@code
 * ReplicationDriver d = new ReplicationDriver(connector, DriverSettings.fromConfig(opts, initial), clock);
 * AttemptReport r = d.run();      // job thread; blocks until DONE, FAILED, PLANNING_ERROR or CANCELLED
 * d.snapshot();                   // any thread: live report for status
 * d.cancel();                     // any thread: signal reset
 * }</pre>
 *
 * <p><b>Role.</b> An attempt lists both sides on one {@link org.jzrepl.replication.driver.EndpointSession},
 * plans with {@link org.jzrepl.replication.plan.Planner}, asks for every step's size ({@code sendDry},
 * {@code sizeEstimates} at once, each on its own session; still PLANNING), then runs the steps: a filesystem's steps in
 * order, across filesystems the oldest {@code to} first, a child only once its parent exists on the
 * receiver, {@code concurrentSteps} at once, each worker on its own session (its own connection).
 * One step is {@code send}, the stream piped into {@code receive} on the same thread (counted for
 * progress), then {@code sendCompleted}.
 *
 * <p><b>Failures.</b> A call failure (an endpoint's refusal, zfs failing, a send stream cut by its
 * producer) fails that filesystem; the others go on and nothing is retried. A connection failure
 * (RPC protocol or transport error, other IOExceptions) ends the attempt once the running steps have
 * finished; the driver reconnects (within {@code reconnectWait}) and re-plans, up to
 * {@code maxAttempts} attempts; a connection failure that a new connection will not cure
 * (authentication, version mismatch) fails the run at once. See {@code FailureKind}. A step whose
 * byte count has not moved for {@code stallTimeout} is aborted by the attempt's {@code StallWatchdog}
 * (its session closed, which makes a remote side kill its zfs processes; if that does not end it,
 * one watchdog period later the step's {@link org.jzrepl.zfs.KillSwitch} kills every local zfs
 * process it started, on any thread, and its send stream is closed) and counts as a connection
 * failure: the next attempt resumes it from the receiver's resume token; its report says
 * {@code stalled}. A size estimate that does not answer within {@code stallTimeout} is aborted the
 * same way (its local zfs processes first, its session one period later).
 *
 * <p><b>Threading.</b> {@code run()} on the caller's thread; estimate and step workers are daemon
 * threads named {@code jzrepl-replication-estimate-N} and {@code jzrepl-replication-step-N}, started
 * per attempt and finished when it ends. Reports come from
 * a lock-guarded tracker; byte counters are atomics written by the worker that owns the step.
 *
 * <p><b>Ownership.</b> The driver opens every session through the connector and closes every one
 * (at the end of each attempt, on a connection failure, on cancel). It owns the send streams and
 * closes each before the step's {@code sendCompleted}.
 */
package org.jzrepl.replication.driver;
