package dev.verity.guardrails.pii;

import java.util.Locale;

/** The kinds of personal data a {@link PiiDetector} may report. */
public enum PiiType {
    /** An e-mail address. */
    EMAIL,
    /** A telephone number, national or international. */
    PHONE,
    /** A payment card number (the digits with their separators). */
    CREDIT_CARD,
    /** An international bank account number. */
    IBAN,
    /** A United States social security number. */
    US_SSN,
    /** A Norwegian national identity number (fødselsnummer or D-number). */
    NO_NATIONAL_ID,
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS,
    /** A person's name: needs a named-entity model, which not every detector has. */
    PERSON;

    /** The lower-case code used in labels and JSON, e.g. {@code credit_card}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
