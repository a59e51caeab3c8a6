package dev.verity.eval.review;

import java.util.List;

/** The columns of a review sample, in CSV and JSONL alike. */
final class ReviewColumns {
    static final String ID = "id";
    static final String QUESTION = "question";
    static final String ANSWER = "answer";
    static final String ABSTAINED = "abstained";
    static final String CITATIONS = "citations";
    static final String REFERENCE = "reference_answer";
    /** The dimensions graded, by judge and human alike. */
    static final List<String> DIMENSIONS = List.of("faithfulness", "relevance", "correctness");

    static final String NOTES = "human_notes";

    static String judge(String dimension) {
        return "judge_" + dimension;
    }

    static String human(String dimension) {
        return "human_" + dimension;
    }

    static List<String> csvHeader() {
        List<String> header = new java.util.ArrayList<>(List.of(ID, QUESTION, ANSWER, ABSTAINED, CITATIONS, REFERENCE));
        DIMENSIONS.forEach(d -> header.add(judge(d)));
        DIMENSIONS.forEach(d -> header.add(human(d)));
        header.add(NOTES);
        return header;
    }

    private ReviewColumns() {}
}
