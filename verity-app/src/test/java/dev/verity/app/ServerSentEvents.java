package dev.verity.app;

import java.util.ArrayList;
import java.util.List;

/** Reads a server-sent event stream body in tests. */
final class ServerSentEvents {
    private ServerSentEvents() {}

    /** The events as {name, data} pairs, in order. */
    static List<String[]> parse(String body) {
        List<String[]> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            if (!data.isEmpty()) {
                events.add(new String[] {name, data.toString()});
            }
        }
        return events;
    }
}
