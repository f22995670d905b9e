package org.jzrepl.endpoint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Creates the missing parents of a receive target as placeholders: unmounted filesystems marked
 * {@value #PROPERTY}{@code =on} that exist only to hold children, as {@code zfs recv} cannot
 * create parents. {@code base} (the configured {@code root_fs}) must exist; everything below it
 * may be created. Encryption follows {@code recv.placeholder.encryption} as in zrepl:
 * {@code off} creates them with {@code encryption=off}; {@code inherit} lets them inherit from
 * their parent; {@code unspecified} (the default) creates them like {@code inherit} below an
 * unencrypted parent and refuses below an encrypted one, where the choice matters (an encrypted
 * placeholder makes every child received into it inherit a key the sender never had).
 */
final class Placeholders {

    static final String PROPERTY = "jzrepl:placeholder";
    /** zrepl's mark, which the listing also honours. */
    static final String ZREPL_PROPERTY = "zrepl:placeholder";

    private final Zfs zfs;
    private final DatasetPath base;
    private final PlaceholderEncryption encryption;

    Placeholders(Zfs zfs, DatasetPath base, PlaceholderEncryption encryption) {
        this.zfs = zfs;
        this.base = base;
        this.encryption = encryption;
    }

    /** Creates the missing ancestors of {@code target} between {@code base} and it. */
    void ensureParents(DatasetPath target) throws EndpointException {
        Deque<DatasetPath> missing = new ArrayDeque<>();
        DatasetPath p = target.parent();
        String parentEncryption;
        try {
            while (true) {
                Optional<String> enc = encryptionOf(p);
                if (enc.isPresent()) {
                    parentEncryption = enc.get();
                    break;
                }
                if (p.depth() <= base.depth()) {
                    throw new EndpointException(EndpointException.REFUSED, "cannot receive " + target + ": "
                            + (p.isRoot() ? "pool " + p + " is not imported" : "root_fs " + p + " does not exist"));
                }
                missing.push(p);
                p = p.parent();
            }
            if (missing.isEmpty()) {
                return;
            }
            if (encryption == PlaceholderEncryption.UNSPECIFIED && !parentEncryption.equals("off")) {
                throw new EndpointException(EndpointException.REFUSED, "cannot create placeholder "
                        + missing.peek() + " below encrypted " + p + ": recv.placeholder.encryption is unspecified;"
                        + " set it to 'inherit' (placeholders encrypted with " + p + "'s key) or 'off'");
            }
            for (DatasetPath m : missing) {
                create(m);
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("creating placeholders for " + target, e);
        }
    }

    /** The properties of a new placeholder. */
    Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PROPERTY, "on");
        props.put("mountpoint", "none");
        if (encryption == PlaceholderEncryption.OFF) {
            props.put("encryption", "off");
        }
        return props;
    }

    /**
     * {@code overrides} plus the placeholder marks set to off, for a full receive: the mark is a
     * user property, so a filesystem received below a placeholder would otherwise inherit it, and
     * one received over a placeholder (with -F) would keep it.
     */
    static Map<String, String> unmarked(Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        o.putIfAbsent(PROPERTY, "off");
        o.putIfAbsent(ZREPL_PROPERTY, "off");
        return o;
    }

    private void create(DatasetPath fs) throws ZfsException {
        try {
            zfs.create(fs, properties(), false);
        } catch (DatasetExistsException raced) {
            // another receive created it meanwhile
        }
    }

    /** The dataset's {@code encryption} value, or empty when it does not exist. */
    private Optional<String> encryptionOf(DatasetPath fs) throws ZfsException {
        try {
            Property p = zfs.get(fs.name(), List.of("encryption")).get("encryption");
            return Optional.of(p == null ? "off" : p.value());
        } catch (DatasetNotFoundException e) {
            return Optional.empty();
        }
    }
}
