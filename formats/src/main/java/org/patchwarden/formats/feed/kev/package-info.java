/** CISA Known Exploited Vulnerabilities catalog: JSON and CSV readers. */
package org.patchwarden.formats.feed.kev;
