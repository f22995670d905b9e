package org.jzrepl.transport;

import java.util.Objects;

/**
 * A wire plus the identity of the client at its other end. The identity is what a sink uses below
 * its {@code root_fs}, so it is always a valid single ZFS dataset-name component.
 */
public record AuthenticatedWire(Wire wire, String clientIdentity) {
    public AuthenticatedWire {
        Objects.requireNonNull(wire, "wire");
        ClientIdentity.requireValid(clientIdentity);
    }
}
