package dev.verity.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.ExtractiveAnswerGenerator;
import dev.verity.generation.answer.ExtractiveSettings;
import dev.verity.index.InMemoryIndex;
import dev.verity.index.SearchFilter;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.hybrid.HybridRetriever;
import dev.verity.testing.Passages;
import dev.verity.testing.WordVectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answering path end to end in process: the in-memory index, the hybrid retriever and the extractive answerer,
 * with nothing faked but the embedding model.
 */
class QueryServiceOverAnIndexTest {
    private static final SearchFilter HR = SearchFilter.collection("hr");

    private final InMemoryIndex index = new InMemoryIndex();
    private final WordVectors model = new WordVectors();
    private final Map<String, Answer> cached = new ConcurrentHashMap<>();
    private final AnswerCache cache = new AnswerCache() {
        @Override
        public Optional<Answer> get(String key) {
            return Optional.ofNullable(cached.get(key));
        }

        @Override
        public void put(String key, Answer answer) {
            cached.put(key, answer);
        }
    };
    private final List<Chunk> handbook = Passages.put(
            index,
            Passages.document("handbook.pdf", "hr", Set.of()),
            "Staff get 25 days of paid leave per year.",
            "Sick leave is unlimited with a note from a doctor.",
            "The cafeteria opens at noon.");
    private final List<Chunk> board = Passages.put(
            index,
            Passages.document("board.pdf", "hr", Set.of("board")),
            "Executives get 40 days of paid leave per year.");
    private final QueryService service = QueryService.builder(
                    new HybridRetriever(index, model, RetrievalSettings.defaults()),
                    new ExtractiveAnswerGenerator(model, index, ExtractiveSettings.defaults()))
            .cache(cache, index::version)
            .build();

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void answersWithAVerifiedQuoteOfTheChunkThatHoldsTheAnswer() {
        QueryResult result = service.ask(QueryRequest.of("How many days of paid leave do staff get?", HR));

        Answer answer = result.answer();
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.text()).isEqualTo("Staff get 25 days of paid leave per year.");
        Citation citation = answer.citations().getFirst();
        assertThat(citation.chunkId()).isEqualTo(handbook.getFirst().id());
        assertThat(citation.source()).isEqualTo("handbook.pdf");
        assertThat(citation.page()).isEqualTo(1);
        assertThat(citation.quote()).isEqualTo("Staff get 25 days of paid leave per year.");
        assertThat(result.droppedCitations()).isZero();
        assertThat(result.cached()).isFalse();
    }

    @Test
    void evidenceHoldsOnlyWhatTheCallerMaySee() {
        String question = "How many days of paid leave do executives get?";

        QueryResult anonymous = service.ask(QueryRequest.of(question, HR));
        QueryResult member = service.ask(QueryRequest.of(question, HR.withPrincipals(Set.of("board"))));

        assertThat(anonymous.evidence()).extracting(RetrievedChunk::chunk).doesNotContain(board.getFirst());
        assertThat(anonymous.answer().citations()).extracting(Citation::source).doesNotContain("board.pdf");
        assertThat(member.evidence().getFirst().chunk()).isEqualTo(board.getFirst());
    }

    @Test
    void aRepeatedQuestionIsServedFromTheCacheUntilTheIndexChanges() {
        QueryRequest request = QueryRequest.of("How many days of paid leave do staff get?", HR);
        QueryResult first = service.ask(request);

        QueryResult second = service.ask(request);
        Passages.put(index, Passages.document("policy.pdf", "hr", Set.of()), "Leave requests need two weeks notice.");
        QueryResult afterAWrite = service.ask(request);

        assertThat(second.cached()).isTrue();
        assertThat(second.answer().text()).isEqualTo(first.answer().text());
        assertThat(afterAWrite.cached()).isFalse();
    }

    @Test
    void aQuestionNothingInTheCollectionAnswersIsAnAbstention() {
        QueryResult result = service.ask(QueryRequest.of("Which GPU does the render farm use?", HR));

        assertThat(result.answer().abstained()).isTrue();
        assertThat(result.answer().text()).isEqualTo(Answer.ABSTENTION_MESSAGE);
    }
}
