package org.jzrepl.rpc.frame;

/** The frame types of {@link Frames}, each with its wire code and payload cap. */
public enum FrameType {
    HEADER(Frames.TYPE_HEADER, Frames.MAX_CALL_HEADER),
    DATA(Frames.TYPE_DATA, Frames.MAX_DATA_PAYLOAD),
    END(Frames.TYPE_END, 0),
    ERROR_TRAILER(Frames.TYPE_ERROR_TRAILER, Frames.MAX_ERROR_TRAILER),
    HEARTBEAT(Frames.TYPE_HEARTBEAT, 0),
    CLOSE(Frames.TYPE_CLOSE, 0),
    CLOSE_ACK(Frames.TYPE_CLOSE_ACK, 0),
    RST(Frames.TYPE_RST, Frames.MAX_RST_REASON);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int maxLength;

    FrameType(int code, int maxLength) {
        this.code = code;
        this.maxLength = maxLength;
    }

    /** The u8 on the wire. */
    public int code() {
        return code;
    }

    /** Largest payload a frame of this type may carry. */
    public int maxLength() {
        return maxLength;
    }

    /** The type for a wire code, or null if the code is not a known type. */
    public static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
