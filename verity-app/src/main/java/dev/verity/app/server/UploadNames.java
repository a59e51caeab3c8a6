package dev.verity.app.server;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The name an uploaded file is stored and listed under, made safe from what a client sends: no folders, no control or
 * format characters (NUL, newlines, bidirectional overrides), at most {@link #MAX_BYTES} bytes of UTF-8 — the limit of
 * a file name on common file systems — shortened before its extension so the format is still recognised. A NUL or a
 * 300-character name used to fail the upload with a 500.
 */
final class UploadNames {
    /** The longest file name most file systems (ext4, APFS, NTFS) accept, in bytes of UTF-8. */
    static final int MAX_BYTES = 255;

    /** Extensions longer than this are not kept whole when a name is shortened: they are part of the name. */
    private static final int MAX_EXTENSION_CHARS = 16;

    private UploadNames() {}

    /**
     * The safe name for an upload.
     *
     * @param original the client's name, perhaps with a path, perhaps missing
     * @param index the file's place in the request, for a name when none is usable ({@code upload-1}, …)
     */
    static String sanitise(@Nullable String original, int index) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "upload-" + (index + 1);
        }
        return shorten(name);
    }

    private static String shorten(String name) {
        if (bytes(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - bytes(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            int size = bytes(new String(Character.toChars(c)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(c);
            used += size;
            i += Character.charCount(c);
        }
        return kept.toString().strip() + extension;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
