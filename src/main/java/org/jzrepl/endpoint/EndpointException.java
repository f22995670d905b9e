package org.jzrepl.endpoint;

import org.jzrepl.rpc.message.RpcRemoteException;

/**
 * An endpoint refused or failed a call; the connection is fine. Crosses the wire as its code and
 * message and is rethrown as this type on the calling side. {@link #isPermanent()} tells the
 * replication driver whether trying the same step again can help.
 */
public class EndpointException extends RpcRemoteException {
    /** The filesystem does not pass the serving job's {@code filesystems} filter. */
    public static final String FILESYSTEM_NOT_ALLOWED = "endpoint.filesystem_not_allowed";
    /** A path would leave the receiver's root ({@code root_fs[/identity]}). */
    public static final String PATH_ESCAPES_ROOT = "endpoint.path_escapes_root";
    /** A named version does not exist or its guid differs from the request's. */
    public static final String VERSION_MISMATCH = "endpoint.version_mismatch";
    /** A resume token does not fit the request (other fs, guids, raw-ness) or cannot be decoded. */
    public static final String BAD_RESUME_TOKEN = "endpoint.bad_resume_token";
    /** The request is well-formed but not allowed (e.g. unencrypted send of an encrypted fs). */
    public static final String REFUSED = "endpoint.refused";
    /** zfs failed; the message keeps zfs's own text. */
    public static final String ZFS_FAILED = "endpoint.zfs_failed";
    /** zfs reported the dataset busy: trying again later may work. */
    public static final String ZFS_BUSY = "endpoint.zfs_busy";

    public EndpointException(String code, String message) {
        super(code, message);
    }

    /** False only for conditions that may clear up by themselves (a busy dataset). */
    public boolean isPermanent() {
        return !ZFS_BUSY.equals(code());
    }
}
