package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import org.jzrepl.rpc.message.RpcRemoteException;

/** A {@link TestEndpoint} safe for fuzzing: bounded sizes, no sleeping, quiet failures. */
final class FuzzEndpoint implements TestEndpoint {
    private final TestEndpointImpl inner = new TestEndpointImpl();

    @Override
    public Echo ping(Ping ping) {
        return new Echo(String.valueOf(ping.message()), ping.message() == null ? 0 : ping.message().length());
    }

    @Override
    public void touch() {
    }

    @Override
    public InputStream download(Size size) {
        return TestEndpointImpl.pattern(Math.floorMod(size.bytes(), 20_000), -1);
    }

    @Override
    public Streamed<Info> send(Size size) {
        return new Streamed<>(new Info("send", size.bytes()), download(size));
    }

    @Override
    public Summary upload(Info info, InputStream data) throws IOException {
        return inner.upload(info == null ? new Info("null", 0) : info, data);
    }

    @Override
    public long count(InputStream data) throws IOException {
        return inner.count(data);
    }

    @Override
    public void fail(Failure failure) throws IOException {
        throw new RpcRemoteException("fuzz.fail", String.valueOf(failure));
    }

    @Override
    public void sleep(long millis) {
    }
}
