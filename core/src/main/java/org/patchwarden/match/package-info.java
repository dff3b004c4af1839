/** Matching inventories against advisories: findings with evidence, and coverage gaps. Pure, no I/O. */
package org.patchwarden.match;
