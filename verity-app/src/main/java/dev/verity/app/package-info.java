/**
 * The {@code verity} executable's entry point: {@link dev.verity.app.Main} runs the picocli command line, whose
 * {@code serve} command starts the HTTP server. Nothing else lives here.
 *
 * <p>Below it, one package per role: {@code cli} (commands) and {@code server} (controllers) use the services of
 * {@code assembly} (the composition root), which reads {@code config}; {@code json} holds the wire views both print,
 * {@code sync} the web sources of {@code verity sync}. Dependencies run in that direction only
 * ({@code PackageCyclesTest}).
 */
@NullMarked
package dev.verity.app;

import org.jspecify.annotations.NullMarked;
