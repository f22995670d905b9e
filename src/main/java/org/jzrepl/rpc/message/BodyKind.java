package org.jzrepl.rpc.message;

/** Which parts a request or response body has, in this order: a JSON part, a stream part. */
public enum BodyKind {
    NONE(false, false),
    JSON(true, false),
    STREAM(false, true),
    JSON_STREAM(true, true);

    private final boolean json;
    private final boolean stream;

    BodyKind(boolean json, boolean stream) {
        this.json = json;
        this.stream = stream;
    }

    public boolean hasJson() {
        return json;
    }

    public boolean hasStream() {
        return stream;
    }

    public static BodyKind of(boolean json, boolean stream) {
        return json ? (stream ? JSON_STREAM : JSON) : (stream ? STREAM : NONE);
    }
}
