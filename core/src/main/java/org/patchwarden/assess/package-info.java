/**
 * Assessment: the patch-prioritization matrix. Pure, no I/O.
 *
 * <p>Start from {@link org.patchwarden.assess.SignalCollector}, which turns a finding, what the feeds
 * say about its vulnerabilities and its asset into {@link org.patchwarden.assess.Signals}; then
 * {@link org.patchwarden.assess.Assessor} applies a {@link org.patchwarden.assess.Policy} (ordered
 * tier rules, remediation windows) and the CISA SSVC decision table ({@link
 * org.patchwarden.assess.SsvcEvaluator}, evaluated from the table data) to give an {@link
 * org.patchwarden.assess.Assessment}: tier, SSVC decision, due date and a rationale naming the
 * signals that decided it. {@link org.patchwarden.assess.ExposureReport} summarises overdue findings
 * and exposure windows per asset and per owner team. {@link org.patchwarden.assess.FixPlan} groups
 * prioritised findings into {@link org.patchwarden.assess.FixGroup}s: what to upgrade to close them.
 */
package org.patchwarden.assess;
