package org.jzrepl.zfs.cmd;

import static org.jzrepl.zfs.cmd.ParsedOutput.parsed;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.ZfsException;

/**
 * The streams of {@link ZfsCli}: {@code zfs send} and its dry runs, {@code zfs recv} and the
 * discarding of a partial receive. Stateless; a started send is owned by the caller.
 */
final class StreamCommands {

    private final ZfsRunner runner;

    StreamCommands(ZfsRunner runner) {
        this.runner = runner;
    }

    SendStream send(SendArgs args) throws ZfsException {
        RunningCommand cmd = runner.start(StreamArgv.send(args));
        try {
            cmd.stdin().close();
        } catch (IOException e) {
            // zfs send reads no stdin
        }
        return new ProcessSendStream(cmd, runner.timeout());
    }

    long estimateSize(SendArgs args) throws ZfsException {
        List<String> argv = StreamArgv.sendDryRun(args);
        return parsed(argv, runner.run(argv), SendDryRunParser::estimatedSize);
    }

    SendDryRun dryRun(SendArgs args) throws ZfsException {
        List<String> argv = StreamArgv.sendDryRun(args);
        return parsed(argv, runner.run(argv), SendDryRunParser::dryRun);
    }

    void recv(RecvArgs args, InputStream stream) throws IOException {
        List<String> argv = StreamArgv.recv(args);
        try (Span s = Spans.begin("zfs", "argv", String.join(" ", argv))) {
            ReceivePump.pump(runner.startInSpan(argv), argv, stream, runner.timeout());
        }
    }

    void recvAbort(DatasetPath fs) throws ZfsException {
        runner.run(Argv.of("recv", List.of("-A"), fs.name()));
    }
}
