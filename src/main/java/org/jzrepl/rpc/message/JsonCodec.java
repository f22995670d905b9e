package org.jzrepl.rpc.message;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.util.LogText;

/**
 * JSON for call headers and bodies (Jackson; records bind by component name). Unknown fields are
 * ignored so a peer may add optional ones; trailing tokens and nulls for primitives are errors.
 * Thread-safe.
 */
public final class JsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    /** JSON bytes of a header or body value. Fails (before anything is sent) if it cannot be encoded. */
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public RequestHeader requestHeader(byte[] json) throws ProtocolException {
        return header(json, RequestHeader.class);
    }

    public ResponseHeader responseHeader(byte[] json) throws ProtocolException {
        return header(json, ResponseHeader.class);
    }

    /**
     * Reads one JSON value of the given type from a body part. Does not close {@code in}; the
     * caller drains it. I/O failures of the part itself propagate as they are.
     */
    public Object body(InputStream in, Type type) throws IOException {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return mapper.readValue(in, javaType);
        } catch (JacksonException e) {
            // Jackson quotes the peer's input (field names, values): escaped before anyone logs it
            throw new JsonBodyException("bad JSON body for " + javaType + ": " + LogText.escape(e.getOriginalMessage()), e);
        }
    }

    private <T> T header(byte[] json, Class<T> type) throws ProtocolException {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new ProtocolException(ProtocolException.Code.BAD_CALL_HEADER, "null " + type.getSimpleName());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JacksonException je ? je.getOriginalMessage() : String.valueOf(e.getMessage());
            throw new ProtocolException(ProtocolException.Code.BAD_CALL_HEADER,
                    "bad " + type.getSimpleName() + ": " + LogText.escape(why), e);
        }
    }
}
