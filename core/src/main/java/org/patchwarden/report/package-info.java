/** The patch-management report: the figures of a period, computed from findings, assessments and changes. */
package org.patchwarden.report;
