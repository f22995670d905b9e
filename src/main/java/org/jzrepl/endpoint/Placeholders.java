package org.jzrepl.endpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Creates the missing parents of a receive target as placeholders: filesystems marked
 * {@value #PROPERTY}{@code =on} with {@code mountpoint=none canmount=noauto}, never mounted,
 * that exist only to hold children, as {@code zfs recv} cannot
 * create parents. {@code base} (the configured {@code root_fs}) must exist; everything below it
 * may be created. Encryption follows {@code recv.placeholder.encryption} as in zrepl:
 * {@code off} creates them with {@code encryption=off}; {@code inherit} lets them inherit from
 * their parent; {@code unspecified} (the default) creates them like {@code inherit} below an
 * unencrypted parent and refuses below an encrypted one, where the choice matters (an encrypted
 * placeholder makes every child received into it inherit a key the sender never had). Which
 * ancestors exist, and the encryption of the nearest, come from one {@code zfs list} of them all
 * ({@link #lookUp}), which a receiver may run while it looks for the target itself. When a real
 * receive replaces a placeholder, {@link #makeWay} decides how (see there).
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

    /**
     * Which ancestors of a receive target exist, from one {@code zfs list}: {@code chain} runs
     * from the target's parent up to {@code base} (or above), {@code existing} maps those that
     * exist to their encryption.
     */
    record Ancestors(DatasetPath target, List<DatasetPath> chain, Map<DatasetPath, String> existing) {
    }

    /** Looks up the ancestors of {@code target} between {@code base} and it (one zfs command). */
    Ancestors lookUp(DatasetPath target) throws EndpointException {
        List<DatasetPath> chain = new ArrayList<>();      // the parent first, base (or above) last
        for (DatasetPath p = target.parent(); ; p = p.parent()) {
            chain.add(p);
            if (p.depth() <= base.depth()) {
                break;
            }
        }
        try {
            return new Ancestors(target, List.copyOf(chain), zfs.encryption(chain));
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("creating placeholders for " + target, e);
        }
    }

    /** Creates the missing ancestors of {@code target} between {@code base} and it. */
    void ensureParents(DatasetPath target) throws EndpointException {
        ensureParents(lookUp(target));
    }

    /** Creates the ancestors {@code a} found missing, top-down below the nearest that exists. */
    void ensureParents(Ancestors a) throws EndpointException {
        Deque<DatasetPath> missing = new ArrayDeque<>();
        try {
            for (DatasetPath p : a.chain()) {
                if (a.existing().containsKey(p)) {
                    createBelow(p, a.existing().get(p), missing);
                    return;
                }
                missing.push(p);
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("creating placeholders for " + a.target(), e);
        }
        DatasetPath top = a.chain().get(a.chain().size() - 1);
        throw new EndpointException(EndpointException.REFUSED, "cannot receive " + a.target() + ": "
                + (top.isRoot() ? "pool " + top + " is not imported" : "root_fs " + top + " does not exist"));
    }

    /** Creates {@code missing} (top-down) below {@code parent}, whose encryption is {@code parentEncryption}. */
    private void createBelow(DatasetPath parent, String parentEncryption, Deque<DatasetPath> missing)
            throws EndpointException, ZfsException {
        if (missing.isEmpty()) {
            return;
        }
        if (encryption == PlaceholderEncryption.UNSPECIFIED && !parentEncryption.equals("off")) {
            throw new EndpointException(EndpointException.REFUSED, "cannot create placeholder "
                    + missing.peek() + " below encrypted " + parent + ": recv.placeholder.encryption is unspecified;"
                    + " set it to 'inherit' (placeholders encrypted with " + parent + "'s key) or 'off'");
        }
        for (DatasetPath m : missing) {
            create(m);
        }
    }

    /**
     * Makes way for a full receive over {@code ph}, an empty placeholder (no snapshots), and says
     * whether the receive must force ({@code -F}). zfs replaces a filesystem by a full stream only
     * with {@code -F}, and {@code -F} refuses to overwrite an unencrypted filesystem with an
     * encrypted (raw) stream or to destroy an encrypted one. Then a placeholder without children
     * is destroyed (it holds nothing) and the stream received as a new filesystem; one with
     * children is refused, before zfs receives anything, since replacing it would take them too.
     */
    boolean makeWay(DatasetInfo ph, boolean rawStream, String to) throws EndpointException {
        boolean encryptedPlaceholder = !ph.encryption().equals("off");
        if (!rawStream && !encryptedPlaceholder) {
            return true;
        }
        try {
            List<DatasetPath> children = new ArrayList<>();
            for (DatasetInfo d : zfs.listTree(ph.path())) {
                if (!d.path().equals(ph.path())) {
                    children.add(d.path());
                }
            }
            if (children.isEmpty()) {
                zfs.destroy(ph.path(), false);
                return false;
            }
            throw new EndpointException(EndpointException.REFUSED, "cannot receive " + to + " over placeholder "
                    + ph.path() + ": " + (rawStream ? "the stream is encrypted (raw)" : "the placeholder is encrypted")
                    + ", and zfs recv -F cannot overwrite an unencrypted filesystem with an encrypted one nor destroy"
                    + " an encrypted one, while the placeholder holds " + children.size() + " received filesystem(s) ("
                    + children.get(0) + (children.size() > 1 ? ", ..." : "") + ") that replacing it would destroy."
                    + " Nothing was received. To go on, on the receiver: move them aside (zfs rename), let jzrepl"
                    + " receive " + ph.path() + ", and move them back below it where zfs allows");
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("making way for " + to + " over placeholder " + ph.path(), e);
        }
    }

    /** The properties of a new placeholder. */
    Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PROPERTY, "on");
        props.put("mountpoint", "none");
        props.put("canmount", "noauto");        // never mounted, even should someone set a mountpoint
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
}
