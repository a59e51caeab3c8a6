package dev.verity.ingestion.parsing;

import java.util.Locale;

/**
 * Why a file was not indexed. Each reason has a stable machine code (the {@code reason} field of results) and a piece
 * of advice telling the user what to do about it.
 */
public enum RejectionReason {
    EMPTY("The file has no bytes. Check that it was copied completely and ingest it again."),
    TOO_LARGE("Split the file, or raise the limit with --max-file-size (or VERITY_MAX_FILE_SIZE)."),
    UNSUPPORTED_TYPE("Convert it to a supported format and ingest it again: PDF; Word, PowerPoint and Excel old and new"
            + " (DOC, DOCX, PPT, PPTX, XLS, XLSX, XLSB); OpenDocument; RTF, EPUB, WordPerfect; Visio, Publisher,"
            + " OneNote, CHM; Apple iWork '09; HTML, Markdown, TXT, CSV; EML, MSG, MBOX, PST; PNG, JPEG, TIFF, BMP,"
            + " GIF and WebP images (by OCR); audio and video."),
    ENCRYPTED("Remove the password protection (or export an unprotected copy) and ingest it again."),
    CORRUPT("The file is damaged or truncated. Re-export or re-download it and ingest it again."),
    NO_TEXT("It holds no extractable text. If it is a scan or an image, it needs OCR: install Tesseract (Debian:"
            + " tesseract-ocr tesseract-ocr-eng) and turn OCR on with VERITY_OCR=auto or verity ingest --ocr auto."),
    UNREADABLE("The file could not be read from disk. Check that it exists and that Verity may read it."),
    UNPARSEABLE("The parser failed on this file. Open and re-save it in its application, then ingest it again."),
    BLOCKED("The ingestion guard refused all of its text (see the guard's labels). Remove the offending content or"
            + " ask an administrator to review the guard's rules."),
    FAILED("Verity could not finish it: the failure above persisted through every retry. Fix its cause, then retry"
            + " with `verity jobs --retry <batch or job id>`."),
    TRANSCRIPTION_NOT_CONFIGURED("Configure a speech-to-text endpoint (VERITY_TRANSCRIPTION_BASE_URL of an"
            + " OpenAI-compatible /v1/audio/transcriptions service, VERITY_TRANSCRIPTION_API_KEY or"
            + " VERITY_TRANSCRIPTION_API_KEY_FILE, VERITY_TRANSCRIPTION_MODEL), or add a subtitle track, and ingest"
            + " it again."),
    TIMEOUT("Parsing took longer than the per-file limit. If the file is genuine, raise VERITY_PARSE_TIMEOUT (for"
            + " example 180s) or split the file; otherwise leave it out."),
    PARSER_CRASHED("The parser process died on this file (out of memory or a crash in a parser library). If the file"
            + " is genuine, raise VERITY_PARSE_MEMORY (for example 1g); otherwise re-save or leave it out."),
    RESOURCE_LIMIT("The file exceeds a safety limit for untrusted input (it expands, nests or declares far more than"
            + " real documents do). If it is genuine, raise the limit named above; otherwise leave it out.");

    private final String advice;

    RejectionReason(String advice) {
        this.advice = advice;
    }

    /** The stable code, e.g. {@code "unsupported_type"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the user can do about it. */
    public String advice() {
        return advice;
    }
}
