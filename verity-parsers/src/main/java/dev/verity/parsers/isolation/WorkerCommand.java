package dev.verity.parsers.isolation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The command line of a parser process: this JVM's own {@code java} binary and class path, a capped heap, and the
 * worker's main class.
 *
 * <p>The class path is passed on as it is, never expanded: launched from a jar, {@code java.class.path} names that
 * one jar and its manifest lists the rest (the unpacked application of {@code ./verity}, Surefire's booter jar). A
 * Spring Boot executable jar nests its libraries, so there the worker is started through Boot's
 * {@code PropertiesLauncher} with {@code -Dloader.main}.
 */
final class WorkerCommand {
    /** A class-path resource of this module; without logback on the class path it is simply unused. */
    private static final String LOGBACK_CONFIG = "verity-parser-logback.xml";

    private static final String BOOT_LOADER_PACKAGE = "org.springframework.boot.loader.";
    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    /** Environment variables a parser has no business seeing: credentials for models and the database. */
    private static final Pattern SECRET = Pattern.compile(".*(KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL).*|VERITY_DB_.*");

    private WorkerCommand() {}

    /**
     * @param tmpDir the process's own temporary folder (Tika's spool files, e-mail attachments), deleted when the
     *     process ends, however it ends
     */
    static List<String> of(IsolationSettings settings, String mainClass, Path tmpDir) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + Math.max(1, settings.maxHeapBytes() / (1024 * 1024)) + "m",
                "-XX:+ExitOnOutOfMemoryError", // a heap exhausted mid-parse leaves state nobody should trust
                "-XX:+DisplayVMOutputToStderr", // the JVM's own messages ("Terminating due to…") off the protocol
                "-XX:+UseSerialGC", // one parse at a time: the smallest, quickest-starting collector fits
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + tmpDir,
                "-Dlogback.configurationFile=" + LOGBACK_CONFIG, // when logback is there: warnings, to stderr
                "-cp",
                classPath));
        if (isBootJar(classPath)) {
            command.add("-Dloader.main=" + mainClass);
            command.add(BOOT_PROPERTIES_LAUNCHER);
        } else {
            command.add(mainClass);
        }
        return List.copyOf(command);
    }

    /** Drops credentials from the environment the parser process inherits. */
    static void scrub(Map<String, String> environment) {
        environment
                .keySet()
                .removeIf(name -> SECRET.matcher(name.toUpperCase(Locale.ROOT)).matches());
    }

    private static boolean isBootJar(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            return main != null && main.startsWith(BOOT_LOADER_PACKAGE);
        } catch (IOException e) {
            return false;
        }
    }
}
