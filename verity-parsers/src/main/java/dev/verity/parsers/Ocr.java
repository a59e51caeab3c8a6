package dev.verity.parsers;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.util.Optional;

/** The OCR settings of a parser and the {@link Tesseract} runner they configure, with what readers share. */
final class Ocr {
    private final OcrSettings settings;
    private final Tesseract tesseract;

    Ocr(OcrSettings settings) {
        this.settings = settings;
        this.tesseract = new Tesseract(settings);
    }

    OcrSettings settings() {
        return settings;
    }

    Tesseract tesseract() {
        return tesseract;
    }

    /** Why OCR cannot run: it is off, or Tesseract or a language pack is missing; empty when it can. */
    Optional<String> unavailable() {
        if (!settings.enabled()) {
            return Optional.of("OCR is off");
        }
        return tesseract.problem();
    }

    /** Throws {@code NO_TEXT} naming {@code what} and why OCR cannot run, unless it can. */
    void requireUsable(String what) throws DocumentRejectedException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new DocumentRejectedException(RejectionReason.NO_TEXT, what + " and " + lowerFirst(why.get()));
        }
    }

    /** Writes one OCR'd page to the sink: its paragraphs, its confidence, or a warning when it could not be read. */
    void emit(int page, Tesseract.PageText text, Sink sink) {
        if (text.failure().isPresent()) {
            sink.warning("page " + page + ": " + text.failure().get());
            return;
        }
        for (String paragraph : text.paragraphs()) {
            sink.paragraph(paragraph);
        }
        sink.ocrPage(page, text.confidence(), text.words());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.startsWith("OCR") ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
