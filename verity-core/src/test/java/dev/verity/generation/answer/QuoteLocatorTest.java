package dev.verity.generation.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteLocatorTest {
    private static final String TEXT =
            "Leave policy\n\nEmployees receive 25 days of paid\nannual leave per year. " + "Sick leave is unlimited.";

    @Test
    void returnsAVerbatimQuoteAsItIs() {
        assertThat(QuoteLocator.locate(TEXT, "Sick leave is unlimited.")).contains("Sick leave is unlimited.");
    }

    @Test
    void findsAQuoteWhoseLineBreaksOrCaseTheModelChangedAndReturnsTheTextsOwnWords() {
        assertThat(QuoteLocator.locate(TEXT, "employees receive 25 days of paid annual leave per year."))
                .contains("Employees receive 25 days of paid\nannual leave per year.");
    }

    @Test
    void fallsBackToTheSentenceHoldingMostOfTheQuotesWords() {
        String text =
                "Leave policy\n\nEmployees receive 25 days of paid annual leave per year. Sick leave is unlimited.";

        assertThat(QuoteLocator.locate(text, "Employees get 25 days of paid annual leave each year"))
                .contains("Employees receive 25 days of paid annual leave per year.");
    }

    @Test
    void findsNothingForAQuoteTheTextDoesNotSupport() {
        assertThat(QuoteLocator.locate(TEXT, "Parental leave lasts twenty weeks."))
                .isEmpty();
        assertThat(QuoteLocator.locate(TEXT, "   ")).isEmpty();
    }
}
