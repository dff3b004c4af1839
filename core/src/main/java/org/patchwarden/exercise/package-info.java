/**
 * Tabletop exercises: a scenario (events on the real fleet and policy) simulated day by day with a
 * simulated clock, driving the real matcher, assessor and remediation rules, and what came of it
 * (time to detection, time to verified fix, exposure window, SLA breaches, earliest warning).
 */
package org.patchwarden.exercise;
