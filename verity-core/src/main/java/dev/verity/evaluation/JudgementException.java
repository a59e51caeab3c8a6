package dev.verity.evaluation;

/** The judge could not grade an answer (its model failed or kept answering out of format). */
public class JudgementException extends RuntimeException {
    public JudgementException(String message, Throwable cause) {
        super(message, cause);
    }

    public JudgementException(String message) {
        super(message);
    }
}
