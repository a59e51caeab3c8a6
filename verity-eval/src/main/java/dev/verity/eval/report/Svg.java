package dev.verity.eval.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for {@code report.html}: no script, no external file. */
final class Svg {
    /** One colour per series, distinguishable in print and for common colour-vision deficiencies (Okabe–Ito). */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00");

    private static final int LEFT = 40;
    private static final int BOTTOM = 46;
    private static final int TOP = 24;

    private Svg() {}

    /**
     * Grouped vertical bars on a 0–1 scale: one group per metric, one bar per series. {@code values[series][group]}
     * may hold NaN for a missing value (no bar).
     */
    static String bars(List<String> groups, List<String> series, double[][] values) {
        int groupWidth = Math.max(96, series.size() * 22 + 16);
        int width = LEFT + groups.size() * groupWidth + 10;
        int height = 260;
        int plot = height - TOP - BOTTOM;
        StringBuilder svg = open(width, height + 20);
        axis(svg, width, plot);
        int barWidth = (groupWidth - 16) / Math.max(1, series.size());
        for (int g = 0; g < groups.size(); g++) {
            int x0 = LEFT + g * groupWidth + 8;
            for (int s = 0; s < series.size(); s++) {
                double v = values[s][g];
                if (Double.isNaN(v)) {
                    continue;
                }
                double h = Math.max(0, Math.min(1, v)) * plot;
                int x = x0 + s * barWidth;
                svg.append(fmt(
                        "<rect x='%d' y='%.1f' width='%d' height='%.1f' fill='%s'><title>%s · %s: %.3f</title>"
                                + "</rect>",
                        x,
                        TOP + plot - h,
                        barWidth - 2,
                        h,
                        PALETTE.get(s % PALETTE.size()),
                        Html.escape(series.get(s)),
                        Html.escape(groups.get(g)),
                        v));
                svg.append(fmt(
                        "<text x='%.1f' y='%.1f' font-size='9' text-anchor='middle'>%s</text>",
                        x + (barWidth - 2) / 2.0, TOP + plot - h - 3, fmt("%.2f", v)));
            }
            svg.append(fmt(
                    "<text x='%d' y='%d' font-size='11' text-anchor='middle'>%s</text>",
                    x0 + (groupWidth - 16) / 2, TOP + plot + 16, Html.escape(groups.get(g))));
        }
        legend(svg, series, TOP + plot + 32);
        return svg.append("</svg>").toString();
    }

    /** A histogram of values in [0, 1] (ten bins; 1.0 falls in the last), one colour per series, bars side by side. */
    static String histogram(List<String> series, List<List<Double>> values) {
        int bins = 10;
        int binWidth = Math.max(48, series.size() * 12 + 8);
        int width = LEFT + bins * binWidth + 10;
        int height = 220;
        int plot = height - TOP - BOTTOM;
        int[][] counts = new int[series.size()][bins];
        int max = 1;
        for (int s = 0; s < series.size(); s++) {
            for (double v : values.get(s)) {
                int bin = Math.min(bins - 1, Math.max(0, (int) Math.floor(v * bins)));
                counts[s][bin]++;
                max = Math.max(max, counts[s][bin]);
            }
        }
        StringBuilder svg = open(width, height + 20);
        svg.append(
                fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>", LEFT, TOP + plot, width - 10, TOP + plot));
        svg.append(fmt("<text x='4' y='%d' font-size='10'>%d</text>", TOP + 4, max));
        svg.append(fmt("<text x='4' y='%d' font-size='10'>0</text>", TOP + plot));
        int barWidth = (binWidth - 8) / Math.max(1, series.size());
        for (int b = 0; b < bins; b++) {
            int x0 = LEFT + b * binWidth + 4;
            for (int s = 0; s < series.size(); s++) {
                double h = (double) counts[s][b] / max * plot;
                svg.append(fmt(
                        "<rect x='%d' y='%.1f' width='%d' height='%.1f' fill='%s'><title>%s %.1f–%.1f: %d"
                                + "</title></rect>",
                        x0 + s * barWidth,
                        TOP + plot - h,
                        Math.max(1, barWidth - 1),
                        h,
                        PALETTE.get(s % PALETTE.size()),
                        Html.escape(series.get(s)),
                        b / 10.0,
                        (b + 1) / 10.0,
                        counts[s][b]));
            }
            svg.append(fmt(
                    "<text x='%d' y='%d' font-size='10' text-anchor='middle'>%.1f–%.1f</text>",
                    x0 + binWidth / 2, TOP + plot + 14, b / 10.0, (b + 1) / 10.0));
        }
        legend(svg, series, TOP + plot + 32);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height) {
        return new StringBuilder(fmt(
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'"
                        + " role='img' font-family='sans-serif'>",
                width, height, width, height));
    }

    private static void axis(StringBuilder svg, int width, int plot) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plot - plot * i / 4.0;
            svg.append(fmt(
                    "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='%s'/>",
                    LEFT, y, width - 10, y, i == 0 ? "#999" : "#eee"));
            svg.append(fmt("<text x='4' y='%.1f' font-size='10'>%.2f</text>", y + 3, i / 4.0));
        }
    }

    private static void legend(StringBuilder svg, List<String> series, int y) {
        int x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            svg.append(fmt(
                    "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>",
                    x, y - 9, PALETTE.get(s % PALETTE.size())));
            svg.append(fmt("<text x='%d' y='%d' font-size='11'>%s</text>", x + 14, y, Html.escape(series.get(s))));
            x += 24 + series.get(s).length() * 7;
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
