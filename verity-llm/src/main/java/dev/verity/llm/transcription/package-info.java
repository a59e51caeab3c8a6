/**
 * Speech to text for audio and video without subtitles: {@link dev.verity.llm.transcription.OpenAiTranscriber}
 * implements {@link dev.verity.ingestion.parsing.Transcriber} over any OpenAI-compatible
 * {@code /audio/transcriptions} endpoint (OpenAI, Groq, a local whisper server).
 *
 * <pre>{@code
 * Transcriber whisper = new OpenAiTranscriber(settings); // base URL, key, model, timeout, upload limit
 * }</pre>
 *
 * <p>Audio is sent as 16 kHz mono WAV in pieces under the upload limit; a retriable failure retries the ingestion job.
 */
@NullMarked
package dev.verity.llm.transcription;

import org.jspecify.annotations.NullMarked;
