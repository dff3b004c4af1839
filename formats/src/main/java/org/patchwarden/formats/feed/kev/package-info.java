/** CISA Known Exploited Vulnerabilities catalog: JSON reader. */
package org.patchwarden.formats.feed.kev;
