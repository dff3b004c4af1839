/** CPE names (2.3 formatted strings and 2.2 URIs) as feeds write them. */
package org.patchwarden.formats.cpe;
