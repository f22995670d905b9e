package org.jzrepl.snapshot.hook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;

/**
 * zrepl's hook order for one filesystem of one tick: the pre hooks that apply, in config order;
 * then (outside this class) the snapshot; then the post parts of the pre hooks that succeeded, in
 * reverse order. A failed fatal pre hook stops the pre hooks there and forbids the snapshot; a
 * failed non-fatal one is recorded and the rest go on. Post parts run whatever the snapshot did.
 * Any failure marks the filesystem failed ({@link Pre#failed()}, {@link #failed(List)}).
 */
public final class HookSequence {
    private final List<Hook> hooks;
    private final Clock clock;

    private HookSequence(List<Hook> hooks, Clock clock) {
        this.hooks = hooks;
        this.clock = clock;
    }

    /** The hooks of {@code all} whose filter selects {@code fs}, in config order. */
    public static HookSequence select(List<Hook> all, DatasetPath fs, Clock clock) {
        Objects.requireNonNull(fs, "fs");
        return new HookSequence(all.stream().filter(h -> h.appliesTo(fs)).toList(), clock);
    }

    /** The hooks that run for this filesystem, in config order. */
    public List<Hook> hooks() {
        return hooks;
    }

    /** The outcome of the pre hooks: whether the snapshot may be taken, and what to run after it. */
    public record Pre(boolean snapshotAllowed, List<HookResult> results, List<Hook.Post> posts, List<String> names) {
        public Pre {
            results = List.copyOf(results);
            posts = List.copyOf(posts);
            names = List.copyOf(names);
        }

        public boolean failed() {
            return HookSequence.failed(results);
        }
    }

    /** Runs the pre hooks in config order, stopping at the first fatal failure. */
    public Pre runPre(HookEnv env) throws InterruptedException {
        List<HookResult> results = new ArrayList<>();
        List<Hook.Post> posts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Hook h : hooks) {
            Instant start = clock.instant();
            try {
                posts.add(h.pre(env));
                names.add(h.describe());
                results.add(new HookResult(h.describe(), HookResult.Phase.PRE, h.errIsFatal(), null, since(start)));
            } catch (HookException e) {
                results.add(new HookResult(h.describe(), HookResult.Phase.PRE, h.errIsFatal(), e.getMessage(),
                        since(start)));
                if (h.errIsFatal()) {
                    return new Pre(false, results, posts, names);
                }
            }
        }
        return new Pre(true, results, posts, names);
    }

    /** Runs the post parts of the pre hooks that succeeded, newest first; every one runs. */
    public List<HookResult> runPost(Pre pre, HookEnv env) throws InterruptedException {
        List<HookResult> results = new ArrayList<>();
        for (int i = pre.posts().size() - 1; i >= 0; i--) {
            Instant start = clock.instant();
            String name = pre.names().get(i);
            try {
                pre.posts().get(i).run(env);
                results.add(new HookResult(name, HookResult.Phase.POST, false, null, since(start)));
            } catch (HookException e) {
                results.add(new HookResult(name, HookResult.Phase.POST, false, e.getMessage(), since(start)));
            }
        }
        return results;
    }

    /** Whether any of {@code results} failed. */
    public static boolean failed(List<HookResult> results) {
        return results.stream().anyMatch(r -> !r.ok());
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
