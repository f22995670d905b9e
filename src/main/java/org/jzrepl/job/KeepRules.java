package org.jzrepl.job;

import java.util.List;
import org.jzrepl.pruning.Keep;

/** The keep rules of a push or pull job's two sides; an empty side is not pruned. */
public record KeepRules(List<Keep> sender, List<Keep> receiver) {
    public static final KeepRules NONE = new KeepRules(List.of(), List.of());

    public KeepRules {
        sender = List.copyOf(sender);
        receiver = List.copyOf(receiver);
    }
}
