package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

class ResumeTokenCheckTest {

    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final Guid TO = new Guid(1001);
    private static final Guid FROM = new Guid(1000);

    private static ResumeToken token(String toName, Guid to, Optional<Guid> from, boolean raw) {
        return new ResumeToken("1-abc-def", toName, to, from, raw, false, false, false);
    }

    @Test
    void acceptsAFullTokenMatchingTheRequest() {
        assertEquals(Optional.empty(), ResumeTokenCheck.mismatch(
                token("pool/data@b", TO, Optional.empty(), false), FS, TO, Optional.empty(), false));
    }

    @Test
    void acceptsAnIncrementalRawTokenMatchingARawSender() {
        assertEquals(Optional.empty(), ResumeTokenCheck.mismatch(
                token("pool/data@b", TO, Optional.of(FROM), true), FS, TO, Optional.of(FROM), true));
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("other filesystem", token("pool/other@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem pool/data"),
                Arguments.of("child filesystem", token("pool/data/child@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem"),
                Arguments.of("parent filesystem", token("pool@b", TO, Optional.empty(), false),
                        Optional.empty(), false, "not for filesystem"),
                Arguments.of("no snapshot in toname", token("pool/data", TO, Optional.empty(), false),
                        Optional.empty(), false, "not a snapshot"),
                Arguments.of("other toguid", token("pool/data@b", new Guid(7), Optional.empty(), false),
                        Optional.empty(), false, "toguid 7"),
                Arguments.of("incremental token, full request", token("pool/data@b", TO, Optional.of(FROM), false),
                        Optional.empty(), false, "request is a full send"),
                Arguments.of("full token, incremental request", token("pool/data@b", TO, Optional.empty(), false),
                        Optional.of(FROM), false, "for a full send"),
                Arguments.of("other fromguid", token("pool/data@b", TO, Optional.of(new Guid(9)), false),
                        Optional.of(FROM), false, "fromguid 9"),
                Arguments.of("raw token, non-raw sender", token("pool/data@b", TO, Optional.empty(), true),
                        Optional.empty(), false, "raw (encrypted) send"),
                Arguments.of("plain token, raw sender", token("pool/data@b", TO, Optional.empty(), false),
                        Optional.empty(), true, "decrypted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void namesTheMismatch(String what, ResumeToken t, Optional<Guid> from, boolean raw, String expected) {
        Optional<String> why = ResumeTokenCheck.mismatch(t, FS, TO, from, raw);
        assertTrue(why.isPresent(), what);
        assertTrue(why.get().contains(expected), why.get());
    }
}
