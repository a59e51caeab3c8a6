/**
 * PII detectors with heavy dependencies, kept out of the core: {@link dev.verity.guards.pii.StructuredPiiDetector}
 * (regular expressions plus checksums, and libphonenumber for phone numbers) implements
 * {@link dev.verity.guardrails.pii.PiiDetector}. The composition root constructs it; nothing else in the application
 * names it.
 */
@NullMarked
package dev.verity.guards.pii;

import org.jspecify.annotations.NullMarked;
