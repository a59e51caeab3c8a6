package dev.verity.testkit.contracts;

import dev.verity.observability.alerts.AlertLog;
import dev.verity.observability.alerts.InMemoryAlertLog;

class InMemoryAlertLogTest extends AlertLogContract {
    @Override
    protected AlertLog openLog() {
        return new InMemoryAlertLog();
    }
}
