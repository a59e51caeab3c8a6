package dev.verity.parsers.ocr;

import java.util.Locale;

/** When Verity runs optical character recognition. */
public enum OcrMode {
    /** OCR the PDF pages that have no usable text layer, and images. The default. */
    AUTO,
    /** OCR every PDF page, even one with a text layer (a bad text layer, a scan with a poor OCR layer), and images. */
    FORCE,
    /** Never OCR: scans and images are rejected as having no text. */
    OFF;

    /** The mode named {@code auto}, {@code force} or {@code off} (any case). */
    public static OcrMode parse(String value) {
        String clean = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (OcrMode mode : values()) {
            if (mode.name().equals(clean)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("OCR mode must be auto, force or off, got \"" + value + "\"");
    }

    /** The lowercase code used in settings, e.g. {@code auto}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
