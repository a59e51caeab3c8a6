/**
 * Parsing in separate, bounded JVMs, so that a file that hangs, explodes or crashes a parser costs that process and
 * not the service. {@link dev.verity.parsers.isolation.IsolatedDocumentParser} is the {@code DocumentParser};
 * {@link dev.verity.parsers.isolation.IsolationSettings} sizes it.
 *
 * <pre>{@code
 * IsolationSettings settings = IsolationSettings.defaults(4)      // one process per ingestion worker
 *         .withTimeout(Duration.ofSeconds(60))                      // then TIMEOUT, and a fresh process
 *         .withMaxHeapBytes(512L * 1024 * 1024);                    // a file that needs more: PARSER_CRASHED
 * try (IsolatedDocumentParser parser = new IsolatedDocumentParser(settings)) {
 *     ParsedDocument doc = parser.parse(path, "handbook.pdf");      // equal to RoutingDocumentParser's result
 * }
 * }</pre>
 *
 * <p>How a file travels: the caller takes an idle place in the pool, {@code WorkerProcess} writes the request (path,
 * name, the media type when the caller detected it, {@code ParserSettings}) as a {@code Wire} frame to the child's
 * stdin, {@link dev.verity.parsers.isolation.ParseWorker} parses the file from disk with a
 * {@code RoutingDocumentParser} and answers with the document or the typed rejection; no answer in time, or a dead
 * child, becomes a rejection in the parent. See {@code docs/adr/0010-parse-isolation.md} for why this is not Tika
 * pipes.
 *
 * <p>The same processes find the files embedded in a PDF, RTF or legacy Office file
 * ({@link dev.verity.parsers.isolation.IsolatedDocumentParser#extractEmbedded}: a request with an {@code Extract}
 * runs the archive package's {@code EmbeddedFilesExtractor} and answers with the files it wrote), since finding them
 * is a parse of the untrusted file.
 *
 * <p>Detect once: a caller that detects the type itself (the service does, to keep audio and video in process) passes
 * it to {@link dev.verity.parsers.isolation.IsolatedDocumentParser#parse(java.nio.file.Path, String, String)}; the
 * child then reads the file without detecting it again.
 */
@NullMarked
package dev.verity.parsers.isolation;

import org.jspecify.annotations.NullMarked;
