package org.jzrepl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigException;
import org.jzrepl.config.SockdirLookup;
import org.jzrepl.transport.stdinserver.StdinserverClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jzrepl stdinserver IDENT}: the SSH forced command. Its standard output is the protocol
 * stream: nothing else may ever be written there. Failures before the hand-over (unreadable
 * config, daemon down, unknown identity) become the stdinserver ERROR banner, which the dialing
 * jzrepl shows as "remote jzrepl daemon not reachable for identity IDENT: REASON".
 */
@Command(
        name = StdinserverCommand.NAME,
        header = "Hand this SSH connection to the local daemon (SSH forced command).",
        description = {
            "Run by sshd as the forced command of an authorized_keys entry, never by hand. "
                    + "Connects to the daemon's unix socket <sockdir>/IDENT (global.serve."
                    + "stdinserver.sockdir), passes it this process's standard input and output, "
                    + "and stays alive until the daemon is done with the connection; the exit "
                    + "status is the daemon's.",
            "",
            "Example authorized_keys line (see scripts/authorized_keys.example):",
            "",
            "  command=\"/usr/bin/jzrepl stdinserver backup-server\",restrict ssh-ed25519 AAAA...",
        })
public final class StdinserverCommand implements Callable<Integer> {

    static final String NAME = "stdinserver";

    @Spec
    private CommandSpec spec;

    @Parameters(
            paramLabel = "IDENT",
            description = "The client identity: one of the serve.client_identities of a source "
                    + "or sink job; it names the socket and, for a sink, the dataset under "
                    + "root_fs that receives.")
    private String identity;

    @Option(
            names = "--sockdir",
            paramLabel = "DIR",
            description = "Use this socket directory instead of the config's global.serve.stdinserver."
                    + "sockdir (the config is then not read).")
    private Path sockdir;

    @Override
    public Integer call() {
        if (sockdir != null) {
            return StdinserverClient.run(sockdir, identity);
        }
        return serve(JzreplCommand.of(spec).config(), identity);
    }

    /**
     * Serves one forced-command connection for {@code identity} with the sockdir from
     * {@code config}; returns the exit status. Both the picocli path and {@link Main}'s fast path
     * for the exact authorized_keys form {@code jzrepl stdinserver IDENT} end up here.
     */
    static int serve(Path config, String identity) {
        Path dir;
        try {
            dir = SockdirLookup.read(config);
        } catch (ConfigException e) {
            return StdinserverClient.reportNotReachable(identity, "the jzrepl config " + config + " on the remote host is"
                    + " not usable: " + e.getMessage());
        }
        return StdinserverClient.run(dir, identity);
    }
}
