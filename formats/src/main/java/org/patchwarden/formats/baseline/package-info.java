/**
 * Baseline inputs: settings files collected beside an asset's inventory (sshd_config, sysctl.conf,
 * a {@code settings} key=value file) and the drift policy YAML.
 */
package org.patchwarden.formats.baseline;
