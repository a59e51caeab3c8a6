package dev.verity.bench;

import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guardrails.pii.PiiType;
import dev.verity.guards.pii.StructuredPiiDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PII detector (issue 13) against presidio-research's synthetic data set ({@code generated_large.json}): span-level
 * precision and recall per type, counted two ways — exact (same type, same start and end) and overlap (same type,
 * sharing a character). Presidio's types are mapped to ours; its other types (names, addresses, dates…) are not
 * detected here, and a span of ours on one of them counts as a false positive.
 *
 * <p>The data set is read where it lies ({@code --pii-data}, by default {@code ../shared/data/pii-presidio-dev}); it is
 * a development set, the only one the detector was tuned on. Writes {@code pii.json} and replaces its section of
 * {@code docs/benchmarks.md}.
 */
final class PiiBench {
    static final Path DEFAULT_DATA = Path.of("../shared/data/pii-presidio-dev/generated_large.json");

    /** Presidio's names for the types the structured detector finds. */
    private static final Map<String, PiiType> PRESIDIO = Map.of(
            "EMAIL_ADDRESS", PiiType.EMAIL,
            "PHONE_NUMBER", PiiType.PHONE,
            "CREDIT_CARD", PiiType.CREDIT_CARD,
            "IBAN_CODE", PiiType.IBAN,
            "US_SSN", PiiType.US_SSN,
            "IP_ADDRESS", PiiType.IP_ADDRESS);

    private final Path out;
    private final Path docs;
    private final Path data;

    PiiBench(Path out, Path docs, Path data) {
        this.out = out;
        this.docs = docs;
        this.data = data;
    }

    /** Counts for one type. */
    private static final class Tally {
        int gold;
        int predicted;
        int exactGold;
        int exactPredicted;
        int overlapGold;
        int overlapPredicted;

        void add(Tally other) {
            gold += other.gold;
            predicted += other.predicted;
            exactGold += other.exactGold;
            exactPredicted += other.exactPredicted;
            overlapGold += other.overlapGold;
            overlapPredicted += other.overlapPredicted;
        }
    }

    void run() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode records = json.readTree(Files.readString(data));
        PiiDetector detector = new StructuredPiiDetector();
        Map<PiiType, Tally> tallies = new EnumMap<>(PiiType.class);
        for (PiiType type : PRESIDIO.values()) {
            tallies.put(type, new Tally());
        }
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        int otherTypes = 0;
        long started = System.nanoTime();
        for (JsonNode record : records) {
            String text = record.get("full_text").asString();
            List<PiiSpan> gold = new ArrayList<>();
            for (JsonNode span : record.get("spans")) {
                PiiType type = PRESIDIO.get(span.get("entity_type").asString());
                if (type != null) {
                    gold.add(new PiiSpan(
                            type,
                            span.get("start_position").asInt(),
                            span.get("end_position").asInt()));
                }
            }
            List<PiiSpan> found = detector.find(text);
            for (PiiSpan g : gold) {
                Tally t = tallies.get(g.type());
                t.gold++;
                boolean exact = found.contains(g);
                boolean overlap = found.stream().anyMatch(f -> f.type() == g.type() && f.overlaps(g));
                t.exactGold += exact ? 1 : 0;
                t.overlapGold += overlap ? 1 : 0;
                if (!exact && misses.size() < 400) {
                    misses.add(g.type() + (overlap ? " (overlap only)" : "") + ": " + g.in(text));
                }
            }
            for (PiiSpan f : found) {
                Tally t = tallies.get(f.type());
                if (t == null) {
                    otherTypes++; // a type presidio's set does not label, e.g. NO_NATIONAL_ID
                    falseAlarms.add(f.type() + " (unlabelled type): " + f.in(text));
                    continue;
                }
                t.predicted++;
                boolean exact = gold.contains(f);
                boolean overlap = gold.stream().anyMatch(g -> g.type() == f.type() && g.overlaps(f));
                t.exactPredicted += exact ? 1 : 0;
                t.overlapPredicted += overlap ? 1 : 0;
                if (!overlap) {
                    falseAlarms.add(f.type() + ": " + f.in(text));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Tally all = new Tally();
        tallies.values().forEach(all::add);

        Files.createDirectories(out);
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        for (Map.Entry<PiiType, Tally> e : tallies.entrySet()) {
            report.put(e.getKey().code(), figures(e.getValue()));
        }
        report.put("all", figures(all));
        report.put("unlabelled_type_spans", otherTypes);
        report.put("misses", misses);
        report.put("false_alarms", falseAlarms);
        Files.writeString(
                out.resolve("pii.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(report));

        List<String> md = new ArrayList<>();
        md.add("<!-- pii:start (written by verity-bench --only pii; edits are lost) -->");
        md.add("## PII detector (issue 13, first slice)");
        md.add("");
        md.add("Measured " + Instant.now() + ": `StructuredPiiDetector` (phone regions "
                + String.join(", ", StructuredPiiDetector.DEFAULT_REGIONS) + ") on presidio-research's synthetic"
                + " `generated_large.json` (" + records.size() + " sentences, the development set it was tuned on),"
                + " in " + round(seconds) + " s. Exact: same type, same start and end. Overlap: same type, at least"
                + " one character shared. Misses and false alarms are listed in `bench/out/pii.json`.");
        md.add("");
        md.add("| Type (presidio's) | gold spans | found | precision exact | recall exact | precision overlap"
                + " | recall overlap |");
        md.add("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, PiiType> e : new java.util.TreeMap<>(PRESIDIO).entrySet()) {
            md.add(row(e.getValue().code() + " (" + e.getKey() + ")", tallies.get(e.getValue())));
        }
        md.add(row("**all six**", all));
        md.add("");
        md.add("Spans of types the set does not label (Norwegian national id): " + otherTypes + ". Names (PERSON,"
                + " the largest class of the set) are not detected: no NER model is packaged in the registries we"
                + " can use.");
        md.add("<!-- pii:end -->");
        String section = String.join("\n", md);
        MarkdownSection.replace(docs, "pii", section);
        System.out.println(section);
        System.out.println("\nWrote " + out.resolve("pii.json") + " and the PII section of " + docs);
    }

    private static Map<String, Object> figures(Tally t) {
        return Map.of(
                "gold", t.gold,
                "found", t.predicted,
                "precision_exact", ratio(t.exactPredicted, t.predicted),
                "recall_exact", ratio(t.exactGold, t.gold),
                "precision_overlap", ratio(t.overlapPredicted, t.predicted),
                "recall_overlap", ratio(t.overlapGold, t.gold));
    }

    private static String row(String name, Tally t) {
        return "| " + name + " | " + t.gold + " | " + t.predicted + " | " + fmt(ratio(t.exactPredicted, t.predicted))
                + " | " + fmt(ratio(t.exactGold, t.gold)) + " | " + fmt(ratio(t.overlapPredicted, t.predicted))
                + " | " + fmt(ratio(t.overlapGold, t.gold)) + " |";
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
