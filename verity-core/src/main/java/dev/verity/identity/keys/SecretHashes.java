package dev.verity.identity.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow hashes of key secrets, with the JDK's PBKDF2-HMAC-SHA256. A hash names its algorithm, iteration count
 * and salt — {@code pbkdf2-sha256$60000$<salt>$<hash>}, salt and hash in unpadded base64url — so the count can be
 * raised later while old hashes still verify. Comparison takes constant time.
 */
final class SecretHashes {
    /**
     * About 25-40 ms per hash on a small server (measured here: ~25 ms for 50,000 once warm). The secrets are 256
     * random bits, so the slowness guards against a stolen database being tried offline, not against guessing.
     */
    static final int DEFAULT_ITERATIONS = 60_000;

    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final int iterations;
    private final SecureRandom random;

    SecretHashes(int iterations, SecureRandom random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be > 0, got " + iterations);
        }
        this.iterations = iterations;
        this.random = random;
    }

    /** A new hash of {@code secret} with a fresh random salt. */
    String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return ALGORITHM + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(pbkdf2(secret, salt, iterations));
    }

    /** True when {@code secret} has this hash; false too when the hash is not in a form this class wrote. */
    static boolean matches(String secret, String hash) {
        String[] parts = hash.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = DECODER.decode(parts[2]);
            byte[] expected = DECODER.decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK ships PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
