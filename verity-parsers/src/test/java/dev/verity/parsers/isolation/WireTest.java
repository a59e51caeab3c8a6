package dev.verity.parsers.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.ParserSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Everything the parser processes send travels whole. The values are made by reflection from the record components,
 * each different from its type's default, so a component added to a core record (a new block type, a confidence on a
 * paragraph, a setting) is covered without touching this test, and one the wire loses makes it fail.
 */
class WireTest {
    private static final String TEXT = "x".repeat(100);

    @Test
    void carriesEveryBlockTypeWithAllItsComponents() throws Exception {
        Class<?>[] types = Block.class.getPermittedSubclasses();
        assertThat(types).hasSizeGreaterThanOrEqualTo(4);
        List<Block> blocks = new ArrayList<>();
        for (Class<?> type : types) {
            Block block = (Block) sample(type);
            assertNoDefaults(block);
            blocks.add(block);
        }
        ParsedDocument doc = (ParsedDocument) sampleRecord(ParsedDocument.class, Map.of("blocks", blocks));
        assertNoDefaults(doc);

        Wire.Response back = roundTrip(new Wire.Response(7, doc, null, null, null), Wire.Response.class);

        assertThat(back.document()).isEqualTo(doc);
        assertThat(back.document().blocks())
                .extracting(Object::getClass)
                .containsExactly(blocks.stream().map(Object::getClass).toArray(Class<?>[]::new));
    }

    @Test
    void carriesRejectionsAndRequestsWithTheirSettingsAndDetectedType() throws Exception {
        Wire.Response rejected = new Wire.Response(
                3, null, new Rejection(RejectionReason.RESOURCE_LIMIT, "the image declares 1 x 2 pixels"), null, null);
        ParserSettings settings = (ParserSettings) sample(ParserSettings.class);
        assertNoDefaults(settings);
        Wire.Request request = new Wire.Request(9, "/tmp/a b.pdf", "a b.pdf", "application/pdf", settings, null);
        Wire.Request undetected = new Wire.Request(10, "/tmp/a b.pdf", "a b.pdf", null, settings, null);

        assertThat(roundTrip(rejected, Wire.Response.class)).isEqualTo(rejected);
        assertThat(roundTrip(request, Wire.Request.class)).isEqualTo(request);
        assertThat(roundTrip(undetected, Wire.Request.class)).isEqualTo(undetected);
    }

    @Test
    void carriesExtractionRequestsAndTheEmbeddedFilesWritten() throws Exception {
        Wire.Request request = new Wire.Request(
                11,
                "/tmp/report.pdf",
                "report.pdf",
                null,
                ParserSettings.defaults(),
                new Wire.Extract("/tmp/scratch", 999, 1L << 33));
        Wire.Response extracted = new Wire.Response(
                11,
                null,
                null,
                null,
                new Wire.Extracted(List.of(new Wire.Member("minutes.txt", "/tmp/scratch/0-minutes.txt", 42)), "BYTES"));

        assertThat(roundTrip(request, Wire.Request.class)).isEqualTo(request);
        assertThat(roundTrip(extracted, Wire.Response.class)).isEqualTo(extracted);
    }

    @Test
    void refusesAFrameWithoutTheMagic() {
        byte[] garbage = "native noise\n and more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> Wire.read(new DataInputStream(new ByteArrayInputStream(garbage)), Wire.Response.class)))
                .isInstanceOf(IOException.class)
                .hasMessage("bad frame: expected magic 0x56525459, got 0x6e617469");
    }

    private static <T> T roundTrip(Object message, Class<T> type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), message);
        return Wire.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), type);
    }

    /** Fails when a component holds its type's default: a component the wire dropped would come back so. */
    private static void assertNoDefaults(Object record) throws Exception {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(record);
            assertThat(value)
                    .as(record.getClass().getSimpleName() + "." + component.getName())
                    .isNotNull()
                    .isNotIn(0, 0L, 0.0, 0.0f, false, "", List.of(), Map.of(), Optional.empty());
        }
    }

    private static Object sample(Type type) throws Exception {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] args = generic.getActualTypeArguments();
            if (raw == List.class) {
                return List.of(sample(args[0]), sample(args[0]));
            }
            if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                map.put("Subject", sample(args[1]));
                map.put("From", sample(args[1]));
                return map;
            }
            if (raw == Optional.class) {
                return Optional.of(sample(args[0]));
            }
            throw new AssertionError("no sample for " + type + ": teach WireTest.sample this type");
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class) {
            return 3; // 3 fits every int component so far: heading levels 1..6, pages, offsets
        }
        if (c == long.class || c == Long.class) {
            return 3L;
        }
        if (c == double.class || c == Double.class) {
            return 0.75;
        }
        if (c == float.class || c == Float.class) {
            return 0.75f;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == String.class) {
            return "v";
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[constants.length - 1]; // not the first: a lost enum must not pass as its first value
        }
        if (c == dev.verity.parsers.ocr.OcrSettings.class) { // validated: dpi 72..1200, Tesseract language codes
            return new dev.verity.parsers.ocr.OcrSettings(
                    dev.verity.parsers.ocr.OcrMode.FORCE,
                    "fra+ita",
                    150,
                    java.time.Duration.ofSeconds(7),
                    3,
                    "/opt/tesseract",
                    Optional.of(java.nio.file.Path.of("/var/lib/verity data/ocr-cache")),
                    4096,
                    Optional.of(java.nio.file.Path.of("/var/lib/verity data/ocr-slots")));
        }
        if (c.isRecord()) {
            return sampleRecord(c, Map.of());
        }
        if (c == Block.class) {
            return sample(Block.Paragraph.class);
        }
        if (c == java.time.Duration.class) {
            return java.time.Duration.ofMillis(1500);
        }
        throw new AssertionError("no sample for " + type + ": teach WireTest.sample this type");
    }

    private static Object sampleRecord(Class<?> type, Map<String, Object> given) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = given.containsKey(name)
                    ? given.get(name)
                    : name.equals("text") && type == ParsedDocument.class
                            ? TEXT
                            : name.equals("kind") && type == ParsedDocument.class
                                    ? DocumentKind.EMAIL
                                    : sample(components[i].getGenericType());
        }
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return canonical.newInstance(values);
    }
}
