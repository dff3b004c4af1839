/** NVD CVE API 2.0 JSON responses: reader of CVE records with CPE configurations. */
package org.patchwarden.formats.feed.nvd;
