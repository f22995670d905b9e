package org.jzrepl.snapshot;

import java.util.List;
import java.util.function.Predicate;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.snapshot.hook.HookEnv;
import org.jzrepl.snapshot.hook.HookException;
import org.jzrepl.zfs.DatasetPath;

/**
 * A hook for tests: appends {@code "pre NAME fs"} / {@code "post NAME fs"} to a shared log, each
 * with what {@code probe} says at that moment (e.g. how many snapshot commands ran), and fails
 * its pre or post part for the filesystems told.
 */
record FakeHook(String name, boolean errIsFatal, Predicate<DatasetPath> applies, Predicate<DatasetPath> failsPre,
                Predicate<DatasetPath> failsPost, List<String> log, Probe probe) implements Hook {

    /** Something the hook observes when it runs, appended to its log line. */
    @FunctionalInterface
    interface Probe {
        String at(HookEnv env) throws InterruptedException;
    }

    static FakeHook of(String name, List<String> log, Probe probe) {
        return new FakeHook(name, false, fs -> true, fs -> false, fs -> false, log, probe);
    }

    FakeHook fatal() {
        return new FakeHook(name, true, applies, failsPre, failsPost, log, probe);
    }

    FakeHook only(String fs) {
        return new FakeHook(name, errIsFatal, p -> p.name().equals(fs), failsPre, failsPost, log, probe);
    }

    FakeHook failingPreOn(String fs) {
        return new FakeHook(name, errIsFatal, applies, p -> p.name().equals(fs), failsPost, log, probe);
    }

    FakeHook failingPostOn(String fs) {
        return new FakeHook(name, errIsFatal, applies, failsPre, p -> p.name().equals(fs), log, probe);
    }

    @Override
    public String describe() {
        return "fake " + name;
    }

    @Override
    public boolean appliesTo(DatasetPath fs) {
        return applies.test(fs);
    }

    @Override
    public Post pre(HookEnv env) throws HookException, InterruptedException {
        log.add("pre " + name + " " + env.fs() + " " + probe.at(env));
        if (failsPre.test(env.fs())) {
            throw new HookException(name + " pre failed on " + env.fs());
        }
        return e -> {
            log.add("post " + name + " " + e.fs() + " " + probe.at(e));
            if (failsPost.test(e.fs())) {
                throw new HookException(name + " post failed on " + e.fs());
            }
        };
    }
}
