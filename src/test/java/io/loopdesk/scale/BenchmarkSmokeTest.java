package io.loopdesk.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.bench.Benchmark;
import io.loopdesk.bench.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The benchmark is never part of the suite and its timings are never asserted; this runs all
 * of its code once on tiny data for a moment, so that it cannot rot unnoticed.
 */
class BenchmarkSmokeTest {

    @Test
    void everyScenarioRunsAndReportsWithoutErrors() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report report = Benchmark.run(Benchmark.Options.parse("--rows=3000", "--clients=4",
                "--warm-up=0.5", "--seconds=1.5", "--reviewers=3", "--queue=150",
                "--filter-cancel=150"), new PrintStream(progress, true, StandardCharsets.UTF_8));

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        assertThat(report.rows()).extracting(Report.Row::scenario).contains(
                "HTTP floor: bare Javalin GET", "DB floor: single-row INSERT",
                "DB floor: single-row UPDATE", "DB bound: create's least writes, 1 tx",
                "DB bound: cancel's least writes, 1 tx", "POST create", "GET /v1/api/requests/{id}",
                "DELETE cancel (pending)", "server RSS, peak under create/cancel",
                "cancel by filter, 150 pending",
                "3 reviewers, pick from queue, claim+answer, queue of 150",
                "3 reviewers, pick from queue, claim only, queue of 150",
                "3 reviewers, claim next, claim+answer, queue of 150",
                "3 reviewers, claim next, claim only, queue of 150",
                "list page 1 (dashboard)", "list status+loop (API, limit 50)");
        assertThat(report.rows()).as(printed + progress.toString(StandardCharsets.UTF_8))
                .allSatisfy(row -> {
                    assertThat(row.errors()).as(row.scenario()).isZero();
                    assertThat(row.throughput()).as(row.scenario()).isPositive();
                });
        assertThat(printed).startsWith("| scenario").contains("| POST create");
    }
}
