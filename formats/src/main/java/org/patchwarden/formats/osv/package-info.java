/** OSV format pieces shared by the OSV feed reader and the vercmp protocol. */
package org.patchwarden.formats.osv;
