package org.patchwarden.app.web;

/** Policies the server tests write into a home to see a policy change reach the pages. */
final class TestPolicies {
  /** Every finding with a fix is an emergency (T0); the rest is tracked (T4). */
  static final String EVERYTHING_NOW = """
        version: 1
        name: everything-now
        ssvc_table: cisa:DT_CO:2.0.3
        assume:
          criticality: 2
          internet_facing: false
          environment: production
        tiers:
          - id: T0
            name: emergency
            window_days: 2
            when:
              fix_available: true
          - id: T4
            name: track
            window_days: 180
        """;

  private TestPolicies() {}
}
