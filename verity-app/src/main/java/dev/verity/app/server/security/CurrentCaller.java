package dev.verity.app.server.security;

import dev.verity.identity.Scope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller parameter of type {@link dev.verity.identity.Caller} that receives who is asking, after checking
 * that the caller holds {@link #value()}: a caller without it gets 403 naming the scope. The scope sits on the
 * endpoint it guards, so a new endpoint cannot forget it: there is no other way to obtain a caller.
 *
 * <pre>{@code
 * @PostMapping("/v1/query")
 * Object query(@CurrentCaller(Scope.QUERY) Caller caller, @RequestBody QueryBody body) { ... }
 * }</pre>
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrentCaller {
    /** The scope the endpoint needs. */
    Scope value();
}
