package dev.verity.parsers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Delimiter sniffing; CSV and TSV files end to end are in SpreadsheetParsingTest. */
class DelimitedTextReaderTest {
    @Test
    void sniffsTheDelimiterThatSplitsTheLinesConsistently() {
        assertThat(DelimitedTextReader.detectDelimiter("a,b,c\n1,2,3\n")).isEqualTo(',');
        assertThat(DelimitedTextReader.detectDelimiter("Name;Preis\nKäse;3,50\nWein, rot;8,99\n"))
                .isEqualTo(';');
        assertThat(DelimitedTextReader.detectDelimiter("a\tb\n1\t2, 3\n")).isEqualTo('\t');
        assertThat(DelimitedTextReader.detectDelimiter("id|name\n1|\"x, y\"\n")).isEqualTo('|');
        assertThat(DelimitedTextReader.detectDelimiter("title\n\"Hello, world\"\n"))
                .isEqualTo(',');
    }
}
