package org.jzrepl.transport;

import java.util.regex.Pattern;

/**
 * Rules for client identity names: one ZFS dataset-name component (letters, digits, {@code _ - . :}),
 * at most 200 characters, not {@code .} or {@code ..}. The stdinserver transport uses the identity as a
 * socket file name, so the same rule also keeps paths inside the sockdir.
 */
public final class ClientIdentity {
    /** Leaves room below ZFS's 255-character name limit for root_fs and the dataset path. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]+");

    private ClientIdentity() {
    }

    /** Whether {@code name} is a usable identity. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH
                && !name.equals(".") && !name.equals("..") && VALID.matcher(name).matches();
    }

    /** Returns {@code name} or throws with a message that says what is allowed. */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid client identity '" + name + "': must be one ZFS dataset"
                    + " name component (letters, digits, '_', '-', '.', ':'), 1 to " + MAX_LENGTH + " characters");
        }
        return name;
    }
}
