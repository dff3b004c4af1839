/** Documents Patchwarden writes for other tools: Ansible playbooks for remediation changes. */
package org.patchwarden.formats.export;
