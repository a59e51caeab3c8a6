package dev.verity.guards.pii;

import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.testkit.contracts.PiiDetectorContract;

/** The structured detector keeps the PII detector contract for every kind but names. */
class StructuredPiiDetectorContractTest extends PiiDetectorContract {
    private static final StructuredPiiDetector DETECTOR = new StructuredPiiDetector();

    @Override
    protected PiiDetector detector() {
        return DETECTOR;
    }
}
