package dev.verity.parsers.isolation;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.parsers.ParserSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * What the ingestion JVM and a parser process say to each other, and how it is framed on the pipe.
 *
 * <p>Messages are JSON of the core records, written by Jackson from their components: a component added to
 * {@link ParsedDocument}, a {@link Block} type or {@link ParserSettings} travels without a change here. The sealed
 * {@link Block} is written with its simple class name in {@code "@type"}; the names are its permitted subclasses, read
 * at run time, so a new block type travels too and no other class can be named. verity-core stays free of Jackson:
 * the type information comes from a mix-in.
 *
 * <p>Each frame is a 4-byte magic, a 4-byte length and that many bytes of UTF-8 JSON. The magic catches a stray byte a
 * library printed on the child's stdout despite the redirection, so garbage ends the child instead of being parsed.
 */
final class Wire {
    /** "VRTY". */
    static final int MAGIC = 0x56525459;
    /** A parsed document of 20 million characters is about 60 MB of JSON at worst; anything bigger is garbage. */
    static final int MAX_FRAME_BYTES = 512 * 1024 * 1024;

    /** The child's first message once its parser is loaded. */
    record Ready(long pid) {}

    /**
     * Parse {@code file}; {@code name} names it for type detection and as the fallback title. {@code mediaType} is the
     * type the parent detected, which the child then does not detect again; null when the parent did not detect it.
     * With {@code extract}, the child does not parse the file but writes the files embedded in it (PDF attachments,
     * OLE objects) into a folder.
     */
    record Request(long id, String file, String name, String mediaType, ParserSettings settings, Extract extract) {}

    /** Write the files embedded in the requested file into {@code into}, stopping past either limit. */
    record Extract(String into, int maxMembers, long maxBytes) {}

    /**
     * The answer to the request with the same id: exactly one of a document, a rejection, a failure (an unexpected
     * exception in the child, described in one line), or the embedded files written for an {@link Extract}.
     */
    record Response(long id, ParsedDocument document, Rejection rejection, String failure, Extracted extracted) {}

    /**
     * The files written for an {@link Extract}.
     *
     * @param exceeded the name of the limit that stopped the extraction ({@code NONE}, {@code MEMBERS},
     *     {@code BYTES})
     */
    record Extracted(List<Member> members, String exceeded) {}

    /** One embedded file: its name inside the document, where it was written, its size. */
    record Member(String path, String file, long size) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private abstract static class BlockTypes {}

    static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(Block.class, BlockTypes.class)
            .registerSubtypes(Arrays.stream(Block.class.getPermittedSubclasses())
                    .map(type -> new NamedType(type, type.getSimpleName()))
                    .toArray(NamedType[]::new))
            .enable(MapperFeature.INFER_RECORD_GETTERS_FROM_COMPONENTS_ONLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private Wire() {}

    static void write(DataOutputStream out, Object message) throws IOException {
        byte[] json = JSON.writeValueAsBytes(message);
        out.writeInt(MAGIC);
        out.writeInt(json.length);
        out.write(json);
        out.flush();
    }

    /** The next message, or throws {@link EOFException} when the other side closed the pipe. */
    static <T> T read(DataInputStream in, Class<T> type) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("bad frame: expected magic 0x%08x, got 0x%08x", MAGIC, magic));
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("bad frame: length " + length + " is outside 0.." + MAX_FRAME_BYTES);
        }
        byte[] json = in.readNBytes(length);
        if (json.length < length) {
            throw new EOFException("the frame ended after " + json.length + " of " + length + " bytes");
        }
        return JSON.readValue(json, type);
    }
}
