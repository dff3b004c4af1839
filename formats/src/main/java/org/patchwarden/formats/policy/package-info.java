/** Remediation policy files (YAML) read into {@link org.patchwarden.assess.Policy}, and the shipped default. */
package org.patchwarden.formats.policy;
