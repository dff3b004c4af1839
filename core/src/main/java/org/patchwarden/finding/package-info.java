/**
 * The lifecycle of tracked findings: what a scan or a re-match opens, keeps open, reopens, fixes or
 * retracts, given what is stored and what matching found. Start from {@link
 * org.patchwarden.finding.FindingLifecycle#plan}; a store reads the findings in scope, asks for the
 * plan and writes it. Pure, no I/O.
 */
package org.patchwarden.finding;
