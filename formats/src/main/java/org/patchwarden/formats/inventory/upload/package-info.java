/** The inventory upload document a collector agent sends to the server, and its content hash. */
package org.patchwarden.formats.inventory.upload;
