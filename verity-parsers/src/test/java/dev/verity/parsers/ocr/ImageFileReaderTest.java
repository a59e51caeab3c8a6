package dev.verity.parsers.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebP size is read from the header alone, so that a huge image is refused before Tesseract decodes it. */
class ImageFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSizeOfALossyWebp() throws Exception {
        ByteBuffer chunk = le(10);
        chunk.put(new byte[] {0, 0, 0, (byte) 0x9d, 0x01, 0x2a})
                .putShort((short) 1200)
                .putShort((short) 800);
        assertThat(ImageFileReader.webpSize(webp("VP8 ", chunk)))
                .hasValueSatisfying(s -> assertThat(s).containsExactly(1200, 800));
    }

    @Test
    void readsTheSizeOfALosslessWebp() throws Exception {
        ByteBuffer chunk = le(10);
        chunk.put((byte) 0x2f).putInt((640 - 1) | (480 - 1) << 14);
        assertThat(ImageFileReader.webpSize(webp("VP8L", chunk)))
                .hasValueSatisfying(s -> assertThat(s).containsExactly(640, 480));
    }

    @Test
    void readsTheCanvasSizeOfAnExtendedWebp() throws Exception {
        ByteBuffer chunk = le(10);
        int width = 100_000 - 1;
        int height = 50_000 - 1;
        chunk.putInt(0)
                .put((byte) width)
                .put((byte) (width >> 8))
                .put((byte) (width >> 16))
                .put((byte) height)
                .put((byte) (height >> 8))
                .put((byte) (height >> 16));
        assertThat(ImageFileReader.webpSize(webp("VP8X", chunk)))
                .hasValueSatisfying(s -> assertThat(s).containsExactly(100_000, 50_000));
    }

    @Test
    void findsNoSizeInAFileThatIsNotWebp() throws Exception {
        Path file = Files.write(dir.resolve("fake.webp"), "RIFF....WAVEfmt and more bytes here...".getBytes());
        assertThat(ImageFileReader.webpSize(file)).isEmpty();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Path webp(String chunkType, ByteBuffer chunk) throws Exception {
        ByteBuffer file = le(20 + chunk.capacity());
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(12 + chunk.capacity())
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(chunkType.getBytes(StandardCharsets.US_ASCII))
                .putInt(chunk.capacity())
                .put(chunk.array());
        return Files.write(dir.resolve("image.webp"), file.array());
    }
}
