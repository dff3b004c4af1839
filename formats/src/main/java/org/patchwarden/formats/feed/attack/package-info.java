/** MITRE ATT&CK: STIX bundle and mitre/cti directory reader, and the CTID Mappings Explorer (KEV to ATT&CK) reader. */
package org.patchwarden.formats.feed.attack;
