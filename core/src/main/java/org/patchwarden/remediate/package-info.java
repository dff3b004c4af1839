/**
 * Remediation: what to do about open findings. Pure, no I/O. {@link org.patchwarden.remediate.FixPlan}
 * groups prioritised findings into {@link org.patchwarden.remediate.FixGroup}s: one upgrade per asset
 * and installed package that closes all of its findings, the findings no fix closes yet, and the
 * product-only KEV findings someone has to verify by hand.
 */
package org.patchwarden.remediate;
