/**
 * Answering one question: {@link dev.verity.query.QueryService} runs retrieve → plan → cache lookup → generate →
 * verify → record, each step timed under its name in the {@link dev.verity.query.QueryResult}.
 *
 * <pre>{@code
 * QueryService query = QueryService.builder(retriever, generator).ledger(ledger).build();
 * QueryResult result = query.ask(QueryRequest.of("How many days of leave?", SearchFilter.collection("default")));
 * result.answer().citations().forEach(c -> System.out.println(c.source() + " p." + c.page() + ": " + c.quote()));
 * }</pre>
 *
 * <p>An abstention is a result, not an exception. Exact answers may be served from an
 * {@link dev.verity.query.AnswerCache} whose key includes the caller's principals and the index version.
 */
package dev.verity.query;
