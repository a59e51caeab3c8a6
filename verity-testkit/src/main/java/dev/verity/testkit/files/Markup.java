package dev.verity.testkit.files;

/** Escaping for the markup languages the writers emit. */
final class Markup {
    private Markup() {}

    /** Escapes text for XML and HTML element content and attribute values. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes text for RTF: control characters and everything outside ASCII become control words. */
    static String rtf(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '{' || c == '}') {
                out.append('\\').append(c);
            } else if (c == '\t') {
                out.append("\\tab ");
            } else if (c > 0x7e) {
                out.append("\\u").append((int) (short) c).append('?'); // RTF wants a signed 16-bit value
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
