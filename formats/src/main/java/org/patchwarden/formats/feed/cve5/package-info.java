/** CVE JSON 5 records (cvelistV5 layout, CNA and ADP containers): reader. */
package org.patchwarden.formats.feed.cve5;
