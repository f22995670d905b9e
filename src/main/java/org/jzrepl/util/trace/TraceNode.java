package org.jzrepl.util.trace;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One task or span: a name, a short random id, its parent, and the span stack it renders into the
 * log's {@code span} field. Immutable but for the end flag and the parent link, which is dropped
 * when the node ends so that chains of tasks started from tasks cannot grow without bound.
 */
final class TraceNode {

    /** What the node is; decides its track in the trace file. */
    enum Kind {
        /** A task of the task runner: a thread's whole run of one submitted job. */
        TASK,
        /** A span on its thread's stack (begun and ended by one thread). */
        SPAN,
        /** A span that is on no thread's stack (a zfs process that one thread starts, another ends). */
        DETACHED
    }

    /** Span names: short constants of the code, never user text, so the log field needs no escaping. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** Frames kept in a rendered stack; deeper stacks drop their outermost frames. */
    static final int MAX_FRAMES = 16;
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final int ID_SPACE = 62 * 62 * 62 * 62;
    private static final AtomicLong SEQ = new AtomicLong();

    final long seq = SEQ.incrementAndGet();
    final String id = newId();
    final String name;
    final Kind kind;
    final String parentId;
    /** The thread track of the parent, -1 when it has none (no parent, or a detached one). */
    final long parentTid;
    /** The rendered span stack ({@code run$3f2a.attempt$9c1e}), or null outside every span. */
    final String stack;
    final long startNanos = System.nanoTime();
    final long tid;
    final String threadName;
    final String[] args;
    private volatile TraceNode parent;
    private final AtomicBoolean ended = new AtomicBoolean();

    TraceNode(String name, Kind kind, TraceNode parent, String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("span arguments come in key, value pairs: " + args.length);
        }
        TraceNode p = firstLive(parent);
        Thread t = Thread.currentThread();
        this.name = name;
        this.kind = kind;
        this.parent = p;
        this.parentId = p == null ? null : p.id;
        this.parentTid = p == null || p.kind == Kind.DETACHED ? -1 : p.tid;
        this.tid = t.getId();
        this.threadName = t.getName();
        this.args = args.clone();
        String above = p == null ? null : p.stack;
        this.stack = kind == Kind.TASK ? above : render(above, name + "$" + id);
    }

    /** The node itself or its nearest ancestor that has not ended; null if none. */
    static TraceNode firstLive(TraceNode n) {
        while (n != null && n.ended()) {
            n = n.parent;
        }
        return n;
    }

    static String render(String above, String frame) {
        if (above == null) {
            return frame;
        }
        String s = above + "." + frame;
        int frames = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                frames++;
            }
        }
        while (frames-- > MAX_FRAMES) {
            s = s.substring(s.indexOf('.') + 1);
        }
        return s;
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a span name is a short lower-case constant ([a-z][a-z0-9-]*): " + name);
        }
        return name;
    }

    /** Marks the node ended; true the first time only. Drops the parent link. */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        parent = null;
        return true;
    }

    /** Whether {@code n} is this node or one of its ancestors. */
    boolean within(TraceNode n) {
        for (TraceNode p = this; p != null; p = p.parent) {
            if (p == n) {
                return true;
            }
        }
        return false;
    }

    boolean ended() {
        return ended.get();
    }

    /** {@code name$id}, what the log shows of this node. */
    String frame() {
        return name + "$" + id;
    }

    private static String newId() {
        int v = ThreadLocalRandom.current().nextInt(ID_SPACE);
        char[] c = new char[4];
        for (int i = 3; i >= 0; i--) {
            c[i] = ID_CHARS[v % 62];
            v /= 62;
        }
        return new String(c);
    }
}
