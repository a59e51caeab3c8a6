/**
 * Optical character recognition with Debian's {@code tesseract}: images (PNG, JPEG, TIFF, BMP, GIF, WebP, one page per image or
 * frame) are read by {@link dev.verity.parsers.ocr.ImageFileReader}, and {@link dev.verity.parsers.ocr.Ocr} is what
 * the PDF reader uses for scanned pages. {@link dev.verity.parsers.ocr.OcrSettings} and
 * {@link dev.verity.parsers.ocr.OcrMode} configure it; {@code Tesseract} runs one process per page, at most
 * {@link dev.verity.parsers.ocr.OcrSettings#parallelism()} at once (in all the processes that share
 * {@link dev.verity.parsers.ocr.OcrSettings#slots()}, through {@code OcrSlots}), and {@code PageOcr} feeds it pages in
 * parallel. {@code OcrCache} keeps recognized pages on disk by the SHA-256 of the page image
 * ({@link dev.verity.parsers.ocr.OcrSettings#cache()}), so a file read again is not OCR'd again.
 *
 * <pre>{@code
 * OcrSettings ocr = OcrSettings.defaults().withMode(OcrMode.FORCE).withLanguages("eng+deu");
 * DocumentParser parser = new RoutingDocumentParser(ParserSettings.defaults().withOcr(ocr));
 * }</pre>
 *
 * <p>Trap: create one {@code Ocr} per parser and share it between its readers; two instances would each allow
 * {@code parallelism} processes, twice what was configured.
 */
@NullMarked
package dev.verity.parsers.ocr;

import org.jspecify.annotations.NullMarked;
