/**
 * Small helpers every core package may use, depending on nothing: argument checks that blame the caller
 * ({@link dev.verity.internal.Checks}), hashing ({@link dev.verity.internal.Hashing}) and owner-only folders and
 * files ({@link dev.verity.internal.OwnerOnly}).
 *
 * <pre>{@code
 * this.k = Checks.positive(k, "k"); // "k must be > 0, got 0"
 * }</pre>
 *
 * <p>Not an API: nothing outside Verity should rely on it, and it must never depend on another Verity package.
 */
@NullMarked
package dev.verity.internal;

import org.jspecify.annotations.NullMarked;
