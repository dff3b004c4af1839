package org.patchwarden.formats.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.patchwarden.remediate.RemediationMetrics;
import org.patchwarden.report.PatchReport;
import org.patchwarden.report.ReportPeriod;

/** A small but complete report, with a hostile team name, for rendering tests. */
final class SampleReports {
  private SampleReports() {}

  static PatchReport august() {
    LocalDate to = LocalDate.parse("2025-08-27");
    return new PatchReport(new ReportPeriod(LocalDate.parse("2025-08-01"), to), to,
        new PatchReport.KevExposure(2, 2, List.of("CVE-2021-44228", "CVE-2024-0012"), 2, List.of("CVE-2024-0012")),
        List.of(new PatchReport.TierCount("T0", "emergency", 1, 1), new PatchReport.TierCount("T1", "urgent", 1, 1),
            new PatchReport.TierCount("T2", "standard", 0, 0), new PatchReport.TierCount("T3", "routine", 4, 0)),
        List.of(new PatchReport.TeamCount("web-team", 4, 1), new PatchReport.TeamCount("<net&ops>", 2, 1)),
        List.of(new PatchReport.OverdueFinding("web-01|deb|log4j|CVE-2021-44228", "web-01", "web-team",
            "CVE-2021-44228", "T1", LocalDate.parse("2021-12-24"), 1342, true),
            new PatchReport.OverdueFinding("fw|x|panos|CVE-2024-0012", "fw-edge-01", "<net&ops>", "CVE-2024-0012", "T0",
                LocalDate.parse("2024-12-09"), 261, true)),
        PatchReport.FixTimes.of(List.of(2L, 5L, 9L, 40L, 66L)),
        new RemediationMetrics(List.of(new RemediationMetrics.Row("T1", 5, Duration.ofDays(24), Duration.ofDays(66))),
            List.of(), 19, 1, 1, 1, new RemediationMetrics.Row("approval", 3, Duration.ofHours(5), Duration.ofHours(9)),
            1),
        List.of(new PatchReport.TrendPoint(LocalDate.parse("2025-08-07"), 3, 3, 0),
            new PatchReport.TrendPoint(LocalDate.parse("2025-08-14"), 5, 3, 1),
            new PatchReport.TrendPoint(LocalDate.parse("2025-08-21"), 6, 2, 1),
            new PatchReport.TrendPoint(LocalDate.parse("2025-08-27"), 6, 0, 0)));
  }
}
