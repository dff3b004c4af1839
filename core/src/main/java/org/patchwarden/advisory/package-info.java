/**
 * Vulnerability knowledge: advisories and the signals attached to them (CISA KEV so far). Ports
 * here are implemented by the {@code store} module.
 */
package org.patchwarden.advisory;
