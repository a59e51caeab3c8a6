package dev.verity.app;

import java.nio.file.Path;

/** The shipped sample corpus and golden set ({@code samples/}). */
final class Samples {
    static final Path DIR = Path.of("..", "samples").toAbsolutePath().normalize();

    private Samples() {}
}
