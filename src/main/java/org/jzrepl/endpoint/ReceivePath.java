package org.jzrepl.endpoint;

import org.jzrepl.zfs.DatasetPath;

/**
 * Maps the sender's filesystem names into a receiver's root and back. The name comes from the
 * remote side: it is parsed with OpenZFS's name rules ({@link DatasetPath}: no {@code ..} or
 * {@code .} component, no empty component or leading/trailing {@code /}, nothing outside
 * {@code [A-Za-z0-9_.: -]} so no {@code @ # %}, at most 255 bytes in total below the root), and
 * whatever fails is refused as {@link EndpointException#PATH_ESCAPES_ROOT} before zfs runs.
 */
public final class ReceivePath {

    private ReceivePath() {
    }

    /** {@code root/senderName}, strictly below {@code root}. */
    public static DatasetPath map(DatasetPath root, String senderName) throws EndpointException {
        DatasetPath mapped;
        try {
            mapped = root.resolve(DatasetPath.parse(senderName));
        } catch (IllegalArgumentException e) {
            throw new EndpointException(EndpointException.PATH_ESCAPES_ROOT, "refusing filesystem name '"
                    + printable(senderName) + "' below " + root + ": " + printable(e.getMessage()));
        }
        if (mapped.depth() <= root.depth() || !mapped.startsWith(root)) {
            throw new EndpointException(EndpointException.PATH_ESCAPES_ROOT,
                    "filesystem '" + printable(senderName) + "' is not below " + root);
        }
        return mapped;
    }

    /** The sender's name of {@code local}, a dataset strictly below {@code root}. */
    public static String unmap(DatasetPath root, DatasetPath local) {
        return String.join("/", local.relativeTo(root));
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
