package dev.verity.generation.prompt;

import java.util.random.RandomGenerator;

/**
 * An A/B test of a prompt: a share of questions gets the candidate version, the rest the control. The arm is drawn per
 * question and stamped on the answer, so outcomes can be compared per version.
 *
 * @param candidateShare the share of questions for the candidate, in [0, 1]; 0 runs no experiment
 */
public record PromptExperiment(double candidateShare) {
    public static final PromptExperiment NONE = new PromptExperiment(0);

    public enum Arm {
        CONTROL,
        CANDIDATE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PromptExperiment {
        if (!(candidateShare >= 0 && candidateShare <= 1)) {
            throw new IllegalArgumentException("the candidate share must be in [0, 1], got " + candidateShare);
        }
    }

    public boolean running() {
        return candidateShare > 0;
    }

    public Arm assign(RandomGenerator random) {
        return running() && random.nextDouble() < candidateShare ? Arm.CANDIDATE : Arm.CONTROL;
    }
}
