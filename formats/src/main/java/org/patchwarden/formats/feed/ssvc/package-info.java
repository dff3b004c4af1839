/** CERT/CC SSVC data: decision points and decision tables from the SSVC data tree. */
package org.patchwarden.formats.feed.ssvc;
