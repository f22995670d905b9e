package org.jzrepl.zfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jzrepl.util.LogText;

/**
 * A validated ZFS dataset name such as {@code pool/data/home}: no snapshot or bookmark part.
 * Validation follows OpenZFS's name check: components of {@code [A-Za-z0-9_.:-]} and space,
 * no empty component, no {@code .} or {@code ..} component, at most {@value #MAX_LENGTH} bytes,
 * and the pool (first component) starts with a letter, as OpenZFS's pool name check demands. So a
 * name never starts with '-' and no zfs command line can read one as an option.
 */
public record DatasetPath(List<String> components) implements Comparable<DatasetPath> {

    /** ZFS_MAX_DATASET_NAME_LEN - 1 (the name check counts the terminating NUL). */
    public static final int MAX_LENGTH = 255;
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.: -]+");

    public DatasetPath {
        components = List.copyOf(components);
        if (components.isEmpty()) {
            throw new IllegalArgumentException("dataset name must not be empty");
        }
        for (String c : components) {
            checkComponent(c);
        }
        char first = components.get(0).charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            throw new IllegalArgumentException("pool name '" + components.get(0) + "' must start with a letter");
        }
        int len = String.join("/", components).length();
        if (len > MAX_LENGTH) {
            throw new IllegalArgumentException("dataset name is " + len + " bytes long, more than " + MAX_LENGTH);
        }
    }

    /** Parses {@code pool/a/b}; throws IllegalArgumentException naming what is wrong. */
    public static DatasetPath parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("dataset name must not be empty");
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("dataset name '" + LogText.escape(name, 300) + "' must not start or end with '/'");
        }
        List<String> parts = new ArrayList<>();
        Collections.addAll(parts, name.split("/", -1));
        return new DatasetPath(parts);
    }

    /** Checks one component (also used for client identities, which must be exactly one). */
    public static void checkComponent(String c) {
        if (c.isEmpty()) {
            throw new IllegalArgumentException("empty component in dataset name");
        }
        if (c.equals(".") || c.equals("..")) {
            throw new IllegalArgumentException("component '" + LogText.escape(c, 300) + "' is not allowed in a dataset name");
        }
        if (!COMPONENT.matcher(c).matches()) {
            throw new IllegalArgumentException("component '" + LogText.escape(c, 300)
                    + "' has a character outside [A-Za-z0-9_.: -]");
        }
    }

    public String name() {
        return String.join("/", components);
    }

    public String pool() {
        return components.get(0);
    }

    public int depth() {
        return components.size();
    }

    public boolean isRoot() {
        return components.size() == 1;
    }

    public DatasetPath parent() {
        if (isRoot()) {
            throw new IllegalStateException(name() + " has no parent");
        }
        return new DatasetPath(components.subList(0, components.size() - 1));
    }

    public DatasetPath child(String component) {
        List<String> c = new ArrayList<>(components);
        c.add(component);
        return new DatasetPath(c);
    }

    /** This path followed by all components of {@code suffix}. */
    public DatasetPath resolve(DatasetPath suffix) {
        List<String> c = new ArrayList<>(components);
        c.addAll(suffix.components);
        return new DatasetPath(c);
    }

    /** True if {@code this} equals {@code ancestor} or lies below it, component-wise. */
    public boolean startsWith(DatasetPath ancestor) {
        return components.size() >= ancestor.components.size()
                && components.subList(0, ancestor.components.size()).equals(ancestor.components);
    }

    /** The components below {@code ancestor}; throws if this path is not below it. */
    public List<String> relativeTo(DatasetPath ancestor) {
        if (!startsWith(ancestor)) {
            throw new IllegalArgumentException(name() + " is not below " + ancestor.name());
        }
        return components.subList(ancestor.components.size(), components.size());
    }

    @Override
    public int compareTo(DatasetPath o) {
        int n = Math.min(components.size(), o.components.size());
        for (int i = 0; i < n; i++) {
            int c = components.get(i).compareTo(o.components.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(components.size(), o.components.size());
    }

    @Override
    public String toString() {
        return name();
    }
}
