package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import org.jzrepl.rpc.message.RpcRemoteException;

/** The endpoint interface the RPC tests serve and call: one method per body shape. */
@RemoteExceptions(TestEndpoint.BusyException.class)
public interface TestEndpoint {

    record Ping(String message) {
    }

    record Echo(String echo, int length) {
    }

    record Size(long bytes, long failAfter) {
    }

    record Info(String name, long bytes) {
    }

    record Summary(String name, long bytes, long checksum) {
    }

    record Failure(String code, String message) {
    }

    /** A typed error the client gets back as this class. */
    class NotFoundException extends RpcRemoteException {
        public NotFoundException(String code, String message) {
            super(code, message);
        }
    }

    /** A typed error named only by the interface's annotation. */
    class BusyException extends RpcRemoteException {
        public BusyException(String code, String message) {
            super(code, message);
        }
    }

    Echo ping(Ping ping) throws IOException;

    void touch() throws IOException;

    /** Returns {@code bytes} bytes of a counting pattern; the producer fails after failAfter if >= 0. */
    InputStream download(Size size) throws IOException;

    Streamed<Info> send(Size size) throws IOException;

    Summary upload(Info info, InputStream data) throws IOException;

    long count(InputStream data) throws IOException;

    void fail(Failure failure) throws IOException, NotFoundException;

    /** Sleeps, to test liveness while the server works. */
    void sleep(long millis) throws IOException;
}
