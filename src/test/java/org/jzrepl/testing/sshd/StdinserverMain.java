package org.jzrepl.testing.sshd;

import java.nio.file.Path;
import org.jzrepl.transport.stdinserver.StdinserverClient;

/** The forced command without the CLI around it: {@code StdinserverMain SOCKDIR IDENTITY}. */
public final class StdinserverMain {
    private StdinserverMain() {
    }

    public static void main(String[] args) {
        System.exit(StdinserverClient.run(Path.of(args[0]), args[1]));
    }
}
