package dev.verity.generation.answer;

import dev.verity.document.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last gate before an answer leaves the process: every citation must name a chunk that was in the evidence, and
 * its quote must be an exact substring of that chunk's text. Citations that fail are dropped; an answer left with no
 * citation becomes an abstention, because an unsupported answer must never be shown as supported.
 */
public final class CitationVerifier {

    /** The verified answer and how many citations were dropped. */
    public record Verified(Answer answer, int dropped) {}

    public Verified verify(Answer answer, Map<String, Chunk> evidenceById) {
        List<Citation> kept = new ArrayList<>();
        for (Citation citation : answer.citations()) {
            Chunk chunk = evidenceById.get(citation.chunkId());
            if (chunk != null && chunk.text().contains(citation.quote())) {
                kept.add(citation);
            }
        }
        int dropped = answer.citations().size() - kept.size();
        if (!answer.abstained() && kept.isEmpty()) {
            return new Verified(
                    Answer.abstain(Answer.ABSTENTION_MESSAGE, 0, List.of()).withGeneration(answer.generation()),
                    dropped);
        }
        return new Verified(answer.withCitations(kept), dropped);
    }
}
