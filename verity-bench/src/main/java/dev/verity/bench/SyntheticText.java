package dev.verity.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic English-like text for benchmarks: sentences of words drawn with a Zipf-like skew from a fixed
 * vocabulary, so BM25 sees realistic term statistics (a few very common words, a long tail of rare ones).
 */
final class SyntheticText {
    private static final String[] COMMON =
            ("the of and to in is for on with as by at from that this be are was it an or"
                            + " which has have will can not all their more its also other one new than been into may such these two")
                    .split(" ");
    private static final String[] TOPICS = ("robot warehouse battery payload sensor lidar charger dock route pallet"
                    + " shelf order picker safety speed zone operator shift maintenance warranty invoice customer contract"
                    + " software update firmware network controller motor wheel brake camera obstacle map fleet mission"
                    + " inventory supplier shipment delivery schedule budget revenue quarter employee leave policy training"
                    + " manager office parking cafeteria security password laptop incident report audit compliance standard"
                    + " certificate temperature humidity dust water rating voltage current power efficiency throughput"
                    + " latency error alarm signal status light button screen display panel cable connector bracket bolt"
                    + " frame chassis load weight height width length distance accuracy calibration test result analysis")
            .split(" ");

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();

    SyntheticText(long seed) {
        this.random = new Random(seed);
        vocabulary.addAll(List.of(TOPICS));
        Random names = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < 3_000; i++) {
            vocabulary.add(word(names));
        }
    }

    private static String word(Random r) {
        String consonants = "bcdfghklmnprstvz";
        String vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int syllables = 2 + r.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            w.append(consonants.charAt(r.nextInt(consonants.length())))
                    .append(vowels.charAt(r.nextInt(vowels.length())));
        }
        return w.toString();
    }

    String sentence(int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w;
            double p = random.nextDouble();
            if (p < 0.45) {
                w = COMMON[random.nextInt(COMMON.length)];
            } else {
                // Zipf-like: the square of a uniform skews towards the start of the vocabulary
                double u = random.nextDouble();
                w = vocabulary.get((int) (u * u * vocabulary.size()));
            }
            if (i == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            s.append(w).append(i == words - 1 ? "." : " ");
        }
        return s.toString();
    }

    /** About {@code words} words in sentences of 8 to 20 words. */
    String passage(int words) {
        StringBuilder p = new StringBuilder();
        int written = 0;
        while (written < words) {
            int n = Math.min(words - written, 8 + random.nextInt(13));
            if (!p.isEmpty()) {
                p.append(' ');
            }
            p.append(sentence(Math.max(3, n)));
            written += n;
        }
        return p.toString();
    }

    float[] unitVector(int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
