package dev.verity.testkit.llm;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;

/**
 * Answers an embedding call with vectors computed from the texts in its request: a static stub cannot, as the vectors
 * depend on what was sent. The protocol's {@link Wire} reads the request and writes the answer. A request it cannot
 * read gets HTTP 400 with the protocol's error body.
 */
final class EmbeddingTransformer implements ResponseTransformerV2 {
    static final String NAME = "verity-embeddings";
    static final String DIMENSION = "dimension";
    static final String REVERSED = "reversed";

    private final Wire wire;

    EmbeddingTransformer(Wire wire) {
        this.wire = wire;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Response transform(Response response, ServeEvent serveEvent) {
        Parameters p = serveEvent.getTransformerParameters();
        String body;
        try {
            Map<String, Object> request = com.github.tomakehurst.wiremock.common.Json.read(
                    serveEvent.getRequest().getBodyAsString(), Map.class);
            body = wire.embeddingsJson(request, p.getInt(DIMENSION), p.getBoolean(REVERSED));
        } catch (RuntimeException unreadable) {
            return Response.Builder.like(response)
                    .but()
                    .status(400)
                    .statusMessage(Wire.httpReason(400))
                    .body(wire.errorBody(FakeResponse.status(400)))
                    .build();
        }
        return Response.Builder.like(response).but().body(body).build();
    }
}
