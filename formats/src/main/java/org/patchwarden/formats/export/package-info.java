/**
 * Documents Patchwarden writes for other tools: Ansible playbooks for remediation changes, and
 * exports of findings as JSON, CSV, SARIF 2.1.0, CycloneDX 1.6 VEX and CSAF 2.0 VEX.
 */
package org.patchwarden.formats.export;
