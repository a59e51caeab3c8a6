package dev.verity.app.server.security;

import dev.verity.identity.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies {@link CurrentCaller} parameters from the request's authentication, after checking the scope. */
final class CurrentCallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentCaller.class) && parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (!(authentication instanceof CallerAuthentication known)) {
            // the filter chain lets no request without a caller reach an endpoint that takes one
            throw new IllegalStateException("no authenticated caller for " + parameter.getExecutable());
        }
        Caller caller = known.getPrincipal();
        CurrentCaller required = parameter.getParameterAnnotation(CurrentCaller.class);
        if (required != null && !caller.has(required.value())) {
            throw new ForbiddenException("this request needs scope "
                    + required.value().code() + "; the caller has "
                    + (caller.scopes().isEmpty()
                            ? "none"
                            : caller.scopes().stream()
                                    .map(s -> s.code())
                                    .sorted()
                                    .toList())
                    + ": use a key or token that holds " + required.value().code());
        }
        return caller;
    }
}
