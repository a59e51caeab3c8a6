package dev.verity.app.json;

import dev.verity.observability.alerts.AlertLog.RecordedAlert;
import java.util.Locale;
import java.util.Map;

/** One recorded alert as {@code verity alerts --json} and {@code GET /v1/alerts} show it. */
public record AlertView(
        String id,
        String at,
        String rule,
        String severity,
        String tenant,
        String summary,
        Map<String, String> details,
        String delivery,
        int attempts) {

    public static AlertView of(RecordedAlert r) {
        return new AlertView(
                r.id(),
                r.alert().at().toString(),
                r.alert().rule(),
                r.alert().severity().name().toLowerCase(Locale.ROOT),
                r.alert().tenant(),
                r.alert().summary(),
                r.alert().details(),
                r.delivery().code(),
                r.attempts());
    }
}
