package io.loopdesk.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The one table the benchmark prints: a row per scenario, its floor ratio and its target. */
public final class Report {

    /** A row. Latencies are in milliseconds; NaN where a column does not apply. */
    public record Row(String scenario, int clients, double throughput, String unit, double p50,
                      double p95, double p99, double serverP95, String cpu, double otherCores,
                      long errors, Double ratio, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** A row from a load's result. */
    Row add(String scenario, int clients, Load.Result r, String unit, Double ratio,
            String target, Boolean met) {
        Row row = new Row(scenario, clients, r.throughput(), unit, millis(r.latency(), 50),
                millis(r.latency(), 95), millis(r.latency(), 99), millis(r.serverTime(), 95),
                cpu(r.cpuPerCall()), r.otherCores(), r.errors(), ratio, target, met);
        rows.add(row);
        return row;
    }

    void note(String text) {
        notes.add(text);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** CPU ms per call of the server, the database and the driver, as "0.41+0.35+0.12". */
    static String cpu(Map<String, Double> perCall) {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("server", "db", "driver")) {
            Double ms = perCall.get(name);
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(ms == null || ms.isNaN() ? "?" : String.format(Locale.ROOT, "%.2f", ms));
        }
        return perCall.isEmpty() ? "" : sb.toString();
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN
                : h.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public void print(PrintStream out) {
        String[] head = {"scenario", "clients", "throughput", "p50 ms", "p95 ms", "p99 ms",
            "server p95", "CPU ms/call srv+db+drv", "others' CPU", "errors", "vs floor",
            "target", "met"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {
                r.scenario(), Integer.toString(r.clients()),
                String.format(Locale.ROOT, "%,.0f %s", r.throughput(), r.unit()),
                ms(r.p50()), ms(r.p95()), ms(r.p99()), ms(r.serverP95()), r.cpu(),
                Double.isNaN(r.otherCores()) ? ""
                        : String.format(Locale.ROOT, "%.2f cores", r.otherCores()),
                Long.toString(r.errors()),
                r.ratio() == null ? "" : String.format(Locale.ROOT, "%.0f%%", r.ratio() * 100),
                r.target(),
                r.met() == null ? "" : r.met() ? "yes" : "NO"});
        }
        int[] width = new int[head.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder("| ");
            for (int i = 0; i < head.length; i++) {
                String cell = cells.get(r)[i];
                boolean left = i == 0 || i == 11;
                line.append(left ? pad(cell, width[i], false) : pad(cell, width[i], true))
                        .append(" | ");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < head.length; i++) {
                    boolean left = i == 0 || i == 11;
                    rule.append(left ? ":" : "-").append("-".repeat(width[i]))
                            .append(left ? "-|" : ":|");
                }
                out.println(rule);
            }
        }
        notes.forEach(n -> out.println("- " + n));
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
