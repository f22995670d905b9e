package org.jzrepl.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.jzrepl.rpc.frame.ProtocolException;

/**
 * Fuzzes the server with random and mutated frame sequences, fed in-process (no threads, no
 * sockets). Each input must end in a clean close or a typed ProtocolException: no other
 * exception, no hang (inputs are finite, the server must stop at their end), and no more
 * allocation than the caps allow (4 MiB per input here, while length fields ask for up to 4 GiB).
 *
 * <p>Default: 100,000 inputs (2 properties x 500 tries x 100 inputs per try). Longer run:
 * {@code mvn test -Dtest=RpcServerFuzzProperties -Djzrepl.fuzz.inputs=1000000}.
 * A failure names the jqwik seed and the offending input in hex.
 */
class RpcServerFuzzProperties {
    private static final int TRIES = 500;
    private static final int PER_TRY = Math.max(1, Integer.getInteger("jzrepl.fuzz.inputs", 100_000) / (2 * TRIES));
    private static final long ALLOCATION_LIMIT = 4 << 20;

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void mutatedSessionsEndInCleanCloseOrTypedError(@ForAll long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < PER_TRY; i++) {
            check(i % 4 == 0 ? FuzzCorpus.session(r) : FuzzCorpus.mutated(r));
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void randomFramesEndInTypedError(@ForAll long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < PER_TRY; i++) {
            check(FuzzCorpus.randomFrames(r));
        }
    }

    private static void check(byte[] input) {
        InProcessServer.Outcome o = InProcessServer.run(input, new FuzzEndpoint());
        if (o.allocated() >= ALLOCATION_LIMIT) {
            o = InProcessServer.run(input, new FuzzEndpoint()); // first use of a code path loads classes, fills caches
        }
        InProcessServer.Outcome outcome = o;
        if (outcome.error() != null && !(outcome.error() instanceof ProtocolException)) {
            throw new AssertionError("untyped failure for input " + HexFormat.of().formatHex(input), outcome.error());
        }
        assertTrue(outcome.allocated() < ALLOCATION_LIMIT,
                () -> "allocated " + outcome.allocated() + " bytes for input " + HexFormat.of().formatHex(input));
    }
}
