package org.jzrepl.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the daemon in {@code LauncherIT}: a worker thread runs out of memory while the
 * main thread carries on, as a job thread of a real daemon would. Without ExitOnOutOfMemoryError
 * the JVM survives the dead thread and exits 0 after a few seconds; with it, the JVM exits 3 at once.
 */
public final class OutOfMemoryMain {
    private OutOfMemoryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread worker = new Thread(() -> {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }, "hog");
        worker.start();
        worker.join();
        Thread.sleep(3_000);
        System.err.println("still running after the worker died of OutOfMemoryError");
    }
}
