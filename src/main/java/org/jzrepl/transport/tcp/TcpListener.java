package org.jzrepl.transport.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ClientIdentity;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.TransportException;

/**
 * The tcp transport's passive side: the client identity is what {@code clients} maps the peer's
 * address to; a peer whose address maps to nothing, or to a name that is not a valid identity, is
 * refused with a {@link Refusal} naming its address, and so is one over a connection cap. No
 * encryption, no authentication beyond the source address.
 */
public final class TcpListener implements Handover {
    private final String job;
    private final Function<InetAddress, Optional<String>> clients;
    private final ConnectionCaps caps;

    private TcpListener(String job, Function<InetAddress, Optional<String>> clients, ConnectionCaps caps) {
        this.job = Objects.requireNonNull(job, "job");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.caps = Objects.requireNonNull(caps, "caps");
    }

    /**
     * Listens on {@code address} for {@code job}.
     *
     * @param clients the {@code clients} map: the identity of a peer address, empty when not listed
     */
    public static SocketListener open(String job, TcpAddress address, Function<InetAddress, Optional<String>> clients,
                                      ConnectionCaps caps, TaskRunner runner) throws IOException {
        return SocketListener.open(address, "job " + job + " tcp " + address, new TcpListener(job, clients, caps),
                runner);
    }

    @Override
    public AuthenticatedWire authenticate(SocketChannel socket) throws IOException {
        InetAddress peer = ((InetSocketAddress) socket.getRemoteAddress()).getAddress();
        OutputStream out = Channels.newOutputStream(socket);
        Optional<String> identity = clients.apply(peer);
        if (identity.isEmpty() || !ClientIdentity.isValid(identity.get())) {
            String why = identity.isEmpty() ? "client address " + peer.getHostAddress() + " is not in serve.clients"
                    + " of job " + job : "client address " + peer.getHostAddress() + " maps to '" + identity.get()
                    + "', which is not a valid client identity";
            Refusal.send(out, false, why);
            throw new TransportException(TransportException.Kind.AUTHENTICATION_FAILED, why);
        }
        ConnectionCaps.Permit permit;
        try {
            permit = caps.acquire(identity.get());
        } catch (TransportException over) {
            Refusal.send(out, true, over.getMessage());
            throw over;
        }
        return new AuthenticatedWire(new SocketWire(socket, new byte[0], permit::release), identity.get());
    }
}
