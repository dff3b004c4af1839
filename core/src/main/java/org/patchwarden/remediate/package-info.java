/** Remediation: changes that fix findings, their approvals, and the verification that the fix landed. */
package org.patchwarden.remediate;
